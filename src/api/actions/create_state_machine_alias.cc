// CreateStateMachineAlias: a name that routes executions to one or two versions of a machine by
// weight. The alias belongs to the machine whose versions it routes to; its ARN is the machine's
// ARN and ":<name>". Idempotent on an identical request.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachineAlias.html
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-state-machine-alias.html
#include "api/actions/actions.h"
#include "api/actions/versions.h"
#include "api/errors.h"
#include "api/names.h"
#include "api/request.h"
#include "api/resources.h"

namespace stepwise::api {

Result<json::Value> CreateStateMachineAlias(Context& context, const json::Value& request) {
  RequestReader reader(request);
  std::string name = TRY(reader.RequiredString("name", 1, 80));
  // The rule is ValidateAliasName's, the error AWS's for this action: a ValidationException
  // quoting the name's pattern (AWS answers so for "123", "INVALID ALIAS", "ALIAS@").
  if (!ValidateAliasName(name).ok()) {
    return ValidationError("name", QuoteForValidation(name),
                           "Member must satisfy regular expression pattern: "
                           "^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$");
  }
  std::string description = TRY(reader.OptionalString("description", 0, 256)).value_or("");
  Routing routing = TRY(ReadRouting(request));

  std::unique_lock<std::mutex> lock = LockVersionsAndAliases();
  TRY(CheckRoutedVersionsExist(context, routing));
  std::string arn = context.arns.Alias(routing.machine_arn, name);
  std::optional<store::AliasRecord> existing = TRY(context.store.GetAlias(arn));
  if (existing) {
    std::vector<Route> routes = TRY(RoutesOf(*existing));
    if (existing->description != description || !SameRoutes(routes, routing.routes)) {
      return ApiError("ConflictException",
                      "Failed to create alias because an alias with the same name and a "
                      "different routing configuration already exists.");
    }
    return json::Value::Object({{"stateMachineAliasArn", json::Value::String(arn)},
                                {"creationDate", Timestamp(existing->creation_ms)}});
  }
  std::vector<store::AliasRecord> aliases = TRY(context.store.ListAliases(routing.machine_arn));
  if (aliases.size() >= kMaxAliasesPerMachine) {
    return ApiError("ServiceQuotaExceededException",
                    "Maximum number of aliases (" + std::to_string(kMaxAliasesPerMachine) +
                        ") reached for state machine: '" + routing.machine_arn + "'");
  }

  store::AliasRecord alias;
  alias.arn = arn;
  alias.state_machine_arn = routing.machine_arn;
  alias.name = name;
  alias.description = description;
  alias.routing_configuration = RoutingText(routing.routes);
  alias.creation_ms = context.NowMillis();
  alias.update_ms = alias.creation_ms;  // AWS: a new alias's updateDate is its creation date
  store::WriteBatch batch;
  batch.put_aliases.push_back(alias);
  TRY(context.store.Write(batch));
  return json::Value::Object({{"stateMachineAliasArn", json::Value::String(arn)},
                              {"creationDate", Timestamp(alias.creation_ms)}});
}

}  // namespace stepwise::api
