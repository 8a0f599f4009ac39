#!/usr/bin/env bash
# Builds the Redshift sink's plugin archive and the benchmark jar, fetches the Debezium JDBC sink
# plugin, and prints Spillway's sink vs Debezium's vs a plain-JDBC COPY + merge loop, side by
# side, upserting the same changes into one local PostgreSQL (needs the Debian postgresql package).
# Usage: bench/run-sink-bench.sh [records [keys]]   (defaults: 1000000 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl connector-redshift-sink,bench -am package -DskipTests -Dspotless.check.skip=true -Pdebezium
archive=$(find connector-redshift-sink/target -maxdepth 1 -type d -name 'connector-redshift-sink-*' | head -1)
# shellcheck disable=SC2086
exec java -Xmx6g -XX:+UseG1GC ${JAVA_OPTS:-} \
  -Dspillway.sink.archive="$archive" -Ddebezium.plugin.dir=bench/target/debezium-plugin \
  -cp bench/target/benchmarks.jar io.spillway.connect.bench.SinkUpsertBenchmark "$@"
