#!/usr/bin/env bash
# Microseconds per bearer-token verification: HS256 device tokens against ES256 official tokens, with
# the protocol module's BearerTokens on one thread, 3 alternating rounds. See docs/performance.md.
# Usage: deploy/bench/token-verification.sh [seconds-per-round]   (after ./mvnw -DskipTests install)
set -euo pipefail
cd "$(dirname "$0")/../.."
# Nimbus (keys, signing), java-jwt (verification) and the Jackson 2 that java-jwt reads JSON with.
jwt=$(./mvnw -q -B -pl protocol dependency:build-classpath -Dmdep.outputFile=/dev/stdout \
  -Dmdep.includeArtifactIds=nimbus-jose-jwt,java-jwt,jackson-core,jackson-databind,jackson-annotations)
exec java -cp "protocol/target/classes:$jwt" deploy/bench/TokenVerification.java "${1:-10}"
