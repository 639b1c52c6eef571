#include "api/actions/execution_start.h"

#include "api/actions/versions.h"
#include "api/arn.h"
#include "api/errors.h"
#include "api/names.h"
#include "api/request.h"
#include "api/resources.h"
#include "json/parse.h"

namespace stepwise::api {

Result<StartTarget> ReadStartRequest(Context& context, const json::Value& request,
                                     bool synchronous) {
  RequestReader reader(request);
  std::string arn = TRY(reader.RequiredString("stateMachineArn", 1, 256));
  std::optional<std::string> name = TRY(reader.OptionalString("name", 1, 80));
  if (name) TRY(ValidateName(*name));
  std::optional<std::string> input = TRY(reader.OptionalString("input", 0, 262144));
  std::optional<std::string> trace = TRY(reader.OptionalString("traceHeader", 0, 256));

  StartTarget target;
  Arn target_arn = TRY(ParseArnOf(arn, ArnKindBit(ArnKind::kStateMachine) |
                                           ArnKindBit(ArnKind::kStateMachineVersion) |
                                           ArnKindBit(ArnKind::kStateMachineAlias)));
  if (target_arn.kind == ArnKind::kStateMachineAlias) {
    // AWS "randomly chooses which version runs a given execution based on the percentage" of
    // each route. StartExecution's errors have no ResourceNotFound: a missing alias is a state
    // machine that does not exist.
    std::optional<store::AliasRecord> alias = TRY(context.store.GetAlias(arn));
    if (!alias) {
      return ApiError("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
    }
    std::vector<Route> routes = TRY(RoutesOf(*alias));
    target.machine = TRY(FindStateMachine(context, PickRoute(routes, DrawPercent()).version_arn));
    target.start.alias_arn = arn;
  } else {
    target.machine = TRY(FindStateMachine(context, arn));
  }
  if (target.machine.status == "DELETING") {
    return ApiError("StateMachineDeleting", "State machine is being deleted: '" + arn + "'");
  }
  if (target.machine.version != 0) target.start.version_arn = target.machine.arn;
  target.start.name = name.value_or("");
  target.start.input = input.value_or("{}");
  if (target.start.input.size() > context.options.max_payload_bytes) {
    return ApiError("InvalidExecutionInput",
                    "Invalid State Machine Execution Input: 'the input exceeds the maximum size of " +
                        std::to_string(context.options.max_payload_bytes) + " bytes'");
  }
  Result<json::Value> parsed = json::Parse(target.start.input);
  if (!parsed.ok()) {
    return ApiError("InvalidExecutionInput",
                    "Invalid State Machine Execution Input: '" + parsed.error().message() + "'");
  }
  target.start.trace_header = trace.value_or("");
  target.start.synchronous = synchronous;
  return target;
}

}  // namespace stepwise::api
