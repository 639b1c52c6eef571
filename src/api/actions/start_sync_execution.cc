// StartSyncExecution: runs an Express execution and answers with how it ended.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartSyncExecution.html
#include "api/actions/actions.h"
#include "api/actions/execution_start.h"
#include "api/errors.h"
#include "api/resources.h"

namespace stepwise::api {

void StartSyncExecution(Context& context, const json::Value& request, Reply reply) {
  Result<StartTarget> target = ReadStartRequest(context, request, /*synchronous=*/true);
  if (!target.ok()) return reply(target.release_error());
  if (target.value().machine.type != "EXPRESS") {
    return reply(ApiError("StateMachineTypeNotSupported",
                          "This operation is not supported by standard state machines"));
  }
  auto on_end = [reply](const store::ExecutionRecord& record) {
    std::vector<json::Member> response;
    response.emplace_back("executionArn", json::Value::String(record.arn));
    response.emplace_back("stateMachineArn", json::Value::String(record.state_machine_arn));
    response.emplace_back("name", json::Value::String(record.name));
    response.emplace_back("startDate", Timestamp(record.start_ms));
    response.emplace_back("stopDate", Timestamp(record.stop_ms));
    response.emplace_back("status", json::Value::String(record.status));
    if (record.error) response.emplace_back("error", json::Value::String(*record.error));
    if (record.cause) response.emplace_back("cause", json::Value::String(*record.cause));
    response.emplace_back("input", json::Value::String(record.input));
    response.emplace_back("inputDetails",
                          json::Value::Object({{"included", json::Value::Bool(true)}}));
    if (record.output) {
      response.emplace_back("output", json::Value::String(*record.output));
      response.emplace_back("outputDetails",
                            json::Value::Object({{"included", json::Value::Bool(true)}}));
    }
    if (!record.trace_header.empty()) {
      response.emplace_back("traceHeader", json::Value::String(record.trace_header));
    }
    int64_t duration = record.stop_ms - record.start_ms;
    response.emplace_back(
        "billingDetails",
        json::Value::Object({{"billedMemoryUsedInMB", json::Value::Int(64)},
                             {"billedDurationInMilliseconds",
                              json::Value::Int(duration < 100 ? 100 : (duration + 99) / 100 * 100)}}));
    reply(json::Value::Object(std::move(response)));
  };
  Result<store::ExecutionRecord> started =
      context.runner.Start(target.value().machine, target.value().start, on_end);
  if (!started.ok()) reply(started.release_error());
}

}  // namespace stepwise::api
