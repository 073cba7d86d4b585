#!/usr/bin/env bash
# Benchmark: defaultsg --org audit and usage over a generated organization on
# the simulator (issue "Whole-Organization runs at speed"). For each size it
# starts a fresh simulator serving `generate:` accounts with LATENCY per call
# and EC2's token buckets per account-region, then measures each command:
# wall time, the client's CPU time (user + system) and peak RSS (/usr/bin/time -v), API calls, throttled calls and
# the busiest account-region (from the simulator's GET /_sim/stats), and
# errors (problems in the report + an exit code other than 0/3; must be 0).
# Prints a Markdown table for docs/PERFORMANCE.md, then the calls per
# account-region by action of the last usage run.
#
# The client is bench/profiled: defaultsg that, like a client of AWS, gets
# NXDOMAIN for a service's endpoint in a region where the (generated,
# AWS-shaped) organization does not offer it (internal/sim/availability.go);
# DSG_CPUPROFILE / DSG_HEAPPROFILE make it write pprof profiles.
#
#   bench/org_scale.sh [SIZES] [LATENCY] [-- extra defaultsg flags]
#     SIZES: space-separated ACCOUNTSxREGIONS, REGIONS 1 or 17
#     default: "500x17", 50ms.  Growth table: "10x17 100x17 500x17 1000x17 500x1"
#
#   AGGREGATOR=NAME [RECORDER_OFF=N] bench/org_scale.sh ...
#     the generated organization also runs an AWS Config aggregator NAME
#     (management account, us-east-1) with N account-regions' recorders
#     off, and usage reads through it (--inventory config:NAME); audit,
#     which the aggregator does not change, is not run. The usage row is
#     followed by the cells per finder and source (docs/INVENTORY.md).
#
# Needs: go, python3, /usr/bin/time. Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${1:-500x17}
LATENCY=${2:-50ms}
shift $(( $# > 2 ? 3 : $# ))
EXTRA=("$@")
AGGREGATOR=${AGGREGATOR:-}
RECORDER_OFF=${RECORDER_OFF:-0}
COMMANDS="audit usage"
GEN_EXTRA=""
if [ -n "$AGGREGATOR" ]; then
  COMMANDS="usage"
  GEN_EXTRA=", config_aggregator: $AGGREGATOR, config_recorder_off: $RECORDER_OFF"
fi
[ -x /usr/bin/time ] || { echo "/usr/bin/time (GNU time) is required for peak RSS" >&2; exit 1; }

work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
# DSG_BIN benchmarks an already built binary (e.g. one under profiling).
DSG=${DSG_BIN:-$work/defaultsg}
[ -n "${DSG_BIN:-}" ] || go build -o "$DSG" ./bench/profiled
export AWS_SECRET_ACCESS_KEY=bench AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_sim() { # accounts regions
  local regions=standard
  [ "$2" = 1 ] && regions='[us-east-1]'
  cat >"$work/org.yaml" <<EOF
accounts: []
regions: $regions
generate: {accounts: $1, interfaces_per_region: 3, rules_per_default_group: 2, suspended: $(( $1 / 100 )), ous: 4, seed: 1$GEN_EXTRA}
faults: {latency: $LATENCY, token_buckets: true}
EOF
  port=$(free_port)
  "$DSG" sim --scenario "$work/org.yaml" --listen "127.0.0.1:$port" >"$work/sim.log" 2>&1 &
  SIM_PID=$!
  for _ in $(seq 600); do
    grep -q listening "$work/sim.log" 2>/dev/null && break
    sleep 0.1
  done
  URL="http://127.0.0.1:$port"
  # The first generated account is the management account.
  export AWS_ACCESS_KEY_ID=AKIASIMX900000000001
}
stop_sim() { kill "$SIM_PID"; wait "$SIM_PID" 2>/dev/null || true; }
stats() { python3 -c "import json,urllib.request; print(urllib.request.urlopen('$URL/_sim/stats').read().decode())"; }

measure() { # accounts regions command
  stats >"$work/before.json"
  set +e
  local inv=()
  [ -n "$AGGREGATOR" ] && [ "$3" = usage ] && inv=(--inventory "config:$AGGREGATOR")
  /usr/bin/time -v -o "$work/time.txt" "$DSG" --endpoint-url "$URL" --org -q "${inv[@]}" "${EXTRA[@]}" "$3" -o json >"$work/out.json" 2>"$work/err.txt"
  code=$?
  set -e
  stats >"$work/after.json"
  python3 - "$1" "$2" "$3" "$code" "$work" <<'PY'
import json, re, sys
accts, regions, cmd, code, work = sys.argv[1:]
t = open(f"{work}/time.txt").read()
m = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", t)
wall = int(m.group(1) or 0) * 3600 + int(m.group(2)) * 60 + float(m.group(3))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
cpu = float(re.search(r"User time \(seconds\): ([\d.]+)", t).group(1)) + float(re.search(r"System time \(seconds\): ([\d.]+)", t).group(1))
b, a = json.load(open(f"{work}/before.json")), json.load(open(f"{work}/after.json"))
try:
    problems = len(json.load(open(f"{work}/out.json")).get("problems") or [])
except Exception:
    problems = -1
errors = problems + (0 if code in ("0", "3") else 1)
if errors:
    sys.stderr.write(open(f"{work}/err.txt").read()[-2000:])
calls, thr = a["calls"] - b["calls"], a["throttled"] - b["throttled"]
other = (a["errors"] - b["errors"]) - thr
cells, retries, rep = "", "", None
try:
    rep = json.load(open(f"{work}/out.json"))
    sm = rep.get("summary") or {}
    st = {}
    for c in sm.get("cells") or []:
        for k in ("checked", "skipped", "accepted", "unknown"):
            st[k] = st.get(k, 0) + c.get(k, 0)
    cells = " ".join(f"{k} {v}" for k, v in st.items() if v)
    if sm.get("calls"):
        retries = f'{sm["calls"]["retries"]}/{sm["calls"]["throttled"]}'
except Exception:
    pass
print(f"| {cmd} | {accts} | {regions} | {wall:.1f} | {cpu:.1f} | {calls} | {thr} | {other} | {a['max_calls_per_account_region']} | {rss:.0f} | {retries} | {cells} | {errors} (exit {code}) |")
inv = rep.get("inventory") if isinstance(rep, dict) else None
if inv:
    with open(f"{work}/inventory.md", "w") as f:
        f.write(f"\nusage {accts}x{regions} through {inv['source']}: cells per finder and source ({len(inv.get('direct_everywhere') or [])} other finders read directly everywhere)\n\n| finder | source | cells |\n| --- | --- | ---: |\n")
        for c in inv.get("summary") or []:
            f.write(f"| {c['finder']} | {c['source']} | {c['cells']} |\n")
        if inv.get("error"):
            f.write(f"\naggregator error: {inv['error']}\n")
if cmd == "usage":
    ars = int(accts) * int(regions)
    rows = sorted((k, a["by_action"][k] - b["by_action"].get(k, 0)) for k in a["by_action"])
    with open(f"{work}/by_action.md", "w") as f:
        f.write(f"\nusage {accts}x{regions}: calls per account-region by action ({ars} account-regions)\n\n| action | calls | per account-region |\n| --- | ---: | ---: |\n")
        for k, n in rows:
            if n:
                f.write(f"| {k} | {n} | {n / ars:.2f} |\n")
PY
}

echo "# $(nproc) cores, $(free -h | awk '/Mem:/{print $2}') RAM, $(go version | cut -d' ' -f3); latency $LATENCY per call; EC2 token buckets per account-region; flags: ${EXTRA[*]:-(defaults)}${AGGREGATOR:+; usage --inventory config:$AGGREGATOR, $RECORDER_OFF recorders off}"
echo
echo "| command | accounts | regions | wall s | client CPU s | API calls | throttled | other API errors | max calls/acct-region | peak RSS MiB | retries/throttled (client) | cells | errors |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"
for size in $SIZES; do
  accts=${size%x*}; regions=${size#*x}
  start_sim "$accts" "$regions"
  for c in $COMMANDS; do
    measure "$accts" "$regions" "$c"
  done
  stop_sim
done
[ -f "$work/by_action.md" ] && cat "$work/by_action.md"
[ -f "$work/inventory.md" ] && cat "$work/inventory.md"
