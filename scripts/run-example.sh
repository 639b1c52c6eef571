#!/usr/bin/env bash
# Runs the flagship example, the brand-asset pipeline, with its Task states routed to the local
# handlers in examples/handlers.
# Usage: scripts/run-example.sh [BUILD_DIR] [extra stepwise run options]
# The input is examples/brand-asset-pipeline.input.json unless INPUT names another (JSON or @FILE).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}
shift || true
h=examples/handlers
exec "$build_dir/stepwise" run examples/brand-asset-pipeline.asl.json \
  --input "${INPUT:-@examples/brand-asset-pipeline.input.json}" \
  --task "ValidateBrandAsset=python3 $h/validate_brand_asset.py" \
  --task "DetectLogo=python3 $h/detect_logo.py" \
  --task "GenerateColorPalette=python3 $h/generate_color_palette.py" \
  --task "WaitForApproval=python3 $h/approve.py" \
  --task "NotifyDownstream=python3 $h/notify.py" \
  --task "HandleValidationError=python3 $h/handle_error.py" \
  --task "HandleProcessingError=python3 $h/handle_error.py" \
  "$@"
