#!/usr/bin/env bash
# Benchmark: `defaultsg scan` on a generated tree of mixed files
# (CloudFormation YAML, CDK-style JSON, Terraform, Terraform JSON and CDK app
# source in TypeScript, Python, Java, C# and Go; the generator is
# internal/iac/scan/gen_test.go). Single process, loopback-free.
# Prints a Markdown table for docs/PERFORMANCE.md "## scan".
#
#   bench/scan.sh [FILES] [RUNS]        (defaults: 10000 files, 3 runs)
#
# Env: DSG=path/to/defaultsg to use a prebuilt binary; DSG_BEFORE=path to
# also time an older build on the same tree (before/after a change);
# COMPARE_TRIVY=1 to also time `trivy config` on the same tree if trivy is
# on PATH (keep it out of CI). Needs: go; /usr/bin/time (GNU) for peak RSS,
# optional.
set -euo pipefail
cd "$(dirname "$0")/.."
FILES=${1:-10000}
RUNS=${2:-3}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tree="$work/tree"
mkdir -p "$tree"

if [[ -z "${DSG:-}" ]]; then
  go build -o "$work/defaultsg" ./cmd/defaultsg
  DSG="$work/defaultsg"
fi
"$DSG" scan --help >/dev/null 2>&1 || { echo "$DSG has no scan command" >&2; exit 1; }

DSG_GEN_DIR="$tree" DSG_GEN_N="$FILES" go test ./internal/iac/scan -run '^TestGenerateTree$' -count=1 >/dev/null
nfiles=$(find "$tree" -type f | wc -l)
nbytes=$(find "$tree" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')

have_time=0
[[ -x /usr/bin/time ]] && /usr/bin/time -v true >/dev/null 2>&1 && have_time=1

# run_one CMD...: prints "seconds peak_kib" for one run.
run_one() {
  if [[ $have_time == 1 ]]; then
    /usr/bin/time -v -o "$work/time.txt" "$@" >/dev/null 2>&1 || true
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
    secs=$(echo "$wall" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    echo "$secs $rss"
  else
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    echo "$(echo "$end - $start" | bc) -"
  fi
}

report() { # name
  local name=$1; shift
  : >"$work/runs.txt"
  for _ in $(seq "$RUNS"); do run_one "$@" >>"$work/runs.txt"; done
  sort -n "$work/runs.txt" | awk -v n="$nfiles" -v b="$nbytes" -v name="$name" -v cpus="$(nproc)" '
    { t[NR]=$1; r[NR]=$2 } END {
      m = t[int((NR+1)/2)]; rss = r[int((NR+1)/2)]
      printf "| %s | %d | %.1f | %.2f | %.0f | %.1f | %s |\n", name, n, b/1048576, m, n/m, b/1048576/m, (rss=="-" ? "n/a" : sprintf("%.0f MiB", rss/1024))
    }'
}

nsrc=$(find "$tree" -type f \( -name '*.ts' -o -name '*.py' -o -name '*.java' -o -name '*.cs' -o -name '*.go' \) | wc -l)
echo "Tree: $nfiles files ($nsrc CDK app source), $((nbytes / 1024)) KiB; $(nproc) CPUs; $(go version | awk '{print $3}'); median of $RUNS runs"
echo
echo "| tool | files | MiB | seconds | files/s | MiB/s | peak RSS |"
echo "|---|---|---|---|---|---|---|"
report "defaultsg scan -o json" "$DSG" scan -o json --fail-on never "$tree"
if [[ -n "${DSG_BEFORE:-}" ]]; then
  report "defaultsg scan -o json (before: $(basename "$DSG_BEFORE"))" "$DSG_BEFORE" scan -o json --fail-on never "$tree"
fi
if [[ "${COMPARE_TRIVY:-}" == 1 ]] && command -v trivy >/dev/null; then
  report "trivy config ($(trivy --version | head -1))" trivy config --skip-check-update --quiet --format json "$tree"
fi
