// TagResource: adds tags to a state machine or an activity (a key given again takes the new
// value); at most 50 tags per resource.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_TagResource.html
#include <set>

#include "api/actions/actions.h"
#include "api/actions/tagged_resource.h"
#include "api/errors.h"
#include "api/request.h"
#include "api/resources.h"

namespace stepwise::api {

Result<json::Value> TagResource(Context& context, const json::Value& request) {
  RequestReader reader(request);
  std::string arn = TRY(reader.RequiredString("resourceArn", 1, 256));
  json::Value tags_value = TRY(reader.OptionalArray("tags"));
  if (tags_value.is_null()) return ValidationError("tags", "null", "Member must not be null");
  std::vector<store::Tag> tags = TRY(ReadTags(tags_value, arn));
  TRY(CheckTaggedResource(context, arn));
  std::set<std::string> keys;
  for (const store::Tag& tag : TRY(context.store.ListTags(arn))) keys.insert(tag.key);
  for (const store::Tag& tag : tags) keys.insert(tag.key);
  if (keys.size() > 50) {
    return ApiError("TooManyTags", "Too many tags for resource: '" + arn + "' (at most 50)");
  }
  store::WriteBatch batch;
  batch.tags.push_back({arn, std::move(tags), {}});
  TRY(context.store.Write(batch));
  return json::Value::EmptyObject();
}

}  // namespace stepwise::api
