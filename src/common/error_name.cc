#include "common/error_name.h"

#include <array>
#include <utility>

namespace stepwise {
namespace {

constexpr std::array<std::pair<StatesError, std::string_view>, 17> kNames = {{
    {StatesError::kAll, "States.ALL"},
    {StatesError::kBranchFailed, "States.BranchFailed"},
    {StatesError::kDataLimitExceeded, "States.DataLimitExceeded"},
    {StatesError::kExceedToleratedFailureThreshold, "States.ExceedToleratedFailureThreshold"},
    {StatesError::kHeartbeatTimeout, "States.HeartbeatTimeout"},
    {StatesError::kHttpSocket, "States.Http.Socket"},
    {StatesError::kIntrinsicFailure, "States.IntrinsicFailure"},
    {StatesError::kItemReaderFailed, "States.ItemReaderFailed"},
    {StatesError::kNoChoiceMatched, "States.NoChoiceMatched"},
    {StatesError::kParameterPathFailure, "States.ParameterPathFailure"},
    {StatesError::kPermissions, "States.Permissions"},
    {StatesError::kQueryEvaluationError, "States.QueryEvaluationError"},
    {StatesError::kResultPathMatchFailure, "States.ResultPathMatchFailure"},
    {StatesError::kResultWriterFailed, "States.ResultWriterFailed"},
    {StatesError::kRuntime, "States.Runtime"},
    {StatesError::kTaskFailed, "States.TaskFailed"},
    {StatesError::kTimeout, "States.Timeout"},
}};

}  // namespace

bool IsTerminalError(std::string_view error) {
  return error == "States.DataLimitExceeded" || error == "States.Runtime";
}

std::string_view StatesErrorName(StatesError error) {
  for (const auto& [value, name] : kNames) {
    if (value == error) return name;
  }
  return "";
}

std::optional<StatesError> ParseStatesErrorName(std::string_view name) {
  for (const auto& [value, known] : kNames) {
    if (known == name) return value;
  }
  return std::nullopt;
}

bool ErrorEqualsMatches(std::string_view pattern, std::string_view error) {
  if (IsTerminalError(error)) return false;
  if (pattern == error) return true;
  if (pattern == "States.ALL") return true;
  if (pattern == "States.TaskFailed") return error != "States.Timeout";
  return false;
}

}  // namespace stepwise
