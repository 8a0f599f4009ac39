#!/usr/bin/env bash
# Builds the benchmark jar and prints flattening vs bare Jackson parse, side by side.
# Usage: bench/run-flatten-bench.sh [forks warmups iterations seconds]   (defaults: 2 5 5 2)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl bench -am package -DskipTests -Dspotless.check.skip=true
java -jar bench/target/benchmarks.jar "$@"
