#!/usr/bin/env bash
# Benchmark: defaultsg vs the classic manual loop with the real AWS CLI, on the
# same simulator in the same run (issue: "audit/close 1 account x 17 regions,
# 80 ms injected latency"). Prints a Markdown table for docs/PERFORMANCE.md.
#
#   bench/compare_cli.sh [RUNS] [LATENCY]     (defaults: 5 runs, 80ms)
#
# Needs: go, python3 (for a free port), aws (AWS CLI v1). Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
LATENCY=${2:-80ms}
command -v aws >/dev/null || { echo "aws CLI not installed" >&2; exit 1; }

work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
go build -o "$work/defaultsg" ./cmd/defaultsg
DSG="$work/defaultsg"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# start_sim: a fresh simulator (default scenario: 1 account, 17 regions, a
# default VPC and default group with AWS's default rules in each).
start_sim() {
  port=$(free_port)
  "$DSG" sim --listen "127.0.0.1:$port" --latency "$LATENCY" >"$work/sim.log" 2>&1 &
  SIM_PID=$!
  for _ in $(seq 100); do
    grep -q listening "$work/sim.log" 2>/dev/null && break
    sleep 0.05
  done
  URL="http://127.0.0.1:$port"
  export AWS_ACCESS_KEY_ID=$(sed -n 's/.*AWS_ACCESS_KEY_ID=\([A-Z0-9]*\).*/\1/p' "$work/sim.log" | head -1)
}
stop_sim() { kill "$SIM_PID"; wait "$SIM_PID" 2>/dev/null || true; }

export AWS_SECRET_ACCESS_KEY=bench AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true

now() { date +%s.%N; }
elapsed() { python3 -c "print(f'{$2 - $1:.2f}')"; }

cli_audit() {
  for r in $(aws --endpoint-url "$URL" ec2 describe-regions --query 'Regions[].RegionName' --output text); do
    aws --endpoint-url "$URL" --region "$r" ec2 describe-security-groups \
      --filters Name=group-name,Values=default --output json >/dev/null
  done
}

cli_close() {
  for r in $(aws --endpoint-url "$URL" ec2 describe-regions --query 'Regions[].RegionName' --output text); do
    sgs=$(aws --endpoint-url "$URL" --region "$r" ec2 describe-security-groups \
      --filters Name=group-name,Values=default --output json)
    for id in $(echo "$sgs" | python3 -c 'import json,sys; print(" ".join(g["GroupId"] for g in json.load(sys.stdin)["SecurityGroups"]))'); do
      in=$(echo "$sgs" | python3 -c "import json,sys; g=[g for g in json.load(sys.stdin)['SecurityGroups'] if g['GroupId']=='$id'][0]; print(json.dumps(g['IpPermissions']))")
      out=$(echo "$sgs" | python3 -c "import json,sys; g=[g for g in json.load(sys.stdin)['SecurityGroups'] if g['GroupId']=='$id'][0]; print(json.dumps(g['IpPermissionsEgress']))")
      [ "$in" != "[]" ] && aws --endpoint-url "$URL" --region "$r" ec2 revoke-security-group-ingress --group-id "$id" --ip-permissions "$in" >/dev/null
      [ "$out" != "[]" ] && aws --endpoint-url "$URL" --region "$r" ec2 revoke-security-group-egress --group-id "$id" --ip-permissions "$out" >/dev/null
    done
  done
}

dsg_audit() { "$DSG" --endpoint-url "$URL" -q audit -o json >/dev/null 2>&1 || [ $? -eq 3 ]; }
dsg_close() { (cd "$work" && "$DSG" --endpoint-url "$URL" -q close --yes -o json >/dev/null); }

median() { python3 -c "import statistics,sys; print(f'{statistics.median(float(x) for x in sys.argv[1:]):.2f}')" "$@"; }

measure() { # name fn fresh_sim_each_run
  local name=$1 fn=$2 fresh=$3 times=()
  [ "$fresh" = no ] && start_sim
  for _ in $(seq "$RUNS"); do
    [ "$fresh" = yes ] && start_sim
    t0=$(now); $fn; t1=$(now)
    times+=("$(elapsed "$t0" "$t1")")
    [ "$fresh" = yes ] && stop_sim
  done
  [ "$fresh" = no ] && stop_sim
  echo "$name $(median "${times[@]}") ${times[*]}"
}

echo "# $RUNS runs each, latency $LATENCY per call, 1 account x 17 regions ($(nproc) cores, $(go version | cut -d' ' -f3))"
a1=$(measure "aws-cli-audit" cli_audit no)
a2=$(measure "defaultsg-audit" dsg_audit no)
c1=$(measure "aws-cli-close" cli_close yes)
c2=$(measure "defaultsg-close" dsg_close yes)
echo
echo "| job | AWS CLI loop (median s) | defaultsg (median s) | speed-up |"
echo "| --- | ---: | ---: | ---: |"
for pair in "audit|$a1|$a2" "close|$c1|$c2"; do
  IFS='|' read -r job cli dsg <<<"$pair"
  tc=$(echo "$cli" | cut -d' ' -f2); td=$(echo "$dsg" | cut -d' ' -f2)
  echo "| $job | $tc | $td | $(python3 -c "print(f'{$tc/$td:.1f}x')") |"
done
echo
echo "raw: $a1"; echo "raw: $a2"; echo "raw: $c1"; echo "raw: $c2"
