// DescribeStateMachine: a machine's or a version's configuration.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeStateMachine.html
#include "api/actions/actions.h"
#include "api/request.h"
#include "api/resources.h"

namespace stepwise::api {

Result<json::Value> DescribeStateMachine(Context& context, const json::Value& request) {
  std::string arn = TRY(RequestReader(request).RequiredString("stateMachineArn", 1, 256));
  store::StateMachineRecord machine = TRY(FindStateMachine(context, arn));
  return DescribeMachine(machine);
}

}  // namespace stepwise::api
