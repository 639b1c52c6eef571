// StartExecution: starts a Standard or Express execution of a machine, a version or an alias.
// Idempotent by name for a running execution with the same input, as AWS is.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html
#include "api/actions/actions.h"
#include "api/actions/execution_start.h"
#include "api/resources.h"

namespace stepwise::api {

Result<json::Value> StartExecution(Context& context, const json::Value& request) {
  StartTarget target = TRY(ReadStartRequest(context, request, /*synchronous=*/false));
  store::ExecutionRecord record =
      TRY(context.runner.Start(target.machine, target.start, /*on_end=*/nullptr));
  return json::Value::Object({{"executionArn", json::Value::String(record.arn)},
                              {"startDate", Timestamp(record.start_ms)}});
}

}  // namespace stepwise::api
