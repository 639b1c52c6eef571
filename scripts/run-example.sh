#!/usr/bin/env bash
# Runs the flagship example, the brand-asset pipeline, with its Task states routed to the local
# handlers in examples/handlers.
# Usage: scripts/run-example.sh [BUILD_DIR] [extra stepwise run options]
# The input is examples/brand-asset-pipeline.input.json unless INPUT names another (JSON or @FILE).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}
shift || true
exec "$build_dir/stepwise" run examples/brand-asset-pipeline.asl.json \
  --input "${INPUT:-@examples/brand-asset-pipeline.input.json}" \
  --routes examples/brand-asset-pipeline.routes "$@"
