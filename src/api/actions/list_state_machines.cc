// ListStateMachines: machines by name, a page at a time.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListStateMachines.html
#include "api/actions/actions.h"
#include "api/request.h"
#include "api/resources.h"

namespace stepwise::api {

Result<json::Value> ListStateMachines(Context& context, const json::Value& request) {
  int max_results = TRY(ReadMaxResults(request));
  std::optional<std::string> token = TRY(RequestReader(request).OptionalString("nextToken", 1, 1024));
  std::string after = token ? TRY(ReadNextToken(*token)) : std::string();
  std::vector<store::StateMachineRecord> machines = TRY(context.store.ListStateMachines());
  std::vector<json::Value> page;
  std::string last;
  bool more = false;
  for (const store::StateMachineRecord& machine : machines) {
    if (!after.empty() && machine.name <= after) continue;
    if (static_cast<int>(page.size()) == max_results) {
      more = true;
      break;
    }
    page.push_back(json::Value::Object({{"stateMachineArn", json::Value::String(machine.arn)},
                                        {"name", json::Value::String(machine.name)},
                                        {"type", json::Value::String(machine.type)},
                                        {"creationDate", Timestamp(machine.creation_ms)}}));
    last = machine.name;
  }
  std::vector<json::Member> response;
  response.emplace_back("stateMachines", json::Value::Array(std::move(page)));
  if (more) response.emplace_back("nextToken", json::Value::String(MakeNextToken(last)));
  return json::Value::Object(std::move(response));
}

}  // namespace stepwise::api
