#!/usr/bin/env bash
# Load test of the dashboard's /api/recommend on loopback: 200 concurrent clients x 50 requests by
# default (pass --clients N --requests N --warmup N to change). Builds what it needs, never installs.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B package -pl examples -am -DskipTests
exec java -cp examples/target/carbonbench.jar ai.carbonbench.examples.server.RecommendLoad "$@"
