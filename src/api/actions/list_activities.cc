// ListActivities: activities by name, a page at a time.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListActivities.html
#include "api/actions/actions.h"
#include "api/request.h"
#include "api/resources.h"

namespace stepwise::api {

Result<json::Value> ListActivities(Context& context, const json::Value& request) {
  int max_results = TRY(ReadMaxResults(request));
  std::optional<std::string> token = TRY(RequestReader(request).OptionalString("nextToken", 1, 1024));
  std::string after = token ? TRY(ReadNextToken(*token)) : std::string();
  std::vector<store::ActivityRecord> activities = TRY(context.store.ListActivities());
  std::vector<json::Value> page;
  std::string last;
  bool more = false;
  for (const store::ActivityRecord& activity : activities) {
    if (!after.empty() && activity.name <= after) continue;
    if (static_cast<int>(page.size()) == max_results) {
      more = true;
      break;
    }
    page.push_back(json::Value::Object({{"activityArn", json::Value::String(activity.arn)},
                                        {"name", json::Value::String(activity.name)},
                                        {"creationDate", Timestamp(activity.creation_ms)}}));
    last = activity.name;
  }
  std::vector<json::Member> response;
  response.emplace_back("activities", json::Value::Array(std::move(page)));
  if (more) response.emplace_back("nextToken", json::Value::String(MakeNextToken(last)));
  return json::Value::Object(std::move(response));
}

}  // namespace stepwise::api
