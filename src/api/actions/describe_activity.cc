// DescribeActivity.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeActivity.html
#include "api/actions/actions.h"
#include "api/request.h"
#include "api/resources.h"

namespace stepwise::api {

Result<json::Value> DescribeActivity(Context& context, const json::Value& request) {
  std::string arn = TRY(RequestReader(request).RequiredString("activityArn", 1, 256));
  store::ActivityRecord activity = TRY(FindActivity(context, arn));
  return json::Value::Object(
      {{"activityArn", json::Value::String(activity.arn)},
       {"name", json::Value::String(activity.name)},
       {"creationDate", Timestamp(activity.creation_ms)},
       {"encryptionConfiguration",
        json::Value::Object({{"type", json::Value::String("AWS_OWNED_KEY")}})}});
}

}  // namespace stepwise::api
