#!/usr/bin/env bash
# Microseconds per bearer-token verification: HS256 device tokens against ES256 official tokens, with
# the protocol module's BearerTokens on one thread, 3 alternating rounds. See docs/performance.md.
# Usage: deploy/bench/token-verification.sh [seconds-per-round]   (after ./mvnw -DskipTests install)
set -euo pipefail
cd "$(dirname "$0")/../.."
nimbus=$(./mvnw -q -B -pl protocol dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeArtifactIds=nimbus-jose-jwt)
exec java -cp "protocol/target/classes:$nimbus" deploy/bench/TokenVerification.java "${1:-10}"
