// DeleteStateMachine: the machine, its versions and aliases go; its executions stay readable.
// Deleting a machine that does not exist succeeds, as on AWS.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_DeleteStateMachine.html
#include "api/actions/actions.h"
#include "api/actions/versions.h"
#include "api/arn.h"
#include "api/request.h"

namespace stepwise::api {

Result<json::Value> DeleteStateMachine(Context& context, const json::Value& request) {
  std::string arn = TRY(RequestReader(request).RequiredString("stateMachineArn", 1, 256));
  TRY(ParseArnOf(arn, ArnKindBit(ArnKind::kStateMachine)));
  store::WriteBatch batch;
  batch.delete_state_machines.push_back(arn);
  // Apart from a concurrent PublishStateMachineVersion or CreateStateMachineAlias, which would
  // otherwise write a version or alias of the machine just deleted.
  std::unique_lock<std::mutex> lock = LockVersionsAndAliases();
  TRY(context.store.Write(batch));
  return json::Value::EmptyObject();
}

}  // namespace stepwise::api
