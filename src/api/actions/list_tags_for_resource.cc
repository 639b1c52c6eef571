// ListTagsForResource.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListTagsForResource.html
#include "api/actions/actions.h"
#include "api/actions/tagged_resource.h"
#include "api/request.h"

namespace stepwise::api {

Result<json::Value> ListTagsForResource(Context& context, const json::Value& request) {
  std::string arn = TRY(RequestReader(request).RequiredString("resourceArn", 1, 256));
  TRY(CheckTaggedResource(context, arn));
  std::vector<json::Value> tags;
  for (const store::Tag& tag : TRY(context.store.ListTags(arn))) {
    tags.push_back(json::Value::Object(
        {{"key", json::Value::String(tag.key)}, {"value", json::Value::String(tag.value)}}));
  }
  return json::Value::Object({{"tags", json::Value::Array(std::move(tags))}});
}

}  // namespace stepwise::api
