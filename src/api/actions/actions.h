#pragma once

#include <functional>
#include <span>
#include <string_view>

#include "api/context.h"
#include "common/result.h"
#include "json/value.h"

// The Step Functions API's actions, one file each (`create_state_machine.cc`, ...). An action
// reads its request object and returns its response object or AWS's error; one that answers
// later (StartSyncExecution waits for the execution, GetActivityTask polls) replies through a
// callback instead.
namespace stepwise::api {

using Reply = std::function<void(Result<json::Value>)>;
using SyncAction = Result<json::Value> (*)(Context& context, const json::Value& request);
using AsyncAction = void (*)(Context& context, const json::Value& request, Reply reply);

struct ActionEntry {
  std::string_view name;  // "CreateStateMachine"
  SyncAction sync = nullptr;
  AsyncAction async = nullptr;
};

// Every action the service implements, by name.
std::span<const ActionEntry> AllActions();

// State machines.
Result<json::Value> CreateStateMachine(Context& context, const json::Value& request);
Result<json::Value> DescribeStateMachine(Context& context, const json::Value& request);
Result<json::Value> UpdateStateMachine(Context& context, const json::Value& request);
Result<json::Value> DeleteStateMachine(Context& context, const json::Value& request);
Result<json::Value> ListStateMachines(Context& context, const json::Value& request);
Result<json::Value> ValidateStateMachineDefinition(Context& context, const json::Value& request);
Result<json::Value> TestState(Context& context, const json::Value& request);

// Versions and aliases.
Result<json::Value> PublishStateMachineVersion(Context& context, const json::Value& request);
Result<json::Value> ListStateMachineVersions(Context& context, const json::Value& request);
Result<json::Value> DeleteStateMachineVersion(Context& context, const json::Value& request);
Result<json::Value> CreateStateMachineAlias(Context& context, const json::Value& request);
Result<json::Value> DescribeStateMachineAlias(Context& context, const json::Value& request);
Result<json::Value> UpdateStateMachineAlias(Context& context, const json::Value& request);
Result<json::Value> DeleteStateMachineAlias(Context& context, const json::Value& request);
Result<json::Value> ListStateMachineAliases(Context& context, const json::Value& request);

// Executions.
Result<json::Value> StartExecution(Context& context, const json::Value& request);
void StartSyncExecution(Context& context, const json::Value& request, Reply reply);
Result<json::Value> StopExecution(Context& context, const json::Value& request);
Result<json::Value> DescribeExecution(Context& context, const json::Value& request);
Result<json::Value> ListExecutions(Context& context, const json::Value& request);
Result<json::Value> GetExecutionHistory(Context& context, const json::Value& request);
Result<json::Value> DescribeStateMachineForExecution(Context& context, const json::Value& request);
Result<json::Value> RedriveExecution(Context& context, const json::Value& request);

// Map Runs (Distributed Map).
Result<json::Value> ListMapRuns(Context& context, const json::Value& request);
Result<json::Value> DescribeMapRun(Context& context, const json::Value& request);
Result<json::Value> UpdateMapRun(Context& context, const json::Value& request);

// Activities.
Result<json::Value> CreateActivity(Context& context, const json::Value& request);
Result<json::Value> DescribeActivity(Context& context, const json::Value& request);
Result<json::Value> DeleteActivity(Context& context, const json::Value& request);
Result<json::Value> ListActivities(Context& context, const json::Value& request);

// Callback and activity tasks.
Result<json::Value> SendTaskSuccess(Context& context, const json::Value& request);
Result<json::Value> SendTaskFailure(Context& context, const json::Value& request);
Result<json::Value> SendTaskHeartbeat(Context& context, const json::Value& request);
void GetActivityTask(Context& context, const json::Value& request, Reply reply);

// Tags.
Result<json::Value> TagResource(Context& context, const json::Value& request);
Result<json::Value> UntagResource(Context& context, const json::Value& request);
Result<json::Value> ListTagsForResource(Context& context, const json::Value& request);

}  // namespace stepwise::api
