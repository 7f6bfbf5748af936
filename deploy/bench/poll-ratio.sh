#!/usr/bin/env bash
# Polls per second through the gateway against a bare WebFlux endpoint, in alternating rounds on the
# same machine and client, after a JIT warm-up of both. See docs/performance.md#polling.
# Usage: TOKENS=/tmp/poll-tokens.txt deploy/bench/poll-ratio.sh [gateway-url] [bare-url] [rounds] [seconds-per-round]
set -euo pipefail
gateway=${1:-http://localhost:8080}
bare=${2:-http://localhost:8099}
rounds=${3:-3}
seconds=${4:-30}
script="$(dirname "$0")/poll.lua"

run() { wrk -t2 -c64 -d"$2"s --latency -s "$script" "$1/api/v1/alerts"; }

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

echo "warm-up: gateway 60 s, bare 20 s"
run "$gateway" 60 >/dev/null
run "$bare" 20 >/dev/null

printf '%-6s %-8s %12s %10s %10s %8s\n' round target polls/s p50 p99 errors
results=$(mktemp)
for round in $(seq "$rounds"); do
  for target in bare gateway; do
    url=$bare; [ "$target" = gateway ] && url=$gateway
    out=$(run "$url" "$seconds")
    rate=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    errors=$(awk '/Non-2xx/ {n += $NF} /Socket errors/ {for (i = 3; i <= NF; i++) n += $i + 0} END {print n + 0}' <<<"$out")
    printf '%-6s %-8s %12s %10s %10s %8s\n' "$round" "$target" "$rate" "$p50" "$p99" "$errors"
    echo "$target $rate" >>"$results"
  done
done
bare_median=$(awk '$1 == "bare" {print $2}' "$results" | median)
gateway_median=$(awk '$1 == "gateway" {print $2}' "$results" | median)
rm -f "$results"
awk -v g="$gateway_median" -v b="$bare_median" \
  'BEGIN {printf "median polls/s: gateway %.0f, bare %.0f, ratio %.3f\n", g, b, g / b}'
