#!/usr/bin/env bash
# Polls per second through the gateway against a bare WebFlux endpoint, in alternating rounds on the
# same machine and client, after a JIT warm-up of both (the gateway's until its rate settles); reports
# the spread of the rounds, so that one ratio can be told from noise. See docs/performance.md#polling.
# Usage: TOKENS=/tmp/poll-tokens.txt deploy/bench/poll-ratio.sh [gateway-url] [bare-url] [rounds] [seconds-per-round]
# SPLIT=1 adds two gateway runs per round, with only the phones without alerts ($TOKENS.without-alerts, the
# polls the gateway answers itself) and only those with alerts ($TOKENS.alerted, the polls it passes on to
# the notify-service), as simulate --poll-setup writes them: what each kind costs and where the tail is.
set -euo pipefail
gateway=${1:-http://localhost:8080}
bare=${2:-http://localhost:8099}
rounds=${3:-5}
seconds=${4:-30}
script="$(dirname "$0")/poll.lua"

run() { wrk -t2 -c64 -d"$2"s --latency -s "$script" "$1/api/v1/alerts"; }
tokens_file=${TOKENS:-poll-tokens.txt}
targets="bare gateway"
[ "${SPLIT:-0}" = 1 ] && targets="$targets gateway-without-alerts gateway-alerted"

# The JVM options of the process listening on the URL's port: C1 only or C2, heap and GC differ between
# ways of starting the system, and so do the results.
jvm_options() {
  local port pid
  port=$(sed -E 's#.*:([0-9]+).*#\1#' <<<"$1")
  pid=$(ss -ltnpH "sport = :$port" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
  [ -n "$pid" ] && tr '\0' '\n' <"/proc/$pid/cmdline" | grep -E '^-X' | tr '\n' ' '
  echo
}

# stats: "min median max spread" of the numbers on stdin; spread = (max - min) / median.
stats() {
  sort -g | awk '{v[NR] = $1} END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%s %s %s %.0f%%\n", v[1], m, v[NR], 100 * (v[NR] - v[1]) / m }'
}

for url in "$gateway" "$bare"; do
  for _ in $(seq 60); do curl -s -o /dev/null "$url" && break; sleep 1; done
done
echo "gateway JVM: $(jvm_options "$gateway")"
echo "bare JVM:    $(jvm_options "$bare")"
# Warm-up until the gateway's rate settles: at least six 20-s runs, then until two in a row are within
# 10 % (at most 10 runs). A fixed minute was not enough on a busy machine (rounds after it still rose
# from 5,656 to 14,339 polls/s), nor were four runs (rounds after them rose from 14,183 to 20,490).
rate_of() { run "$1" "$2" | awk '/^Requests\/sec/ {print $2}'; }
previous=0
for warm_up in $(seq 10); do
  current=$(rate_of "$gateway" 20)
  echo "warm-up $warm_up: gateway $current polls/s"
  [ "$warm_up" -ge 6 ] && awk -v p="$previous" -v c="$current" 'BEGIN {exit !(c < 1.1 * p && c > 0.9 * p)}' && break
  previous=$current
done
run "$bare" 20 >/dev/null

printf '%-6s %-22s %12s %10s %10s %8s\n' round target polls/s p50 p99 errors
results=$(mktemp)
trap 'rm -f "$results"' EXIT
for round in $(seq "$rounds"); do
  for target in $targets; do
    url=$gateway; tokens=$tokens_file
    case $target in
      bare) url=$bare ;;
      gateway-without-alerts) tokens=$tokens_file.without-alerts ;;
      gateway-alerted) tokens=$tokens_file.alerted ;;
    esac
    out=$(TOKENS=$tokens run "$url" "$seconds")
    rate=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    errors=$(awk '/Non-2xx/ {n += $NF} /Socket errors/ {for (i = 3; i <= NF; i++) n += $i + 0} END {print n + 0}' <<<"$out")
    printf '%-6s %-22s %12s %10s %10s %8s\n' "$round" "$target" "$rate" "$p50" "$p99" "$errors"
    echo "$round $target $rate" >>"$results"
  done
done

printf '\n%-32s %10s %10s %10s %8s\n' "over $rounds rounds" min median max spread
for target in $targets; do
  printf '%-32s %10s %10s %10s %8s\n' "$target polls/s" $(awk -v t=$target '$2 == t {print $3}' "$results" | stats)
done
# A round's ratio compares the gateway with the bare endpoint measured just before it.
printf '%-32s %10s %10s %10s %8s\n' "ratio per round" $(awk '$2 == "bare" {b[$1] = $3} $2 == "gateway" {printf "%.3f\n", $3 / b[$1]}' "$results" | stats)
bare_median=$(awk '$2 == "bare" {print $3}' "$results" | stats | cut -d' ' -f2)
gateway_median=$(awk '$2 == "gateway" {print $3}' "$results" | stats | cut -d' ' -f2)
awk -v g="$gateway_median" -v b="$bare_median" \
  'BEGIN {printf "median polls/s: gateway %.0f, bare %.0f, ratio %.3f\n", g, b, g / b}'
