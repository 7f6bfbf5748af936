#!/usr/bin/env bash
# One matching instance pinned to one core against two instances pinned to a core each, on the same
# backlog of sightings, in alternating rounds: records/s, CPU seconds per million records (in all and
# by kind of thread: stream threads, Kafka clients, RocksDB, JIT, GC) and the
# partitions each instance holds. See docs/performance.md#matching-throughput-1-vs-2-instances.
# Usage: deploy/bench/scale-out.sh KAFKA_BOOTSTRAP [rounds] [seconds-per-window] [warm-up-seconds, 60]
# The sightings topic must already hold about 10 million records (the load benchmark puts them there;
# two instances take some 85,000/s through the warm-up and the window);
# every run uses a fresh application id, so it starts from the beginning of the topic.
set -euo pipefail
kafka=${1:?usage: scale-out.sh KAFKA_BOOTSTRAP [rounds] [seconds]}
rounds=${2:-3}
seconds=${3:-30}
warm_up=${4:-60}
cd "$(dirname "$0")/../.."
jar=deploy/launcher/target/services/matching-service.jar
simulator=simulator/target/simulator-0.1.0-SNAPSHOT-exec.jar
java_opts=${BENCH_JAVA_OPTS:--Xmx384m -XX:+UseSerialGC}
state=$(mktemp -d)
pids=()
stop() { [ ${#pids[@]} -eq 0 ] || kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; pids=(); }
trap 'stop; rm -rf "$state"' EXIT

# run INSTANCES: instance i is pinned to core i-1.
run() {
  local instances=$1 app="scale-out-$1-$RANDOM"
  for i in $(seq "$instances"); do
    # shellcheck disable=SC2086
    KAFKA_BOOTSTRAP_SERVERS=$kafka MATCHING_SERVICE_PORT=$((19100 + i)) BLUEZONE_MATCHING_APPLICATION_ID=$app \
      BLUEZONE_MATCHING_STATE_DIR=$state/$app-$i taskset -c $((i - 1)) java $java_opts -jar "$jar" \
      >"$state/$app-$i.log" 2>&1 &
    pids+=($!)
  done
  local list
  list=$(IFS=,; echo "${pids[*]}")
  if ! java -jar "$simulator" --consumer-rate --kafka "$kafka" --group "$app" --members "$instances" \
      --seconds "$seconds" --warm-up-seconds "$warm_up" --pids "$list" >"$state/$app-rate.log" 2>&1; then
    cat "$state/$app-rate.log"
    exit 1
  fi
  grep -E '^(group|partitions|instances|warning)' "$state/$app-rate.log" | sed "s/^/$instances instance(s): /"
  stop
  # Each run leaves millions of records in changelogs; removed so the broker does not compact them meanwhile.
  java -jar "$simulator" --consumer-rate --delete --kafka "$kafka" --group "$app" >"$state/$app-delete.log" 2>&1 \
    || { echo "could not delete $app:"; tail -5 "$state/$app-delete.log"; }
  rm -rf "${state:?}/$app"-*
}

for round in $(seq "$rounds"); do
  echo "round $round"
  run 1
  run 2
done
