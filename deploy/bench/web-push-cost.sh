#!/usr/bin/env bash
# Milliseconds of CPU per Web Push (encryption and VAPID token apart), one thread, 4 rounds, with the
# launcher's JVM options by default. See docs/performance.md (the push step).
# Usage: deploy/bench/web-push-cost.sh [pushes-per-round]   (after ./mvnw -DskipTests install)
set -euo pipefail
cd "$(dirname "$0")/../.."
classpath=$(./mvnw -q -B -o -pl notify-service dependency:build-classpath -Dmdep.outputFile=/dev/stdout \
  -Dmdep.includeArtifactIds=zerodep-web-push-java)
# shellcheck disable=SC2086
exec java ${BENCH_JAVA_OPTS:--XX:TieredStopAtLevel=1} -cp "$classpath" deploy/bench/WebPushCost.java "${1:-1000}"
