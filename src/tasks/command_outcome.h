#pragma once

#include <cstddef>

#include "engine/task_invoker.h"
#include "tasks/subprocess.h"

namespace stepwise::tasks {

// How much of a command's stderr an error's Cause quotes: its last 4 KiB.
inline constexpr size_t kMaxStderrInCause = 4096;
// How much of a command's output the Cause of "not JSON" quotes: its first 200 bytes.
inline constexpr size_t kMaxOutputInCause = 200;

// The outcome of a Task state whose work was a local command, from how the command ended.
//
// - Exit status 0: stdout is the result, one JSON document (surrounding whitespace allowed);
//   empty or blank stdout is null. Anything else fails with States.TaskFailed, whose Cause says
//   the output is not JSON, gives the parse error and quotes the output's beginning.
// - Any other exit status is a function error, handled as AWS handles a Lambda function's: when
//   stdout (or else stderr) is a JSON object whose "errorType" is a non-empty string, the Error is
//   that errorType and the Cause is the object's text as the command printed it (surrounding
//   whitespace aside), as Step Functions sets Cause to the function's error payload, e.g.
//   {"errorMessage":"boom","errorType":"MyError","stackTrace":[...]}. Otherwise the Error is
//   States.TaskFailed and the Cause gives the exit status and the end of stderr.
// - Killed by a signal: States.TaskFailed, with the signal's number and name and stderr's end.
// - Stdout over the limit: States.TaskFailed, saying the output exceeded max_stdout_bytes.
// - Killed by Subprocess::Kill: States.TaskFailed, saying the command was killed.
//
// Quoted output is cut at character boundaries and made valid UTF-8 (see text_excerpt.h).
engine::TaskOutcome CommandOutcome(const SubprocessResult& result, size_t max_stdout_bytes);

}  // namespace stepwise::tasks
