#!/usr/bin/env bash
# The Redshift sink rows of bench/run-all.sh alone: Spillway's sink against the Debezium JDBC sink
# (defaults and tuned) and a plain-JDBC COPY + merge loop, upserting the same changes into one
# local PostgreSQL, with warm-up, rotated repeats and paired ratios. Updates docs/benchmarks.md.
# Usage: bench/run-sink-bench.sh [bench/run-all.sh options, e.g. --quick --repeats=5]
set -euo pipefail
cd "$(dirname "$0")/.."
exec bench/run-all.sh --rows=redshift-sink-defaults,redshift-sink-tuned,redshift-sink-limit "$@"
