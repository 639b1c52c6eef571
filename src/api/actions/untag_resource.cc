// UntagResource: removes tags by key.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_UntagResource.html
#include "api/actions/actions.h"
#include "api/actions/tagged_resource.h"
#include "api/errors.h"
#include "api/request.h"

namespace stepwise::api {

Result<json::Value> UntagResource(Context& context, const json::Value& request) {
  RequestReader reader(request);
  std::string arn = TRY(reader.RequiredString("resourceArn", 1, 256));
  json::Value keys = TRY(reader.OptionalArray("tagKeys"));
  if (keys.is_null()) return ValidationError("tagKeys", "null", "Member must not be null");
  store::WriteBatch::Tags change;
  change.resource_arn = arn;
  for (const json::Value& key : keys.items()) {
    if (!key.is_string()) {
      return ApiError("SerializationException",
                      "Unexpected value type in 'tagKeys': expected a string");
    }
    change.remove.emplace_back(key.as_string());
  }
  TRY(CheckTaggedResource(context, arn));
  store::WriteBatch batch;
  batch.tags.push_back(std::move(change));
  TRY(context.store.Write(batch));
  return json::Value::EmptyObject();
}

}  // namespace stepwise::api
