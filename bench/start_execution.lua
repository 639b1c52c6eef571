-- wrk script for `make bench`: every request is a StartExecution (AWS JSON 1.0) of the state
-- machine whose ARN follows `--` on wrk's command line:
--
--   wrk -t2 -c64 -d10s -s bench/start_execution.lua http://127.0.0.1:PORT/ -- MACHINE_ARN
--
-- The request carries no name, so the service names each execution with a new UUID and every
-- request starts a new execution; the body is therefore the same for every request and is built
-- once per thread (no request() function, which would cost wrk a Lua call per request).
--
-- done() prints one line that scripts/bench.sh reads:
--   stepwise-wrk: requests=N seconds=S rps=R p50_ms=.. p90_ms=.. p99_ms=.. max_ms=..
--                 non2xx=N connect_errors=N read_errors=N write_errors=N timeouts=N

function init(args)
  local arn = args[1]
  if arn == nil or arn == "" then
    error("start_execution.lua: pass the state machine's ARN after --")
  end
  wrk.method = "POST"
  wrk.path = "/"
  wrk.headers["Content-Type"] = "application/x-amz-json-1.0"
  wrk.headers["X-Amz-Target"] = "AWSStepFunctions.StartExecution"
  wrk.body = '{"stateMachineArn":"' .. arn .. '","input":"{\\"orderId\\":42}"}'
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local ms = function(us) return string.format("%.3f", us / 1000) end
  io.write(string.format(
    "stepwise-wrk: requests=%d seconds=%.3f rps=%.1f p50_ms=%s p90_ms=%s p99_ms=%s max_ms=%s " ..
    "non2xx=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    ms(latency:percentile(50)), ms(latency:percentile(90)), ms(latency:percentile(99)),
    ms(latency.max), summary.errors.status, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout))
end
