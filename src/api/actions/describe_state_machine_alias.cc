// DescribeStateMachineAlias: an alias's name, description and routing configuration.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeStateMachineAlias.html
#include "api/actions/actions.h"
#include "api/actions/versions.h"
#include "api/request.h"
#include "api/resources.h"

namespace stepwise::api {

Result<json::Value> DescribeStateMachineAlias(Context& context, const json::Value& request) {
  std::string arn = TRY(RequestReader(request).RequiredString("stateMachineAliasArn", 1, 256));
  store::AliasRecord alias = TRY(FindAlias(context, arn));
  std::vector<Route> routes = TRY(RoutesOf(alias));
  std::vector<json::Member> members;
  members.emplace_back("stateMachineAliasArn", json::Value::String(alias.arn));
  members.emplace_back("name", json::Value::String(alias.name));
  if (!alias.description.empty()) {
    members.emplace_back("description", json::Value::String(alias.description));
  }
  members.emplace_back("routingConfiguration", RoutingValue(routes));
  members.emplace_back("creationDate", Timestamp(alias.creation_ms));
  members.emplace_back("updateDate",
                       Timestamp(alias.update_ms != 0 ? alias.update_ms : alias.creation_ms));
  return json::Value::Object(std::move(members));
}

}  // namespace stepwise::api
