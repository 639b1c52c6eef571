#!/usr/bin/env bash
# The service's figures for `make bench` (scripts/bench.sh runs this last), against the issue's
# targets, all with the store syncing its commits (fsync on, as `stepwise serve` runs by default):
#
# 1. StartExecution requests per second over HTTP: wrk (-t2 -c64, bench/start_execution.lua)
#    against a fresh `stepwise serve` on a fresh data directory, a one-Pass Standard machine.
#    Non-2xx responses or socket errors fail the benchmark.
# 2. Durable Standard transitions per second (plain chains, and inline Maps whose iterations are
#    checkpointed), and 3. the latency of a 10-Pass Express execution through StartSyncExecution:
#    build/bench/service_bench, in process (bench/service_bench.cc).
#
# Each is measured BENCH_SERVICE_RUNS times (default 3); the table shows the medians, each run,
# and whether the target is met. A missed target is reported, not a failure (as in
# scripts/bench_compare.mjs); a run that fails is. The table also shows the disk's fdatasync
# latency, which bounds the commits per second and, on a shared disk, varies from minute to
# minute. About a minute in all.
#
# Usage: scripts/bench_service.sh BUILD_DIR
# Environment: BENCH_SERVICE_RUNS (default 3); BENCH_WRK_DURATION (default 10s);
#              BENCH_WRK_ARGS (default "-t2 -c64").
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=$(cd "${1:-build}" && pwd)
runs=${BENCH_SERVICE_RUNS:-3}
wrk_duration=${BENCH_WRK_DURATION:-10s}
read -r -a wrk_args <<<"${BENCH_WRK_ARGS:--t2 -c64}"
stepwise=$build_dir/stepwise
service_bench=$build_dir/bench/service_bench
status=0

for tool in wrk curl python3; do
  if ! command -v "$tool" >/dev/null; then
    echo "bench: $tool not found (scripts/install-deps.sh installs it); skipping the service" \
      "benchmarks" >&2
    exit 1
  fi
done
if [ ! -x "$service_bench" ]; then
  echo "bench: $service_bench is missing; run make build first" >&2
  exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/stepwise-bench-service.XXXXXX")
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill -TERM "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Starts `stepwise serve` on a free port with a fresh data directory; sets server_pid and
# endpoint.
start_server() {
  local data=$1 log=$2
  "$stepwise" serve --host 127.0.0.1 --port 0 --data-dir "$data" >"$log" 2>&1 &
  server_pid=$!
  local port=""
  for _ in $(seq 200); do
    port=$(sed -n 's|^stepwise: serving the Step Functions API on http://[^ ]*:\([0-9]*\) .*|\1|p' \
      "$log")
    [ -n "$port" ] && break
    if ! kill -0 "$server_pid" 2>/dev/null; then break; fi
    sleep 0.05
  done
  if [ -z "$port" ]; then
    echo "bench: stepwise serve did not start:" >&2
    cat "$log" >&2
    return 1
  fi
  endpoint=http://127.0.0.1:$port/
}

stop_server() {
  kill -TERM "$server_pid"
  wait "$server_pid" || { echo "bench: stepwise serve exited with $?" >&2; status=1; }
  server_pid=""
}

# One AWS JSON 1.0 call with curl; prints the response body; fails on a non-2xx status.
api_call() {
  curl -sS --fail-with-body -X POST -H 'Content-Type: application/x-amz-json-1.0' \
    -H "X-Amz-Target: AWSStepFunctions.$1" --data "$2" "$endpoint"
}

# The disk's sync latency, which bounds the commits per second: 200 fdatasyncs of 8 KiB in the
# directory the data goes to (on a shared disk it varies by 10x from minute to minute).
measure_sync() {
  python3 - "$work" <<'EOF_SYNC'
import os, statistics, sys, time
path = os.path.join(sys.argv[1], "sync-probe")
fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o644)
latencies = []
for i in range(200):
    os.pwrite(fd, b"x" * 8192, (i % 16) * 8192)
    start = time.perf_counter()
    os.fdatasync(fd)
    latencies.append((time.perf_counter() - start) * 1000)
os.close(fd)
os.unlink(path)
print(f"{statistics.median(latencies):.3f}")
EOF_SYNC
}

echo
echo "### Service benchmarks (fsync on)"
echo
sync_ms=$(measure_sync)
echo "fdatasync of 8 KiB in $work: median ${sync_ms} ms"
echo "== StartExecution over HTTP: wrk ${wrk_args[*]} -d$wrk_duration, a one-Pass Standard" \
  "machine, $runs runs, each on a fresh stepwise serve and data directory"
wrk_results=$work/wrk-results.txt
: >"$wrk_results"
for run in $(seq "$runs"); do
  start_server "$work/data-$run" "$work/serve-$run.log" || { status=1; break; }
  machine=$(api_call CreateStateMachine '{"name": "bench-one-pass", "type": "STANDARD",
    "roleArn": "arn:aws:iam::123456789012:role/bench",
    "definition": "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}"}' |
    sed -n 's/.*"stateMachineArn":"\([^"]*\)".*/\1/p') || machine=""
  if [ -z "$machine" ]; then
    echo "bench: CreateStateMachine failed" >&2
    stop_server
    status=1
    break
  fi
  wrk_out=$(wrk "${wrk_args[@]}" -d"$wrk_duration" -s "$root/bench/start_execution.lua" \
    "$endpoint" -- "$machine") || { echo "bench: wrk failed" >&2; status=1; }
  stop_server
  echo "-- run $run"
  echo "$wrk_out"
  line=$(grep '^stepwise-wrk:' <<<"$wrk_out" || true)
  if [ -z "$line" ]; then status=1; continue; fi
  echo "$line" >>"$wrk_results"
  if ! grep -q 'non2xx=0 connect_errors=0 read_errors=0 write_errors=0 timeouts=0' <<<"$line"; then
    echo "bench: FAILED: StartExecution over HTTP had non-2xx responses or socket errors" >&2
    status=1
  fi
done

echo
echo "== In process (build/bench/service_bench), $runs repetitions"
"$service_bench" --benchmark_repetitions="$runs" --benchmark_out="$work/service.json" \
  --benchmark_out_format=json || status=$?

echo
sync_ms="$sync_ms $(measure_sync)"
python3 - "$wrk_results" "$work/service.json" "$wrk_duration" "${wrk_args[*]}" "$sync_ms" \
  <<'EOF' || status=1
# Prints the Markdown table: each figure's median, each run, its target and whether it is met.
import json, os, statistics, sys

wrk_path, bench_path, duration, wrk_args, sync_ms = sys.argv[1:6]
rows = []  # (figure, median text, runs text, target text, met: True/False/None)

def fmt(x, digits=0):
    return f"{x:,.{digits}f}"

def row(figure, values, unit, digits, target_text=None, met=None):
    if not values:
        rows.append((figure, "n/a", "failed", target_text or "", None if target_text else ""))
        return
    median = statistics.median(values)
    runs = " / ".join(fmt(v, digits) for v in values)
    rows.append((figure, f"{fmt(median, digits)} {unit}", runs, target_text or "",
                 met(median) if met else ""))

wrk = []
for line in open(wrk_path):
    wrk.append(dict(kv.split("=") for kv in line.split()[1:]))
rps = [float(r["rps"]) for r in wrk]
http = f"wrk {wrk_args} -d{duration}, one-Pass Standard machine"
row(f"StartExecution over HTTP, requests/s ({http})", rps, "/s", 0, "≥ 5,000/s",
    lambda m: m >= 5000)
row("StartExecution over HTTP, latency p50", [float(r["p50_ms"]) for r in wrk], "ms", 2)
row("StartExecution over HTTP, latency p99", [float(r["p99_ms"]) for r in wrk], "ms", 2)
non2xx = sum(int(r["non2xx"]) for r in wrk)
errors = sum(int(r[k]) for r in wrk for k in ("connect_errors", "read_errors", "write_errors", "timeouts"))
rows.append(("StartExecution over HTTP, non-2xx responses / socket errors (all runs)",
             f"{non2xx} / {errors}", "", "0", non2xx == 0 and errors == 0))

benchmarks = []
if os.path.exists(bench_path) and os.path.getsize(bench_path) > 0:
    benchmarks = json.load(open(bench_path))["benchmarks"]

def runs_of(prefix, key):
    return [b[key] for b in benchmarks
            if b["name"].startswith(prefix) and b.get("run_type") == "iteration"
            and not b.get("error_occurred") and key in b]

row("Durable Standard transitions/s (200 executions × 100 Pass states at once, in process)",
    runs_of("BM_DurableTransitions/", "items_per_second"), "/s", 0, "≥ 20,000/s",
    lambda m: m >= 20000)
row("Durable Map transitions/s (20 executions × an inline Map of 1,000 iterations × 5 Pass states, in process)",
    runs_of("BM_DurableMap/", "items_per_second"), "/s", 0)
row("StartExecution/s in process (64 calls in flight, one-Pass Standard machine)",
    runs_of("BM_StartExecution/", "items_per_second"), "/s", 0)
row("Express 10-Pass StartSyncExecution latency p50 (20,000 sequential calls, in process)",
    runs_of("BM_ExpressLatency/", "p50_us"), "µs", 0)
row("Express 10-Pass StartSyncExecution latency p99 (20,000 sequential calls, in process)",
    runs_of("BM_ExpressLatency/", "p99_us"), "µs", 0, "< 1,000 µs", lambda m: m < 1000)

row("Context: fdatasync of 8 KiB on the data's disk, median (before / after the runs)",
    [float(x) for x in sync_ms.split()], "ms", 2)

mark = lambda met: "" if met == "" else ("not evaluated" if met is None else
                                         ("**met**" if met else "**not met**"))
print("| figure (fsync on) | median | runs | target | |")
print("|---|---:|---|---|---|")
for figure, median, runs, target, met in rows:
    print(f"| {figure} | {median} | {runs} | {target} | {mark(met)} |")
EOF
exit "$status"
