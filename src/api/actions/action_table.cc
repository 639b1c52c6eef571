#include "api/actions/actions.h"

#include <array>

namespace stepwise::api {

std::span<const ActionEntry> AllActions() {
  static constexpr std::array kActions = {
      ActionEntry{"CreateStateMachine", &CreateStateMachine},
      ActionEntry{"DescribeStateMachine", &DescribeStateMachine},
      ActionEntry{"UpdateStateMachine", &UpdateStateMachine},
      ActionEntry{"DeleteStateMachine", &DeleteStateMachine},
      ActionEntry{"ListStateMachines", &ListStateMachines},
      ActionEntry{"ValidateStateMachineDefinition", &ValidateStateMachineDefinition},
      ActionEntry{"TestState", &TestState},
      ActionEntry{"PublishStateMachineVersion", &PublishStateMachineVersion},
      ActionEntry{"ListStateMachineVersions", &ListStateMachineVersions},
      ActionEntry{"DeleteStateMachineVersion", &DeleteStateMachineVersion},
      ActionEntry{"CreateStateMachineAlias", &CreateStateMachineAlias},
      ActionEntry{"DescribeStateMachineAlias", &DescribeStateMachineAlias},
      ActionEntry{"UpdateStateMachineAlias", &UpdateStateMachineAlias},
      ActionEntry{"DeleteStateMachineAlias", &DeleteStateMachineAlias},
      ActionEntry{"ListStateMachineAliases", &ListStateMachineAliases},
      ActionEntry{"StartExecution", &StartExecution},
      ActionEntry{"StartSyncExecution", nullptr, &StartSyncExecution},
      ActionEntry{"StopExecution", &StopExecution},
      ActionEntry{"DescribeExecution", &DescribeExecution},
      ActionEntry{"ListExecutions", &ListExecutions},
      ActionEntry{"GetExecutionHistory", &GetExecutionHistory},
      ActionEntry{"DescribeStateMachineForExecution", &DescribeStateMachineForExecution},
      ActionEntry{"RedriveExecution", &RedriveExecution},
      ActionEntry{"ListMapRuns", &ListMapRuns},
      ActionEntry{"DescribeMapRun", &DescribeMapRun},
      ActionEntry{"UpdateMapRun", &UpdateMapRun},
      ActionEntry{"CreateActivity", &CreateActivity},
      ActionEntry{"DescribeActivity", &DescribeActivity},
      ActionEntry{"DeleteActivity", &DeleteActivity},
      ActionEntry{"ListActivities", &ListActivities},
      ActionEntry{"SendTaskSuccess", &SendTaskSuccess},
      ActionEntry{"SendTaskFailure", &SendTaskFailure},
      ActionEntry{"SendTaskHeartbeat", &SendTaskHeartbeat},
      ActionEntry{"GetActivityTask", nullptr, &GetActivityTask},
      ActionEntry{"TagResource", &TagResource},
      ActionEntry{"UntagResource", &UntagResource},
      ActionEntry{"ListTagsForResource", &ListTagsForResource},
  };
  return kActions;
}

}  // namespace stepwise::api
