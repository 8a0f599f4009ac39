#!/usr/bin/env bash
# The Kinesis sink row of bench/run-all.sh alone: the connector with default settings against a raw
# KPL put loop, on the same records and the same kinesalite (installed by .ci/run into
# .tools/kinesalite), with warm-up, rotated repeats and paired ratios. Updates docs/benchmarks.md.
# (KinesisSinkBenchmark's main() still compares ordering=key/none with the loop by hand.)
# Usage: bench/run-kinesis-bench.sh [bench/run-all.sh options, e.g. --quick --repeats=5]
set -euo pipefail
cd "$(dirname "$0")/.."
exec bench/run-all.sh --rows=kinesis-sink "$@"
