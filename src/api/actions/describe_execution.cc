// DescribeExecution: an execution's status, input, output, error and cause.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeExecution.html
#include "api/actions/actions.h"
#include "api/request.h"
#include "api/resources.h"

namespace stepwise::api {

Result<json::Value> DescribeExecution(Context& context, const json::Value& request) {
  std::string arn = TRY(RequestReader(request).RequiredString("executionArn", 1, 256));
  store::ExecutionRecord execution = TRY(FindExecution(context, arn));
  return DescribeExecutionRecord(execution, context.NowMillis());
}

}  // namespace stepwise::api
