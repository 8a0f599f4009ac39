#!/usr/bin/env bash
# The one benchmark command: builds the plugins and the bench jar (fetching the Debezium JDBC sink
# plugin through Maven), runs every row of docs/benchmarks.md back to back on identical input
# (a warm-up per contestant, then 3 repeats in rotating order, a full GC before each run, each
# run's final state checked) and rewrites docs/benchmarks.md, docs/benchmarks.svg and
# docs/benchmarks.json (the figures; rows not run keep theirs).
# Usage: bench/run-all.sh [--rows=flatten,kafka-source-packed,...] [--quick | --scale=F]
#                         [--repeats=N] [--no-warm-up] [--out=DIR] [--note=TEXT] [--report-only]
#   --quick runs every row at 1/10 size; --note is printed beside the run's machine (e.g. "the
#   machine was shared with other builds"); --report-only rewrites the .md and .svg from the .json.
#   JAVA_OPTS is appended to the JVM options.
# Rows: flatten kafka-source-packed kafka-source-unpacked kafka-source-packed-serialized
#       kafka-source-unpacked-serialized redshift-sink-defaults
#       redshift-sink-tuned redshift-sink-limit kinesis-sink tablestore-sink flink-upsert
#       memory-redshift-sink memory-kinesis-sink memory-tablestore-sink
#   (each memory row: a 1 GiB backlog of 256 KiB records moved by one Connect worker process at
#   -Xmx512m; its figure is the worker's heap high-water mark from its GC log, its limit 512 MiB)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl connector-redshift-sink,connector-kinesis-sink,connector-tablestore-sink,connector-flink-upsert,bench -am package -DskipTests -Dspotless.check.skip=true
archive=$(find connector-redshift-sink/target -maxdepth 1 -type d -name 'connector-redshift-sink-*' | head -1)
kinesis=$(find connector-kinesis-sink/target -maxdepth 1 -type d -name 'connector-kinesis-sink-*' | head -1)
tablestore=$(find connector-tablestore-sink/target -maxdepth 1 -type d -name 'connector-tablestore-sink-*' | head -1)
flinkupsert=$(find connector-flink-upsert/target -maxdepth 1 -type d -name 'connector-flink-upsert-*' | head -1)
# shellcheck disable=SC2086
exec java -Xmx6g -XX:+UseG1GC ${JAVA_OPTS:-} \
  -Dspillway.sink.archive="$archive" \
  -Dspillway.kinesis.archive="$kinesis" \
  -Dspillway.tablestore.archive="$tablestore" \
  -Dspillway.flinkupsert.archive="$flinkupsert" \
  -Ddebezium.plugin.dir=bench/target/debezium-plugin \
  -cp bench/target/benchmarks.jar io.spillway.connect.bench.BenchAll "$@"
