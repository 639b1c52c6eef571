// DeleteActivity: deleting one that does not exist succeeds, as on AWS.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_DeleteActivity.html
#include "api/actions/actions.h"
#include "api/arn.h"
#include "api/request.h"

namespace stepwise::api {

Result<json::Value> DeleteActivity(Context& context, const json::Value& request) {
  std::string arn = TRY(RequestReader(request).RequiredString("activityArn", 1, 256));
  TRY(ParseArnOf(arn, ArnKindBit(ArnKind::kActivity)));
  store::WriteBatch batch;
  batch.delete_activities.push_back(arn);
  TRY(context.store.Write(batch));
  return json::Value::EmptyObject();
}

}  // namespace stepwise::api
