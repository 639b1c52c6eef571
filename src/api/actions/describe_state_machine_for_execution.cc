// DescribeStateMachineForExecution: the machine (or version) an execution was started from.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeStateMachineForExecution.html
#include "api/actions/actions.h"
#include "api/request.h"
#include "api/resources.h"

namespace stepwise::api {

Result<json::Value> DescribeStateMachineForExecution(Context& context, const json::Value& request) {
  std::string arn = TRY(RequestReader(request).RequiredString("executionArn", 1, 256));
  store::ExecutionRecord execution = TRY(FindExecution(context, arn));
  std::string machine_arn =
      execution.version_arn.empty() ? execution.state_machine_arn : execution.version_arn;
  store::StateMachineRecord machine = TRY(FindStateMachine(context, machine_arn));
  std::vector<json::Member> response;
  response.emplace_back("stateMachineArn", json::Value::String(machine.arn));
  response.emplace_back("name", json::Value::String(machine.name));
  response.emplace_back("definition", json::Value::String(machine.definition));
  response.emplace_back("roleArn", json::Value::String(machine.role_arn));
  response.emplace_back("updateDate",
                        Timestamp(machine.update_ms != 0 ? machine.update_ms : machine.creation_ms));
  response.emplace_back("loggingConfiguration", LoggingConfigurationOf(machine));
  if (!machine.revision_id.empty()) {
    response.emplace_back("revisionId", json::Value::String(machine.revision_id));
  }
  return json::Value::Object(std::move(response));
}

}  // namespace stepwise::api
