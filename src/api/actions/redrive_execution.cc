// RedriveExecution: runs a FAILED, TIMED_OUT or ABORTED Standard execution again from the state
// it stood in, with its history and ARN, within 14 days of its end.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_RedriveExecution.html
#include "api/actions/actions.h"
#include "api/arn.h"
#include "api/errors.h"
#include "api/execution_runner.h"
#include "api/request.h"
#include "api/resources.h"

namespace stepwise::api {

Result<json::Value> RedriveExecution(Context& context, const json::Value& request) {
  RequestReader reader(request);
  std::string arn = TRY(reader.RequiredString("executionArn", 1, 256));
  TRY(reader.OptionalString("clientToken", 1, 64));
  Arn parsed = TRY(ParseArnOf(arn, ArnKindBit(ArnKind::kExecution) |
                                       ArnKindBit(ArnKind::kExpressExecution)));
  if (parsed.kind == ArnKind::kExpressExecution) {
    return ApiError("ExecutionNotRedrivable",
                    "Execution '" + arn + "' cannot be redriven: Express executions cannot be");
  }
  store::ExecutionRecord execution = TRY(FindExecution(context, arn));
  std::string reason = RedriveBlocker(execution, context.NowMillis());
  if (!reason.empty()) {
    return ApiError("ExecutionNotRedrivable",
                    "Execution '" + arn + "' cannot be redriven: " + reason);
  }
  int64_t redrive_ms = TRY(context.runner.Redrive(execution));
  return json::Value::Object({{"redriveDate", Timestamp(redrive_ms)}});
}

}  // namespace stepwise::api
