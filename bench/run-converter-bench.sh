#!/usr/bin/env bash
# Builds the benchmark jar and prints Kafka's JsonConverter vs Spillway's FlatRowJsonConverter
# writing one flattened ~1 KB order (packed and unpacked), side by side (JMH).
# Usage: bench/run-converter-bench.sh [forks warmups iterations seconds]   (defaults: 2 5 5 2)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl bench -am package -DskipTests -Dspotless.check.skip=true
exec java -cp bench/target/benchmarks.jar io.spillway.connect.bench.ConverterBenchmarkRunner "$@"
