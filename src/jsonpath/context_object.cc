#include "jsonpath/context_object.h"

#include <vector>

namespace stepwise::jsonpath {

using json::Member;
using json::Value;

// The shape and member order of the "Context object fields" section of
// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html, plus the
// Map member of
// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemselector.html.
Value ContextObject::ToValue() const {
  std::vector<Member> execution_members = {
      {"Id", Value::String(execution.id)},
      {"Input", execution.input},
      {"Name", Value::String(execution.name)},
      {"RoleArn", Value::String(execution.role_arn)},
      {"StartTime", Value::String(execution.start_time)},
  };
  if (execution.redrive_count) {
    execution_members.emplace_back("RedriveCount", Value::Int(*execution.redrive_count));
  }
  // AWS adds RedriveTime only once an execution has been redriven.
  if (execution.redrive_time) {
    execution_members.emplace_back("RedriveTime", Value::String(*execution.redrive_time));
  }

  std::vector<Member> state_members = {{"EnteredTime", Value::String(state.entered_time)},
                                       {"Name", Value::String(state.name)}};
  if (state.retry_count) state_members.emplace_back("RetryCount", Value::Int(*state.retry_count));
  std::vector<Member> members = {
      {"Execution", Value::Object(std::move(execution_members))},
      {"State", Value::Object(std::move(state_members))},
      {"StateMachine", Value::Object({{"Id", Value::String(state_machine.id)},
                                      {"Name", Value::String(state_machine.name)}})},
  };
  if (task_token) {
    members.emplace_back("Task", Value::Object({{"Token", Value::String(*task_token)}}));
  }
  if (map_item) {
    members.emplace_back(
        "Map", Value::Object({{"Item", Value::Object({{"Index", Value::Int(map_item->index)},
                                                      {"Value", map_item->value}})}}));
  }
  return Value::Object(std::move(members));
}

}  // namespace stepwise::jsonpath
