// UpdateStateMachineAlias: a new description or routing configuration for an alias; executions
// started from then on follow the new routing. Idempotent on an unchanged alias.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_UpdateStateMachineAlias.html
#include "api/actions/actions.h"
#include "api/actions/versions.h"
#include "api/errors.h"
#include "api/request.h"
#include "api/resources.h"

namespace stepwise::api {

Result<json::Value> UpdateStateMachineAlias(Context& context, const json::Value& request) {
  RequestReader reader(request);
  std::string arn = TRY(reader.RequiredString("stateMachineAliasArn", 1, 256));
  std::optional<std::string> description = TRY(reader.OptionalString("description", 0, 256));
  const json::Value* routing_value =
      request.is_object() ? request.Find("routingConfiguration") : nullptr;
  std::optional<Routing> routing;
  if (routing_value != nullptr && !routing_value->is_null()) routing = TRY(ReadRouting(request));
  if (!description && !routing) {
    return ApiError("ValidationException",
                    "Either the description or the routing configuration must be specified");
  }

  std::unique_lock<std::mutex> lock = LockVersionsAndAliases();
  store::AliasRecord alias = TRY(FindAlias(context, arn));
  std::optional<store::StateMachineRecord> machine =
      TRY(context.store.GetStateMachine(alias.state_machine_arn));
  if (!machine) return ResourceNotFound();
  if (machine->status == "DELETING") {
    return ApiError("StateMachineDeleting",
                    "State machine is being deleted: '" + alias.state_machine_arn + "'");
  }
  std::vector<Route> routes = TRY(RoutesOf(alias));
  if (routing) {
    // An alias routes to versions of its own machine only.
    if (routing->machine_arn != alias.state_machine_arn) {
      return ApiError(
          "ValidationException",
          "Routing configuration must contain versions of the alias's state machine: '" +
              alias.state_machine_arn + "'");
    }
    TRY(CheckRoutedVersionsExist(context, *routing));
  }
  bool changed = (description && *description != alias.description) ||
                 (routing && !SameRoutes(routing->routes, routes));
  if (!changed) {
    return json::Value::Object(
        {{"updateDate", Timestamp(alias.update_ms != 0 ? alias.update_ms : alias.creation_ms)}});
  }
  if (description) alias.description = *description;
  if (routing) alias.routing_configuration = RoutingText(routing->routes);
  alias.update_ms = context.NowMillis();
  store::WriteBatch batch;
  batch.put_aliases.push_back(alias);
  TRY(context.store.Write(batch));
  return json::Value::Object({{"updateDate", Timestamp(alias.update_ms)}});
}

}  // namespace stepwise::api
