// CreateActivity: a named queue of activity tasks; creating an existing one returns it.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateActivity.html
#include "api/actions/actions.h"
#include "api/names.h"
#include "api/request.h"
#include "api/resources.h"

namespace stepwise::api {

Result<json::Value> CreateActivity(Context& context, const json::Value& request) {
  RequestReader reader(request);
  std::string name = TRY(reader.RequiredString("name", 1, 80));
  TRY(ValidateName(name));
  json::Value tags_value = TRY(reader.OptionalArray("tags"));
  std::string arn = context.arns.Activity(name);
  std::vector<store::Tag> tags = TRY(ReadTags(tags_value, arn));
  std::optional<store::ActivityRecord> existing = TRY(context.store.GetActivity(arn));
  if (existing) {
    return json::Value::Object({{"activityArn", json::Value::String(arn)},
                                {"creationDate", Timestamp(existing->creation_ms)}});
  }
  store::ActivityRecord activity{arn, name, context.NowMillis()};
  store::WriteBatch batch;
  batch.put_activities.push_back(activity);
  if (!tags.empty()) batch.tags.push_back({arn, tags, {}});
  TRY(context.store.Write(batch));
  return json::Value::Object({{"activityArn", json::Value::String(arn)},
                              {"creationDate", Timestamp(activity.creation_ms)}});
}

}  // namespace stepwise::api
