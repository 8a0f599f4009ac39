#!/usr/bin/env bash
# Builds the benchmark jar and prints MirrorMaker 2 vs Spillway's Kafka source (packed and
# unpacked JSON), side by side, copying one topic between two in-JVM Kafka clusters.
# Usage: bench/run-source-bench.sh [records [repeats [warmup-records]]]   (defaults: 1000000 1 0)
# JAVA_OPTS is appended to the JVM options, e.g.
#   JAVA_OPTS='-XX:StartFlightRecording=filename=/tmp/source-bench.jfr' bench/run-source-bench.sh
# and -Dbench.variants=MM2,PACKED (enum names of SourceReplicationBenchmark.Variant) runs only those;
# -Dbench.spillway.config=k=v,k=v adds connector settings to the Spillway variants.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl bench -am package -DskipTests -Dspotless.check.skip=true
# shellcheck disable=SC2086
exec java -Xmx4g -XX:+UseG1GC ${JAVA_OPTS:-} -cp bench/target/benchmarks.jar \
  io.spillway.connect.bench.SourceReplicationBenchmark "$@"
