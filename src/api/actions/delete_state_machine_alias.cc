// DeleteStateMachineAlias: the alias goes; the versions it routed to stay, and so do the
// executions started through it. Deleting an alias that does not exist succeeds, as on AWS.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_DeleteStateMachineAlias.html
#include "api/actions/actions.h"
#include "api/actions/versions.h"
#include "api/arn.h"
#include "api/request.h"

namespace stepwise::api {

Result<json::Value> DeleteStateMachineAlias(Context& context, const json::Value& request) {
  std::string arn = TRY(RequestReader(request).RequiredString("stateMachineAliasArn", 1, 256));
  TRY(ParseArnOf(arn, ArnKindBit(ArnKind::kStateMachineAlias)));
  std::unique_lock<std::mutex> lock = LockVersionsAndAliases();
  store::WriteBatch batch;
  batch.delete_aliases.push_back(arn);
  TRY(context.store.Write(batch));
  return json::Value::EmptyObject();
}

}  // namespace stepwise::api
