#pragma once

#include <optional>
#include <string_view>

namespace stepwise {

// The closed table of error names that the Amazon States Language predefines (all start with
// "States."), and the matching policy Retry and Catch apply to them.
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
enum class StatesError {
  kAll,                              // wildcard, only alone and last in a Retry/Catch list
  kBranchFailed,                     // a Parallel branch failed
  kDataLimitExceeded,                // payload over the quota; terminal
  kExceedToleratedFailureThreshold,  // a Map exceeded its tolerated failures
  kHeartbeatTimeout,                 // a Task missed its HeartbeatSeconds
  kHttpSocket,                       // States.Http.Socket: an HTTP task timed out
  kIntrinsicFailure,                 // an intrinsic function failed
  kItemReaderFailed,                 // a Map's ItemReader failed
  kNoChoiceMatched,                  // no Choice rule matched and there is no Default
  kParameterPathFailure,             // a ".$" field's path did not resolve
  kPermissions,                      // insufficient privileges
  kQueryEvaluationError,             // a JSONata expression failed
  kResultPathMatchFailure,           // ResultPath cannot be applied to the input
  kResultWriterFailed,               // a Map's ResultWriter failed
  kRuntime,                          // an exception the execution could not process; terminal
  kTaskFailed,                       // a Task failed; also a wildcard (see Matches)
  kTimeout,                          // a Task or execution ran past its TimeoutSeconds
};

// The name as it appears in definitions and history, e.g. "States.Runtime".
std::string_view StatesErrorName(StatesError error);

// The predefined error with this name, or nullopt for any other name (task errors such as
// "Lambda.ServiceException", or unknown "States.*" names).
std::optional<StatesError> ParseStatesErrorName(std::string_view name);

// Whether an error is terminal: States.Runtime and States.DataLimitExceeded always fail the
// execution; no Retry or Catch applies to them ("A States.Runtime error isn't retriable, and will
// always cause the execution to fail").
bool IsTerminalError(std::string_view error);

// Whether an ErrorEquals entry matches a raised error name, as AWS applies it:
// - terminal errors match nothing;
// - an exact name matches itself;
// - States.ALL matches any other error;
// - States.TaskFailed matches any other error except States.Timeout.
bool ErrorEqualsMatches(std::string_view pattern, std::string_view error);

}  // namespace stepwise
