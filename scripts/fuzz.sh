#!/usr/bin/env bash
# Builds the fuzz targets with clang, libFuzzer, ASan and UBSan in build-fuzz/ and runs each for
# SECONDS (default 60) on a copy of its seed corpus, printing the executions and any crash.
# Usage: scripts/fuzz.sh [SECONDS]
set -euo pipefail
seconds=${1:-60}
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DSTEPWISE_LIBFUZZER=ON >/dev/null
targets=$(cd fuzz && ls *_fuzz.cc | sed 's/\.cc$//')
cmake --build build-fuzz --target $targets
status=0
for target in $targets; do
  work=build-fuzz/fuzz-work/$target
  mkdir -p "$work/corpus" "$work/artifacts"
  cp -n fuzz/corpus/$target/* "$work/corpus/" 2>/dev/null || true
  echo "== $target for ${seconds}s"
  if ! build-fuzz/fuzz/$target "$work/corpus" -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=10 \
      -artifact_prefix="$work/artifacts/" -print_final_stats=1 2>"$work/log.txt"; then
    status=1
    echo "CRASH: see $work/log.txt and $work/artifacts/"
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$work/log.txt" || true
done
exit $status
