#!/usr/bin/env bash
# Builds the Kinesis sink's plugin archive and the benchmark jar, starts kinesalite (installed by
# .ci/run into .tools/kinesalite), and prints the connector (ordering=key and ordering=none) vs a
# raw KPL put loop, side by side, on the same records and the same kinesalite.
# Usage: bench/run-kinesis-bench.sh [records [keys [repeats]]]   (defaults: 500000 100000 3)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl connector-kinesis-sink,bench -am package -DskipTests -Dspotless.check.skip=true
archive=$(find connector-kinesis-sink/target -maxdepth 1 -type d -name 'connector-kinesis-sink-*' | head -1)
# shellcheck disable=SC2086
exec java -Xmx6g -XX:+UseG1GC ${JAVA_OPTS:-} -Dspillway.kinesis.archive="$archive" \
  -cp bench/target/benchmarks.jar io.spillway.connect.bench.KinesisSinkBenchmark "$@"
