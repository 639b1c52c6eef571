// DeleteStateMachineVersion: a version goes (its running executions continue); one that does not
// exist is already deleted; one an alias routes to stays (ConflictException).
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_DeleteStateMachineVersion.html
#include <algorithm>

#include "api/actions/actions.h"
#include "api/actions/versions.h"
#include "api/arn.h"
#include "api/errors.h"
#include "api/request.h"

namespace stepwise::api {

Result<json::Value> DeleteStateMachineVersion(Context& context, const json::Value& request) {
  std::string arn = TRY(RequestReader(request).RequiredString("stateMachineVersionArn", 1, 2000));
  Arn parsed = TRY(ParseArnOf(arn, ArnKindBit(ArnKind::kStateMachineVersion)));
  std::string machine_arn = parsed.StateMachineArn();

  std::unique_lock<std::mutex> lock = LockVersionsAndAliases();
  std::optional<store::StateMachineRecord> version = TRY(context.store.GetStateMachine(arn));
  if (!version) return json::Value::EmptyObject();

  std::vector<store::AliasRecord> aliases = TRY(context.store.ListAliases(machine_arn));
  std::string referencing;
  for (const store::AliasRecord& alias : aliases) {
    std::vector<Route> routes = TRY(RoutesOf(alias));
    if (std::any_of(routes.begin(), routes.end(),
                    [&](const Route& route) { return route.version_arn == arn; })) {
      referencing += (referencing.empty() ? "" : ", ") + alias.name;
    }
  }
  if (!referencing.empty()) {
    return ApiError("ConflictException",
                    "Version to be deleted must not be referenced by an alias. Current list of "
                    "aliases referencing this version: [" +
                        referencing + "]");
  }

  PublishedVersions published = TRY(ReadPublishedVersions(context, machine_arn));
  store::WriteBatch batch;
  DeleteVersion(published, *version, batch);
  TRY(context.store.Write(batch));
  return json::Value::EmptyObject();
}

}  // namespace stepwise::api
