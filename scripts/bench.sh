#!/usr/bin/env bash
# Runs the microbenchmarks. Usage: scripts/bench.sh BUILD_DIR
set -euo pipefail
build_dir=${1:-build}
for bench in "$build_dir"/bench/*_bench; do
  echo "== $(basename "$bench")"
  "$bench" --benchmark_min_time=0.2
done
