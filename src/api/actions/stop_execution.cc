// StopExecution: aborts a running execution (ExecutionAborted, status ABORTED).
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_StopExecution.html
#include "api/actions/actions.h"
#include "api/execution_runner.h"
#include "api/request.h"
#include "api/resources.h"

namespace stepwise::api {

Result<json::Value> StopExecution(Context& context, const json::Value& request) {
  RequestReader reader(request);
  std::string arn = TRY(reader.RequiredString("executionArn", 1, 256));
  std::optional<std::string> error = TRY(reader.OptionalString("error", 0, 256));
  std::optional<std::string> cause = TRY(reader.OptionalString("cause", 0, 32768));
  store::ExecutionRecord execution = TRY(FindExecution(context, arn));
  if (execution.status != "RUNNING") {
    // Already ended: stopping it changes nothing.
    return json::Value::Object({{"stopDate", Timestamp(execution.stop_ms)}});
  }
  int64_t stop_ms = TRY(context.runner.Stop(arn, std::move(error), std::move(cause)));
  return json::Value::Object({{"stopDate", Timestamp(stop_ms)}});
}

}  // namespace stepwise::api
