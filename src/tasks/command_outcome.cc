#include "tasks/command_outcome.h"

#include <signal.h>

#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "common/error_name.h"
#include "json/parse.h"
#include "json/value.h"
#include "tasks/text_excerpt.h"

namespace stepwise::tasks {
namespace {

std::string TaskFailedName() { return std::string(StatesErrorName(StatesError::kTaskFailed)); }

// " stderr: <its last 4 KiB>", or nothing when the command wrote nothing there.
std::string StderrClause(const SubprocessResult& result) {
  const std::string_view text = TrimWhitespace(result.stderr_text);
  if (text.empty()) return "";
  std::string clause = " stderr: " + Excerpt(text, kMaxStderrInCause, ExcerptEnd::kTail);
  if (result.stderr_truncated) clause += "\xE2\x80\xA6";  // more followed that was not kept
  return clause;
}

std::string SignalName(int signal) {
  std::string name = "signal " + std::to_string(signal);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 32))
  if (const char* abbreviation = sigabbrev_np(signal)) {
    name += " (SIG";
    name += abbreviation;
    name += ")";
  }
#endif
  return name;
}

// The function error a failed command reported in text (its stdout or stderr), as the Lambda
// runtimes report one: a JSON object with a string "errorType".
std::optional<engine::TaskOutcome> FunctionError(std::string_view text) {
  const std::string_view document = TrimWhitespace(text);
  if (document.empty() || document.front() != '{') return std::nullopt;  // skip parsing prose
  Result<json::Value> parsed = json::Parse(document);
  if (!parsed.ok()) return std::nullopt;
  const json::Value* error_type = parsed.value().Find("errorType");
  if (error_type == nullptr || !error_type->is_string() || error_type->as_string().empty()) {
    return std::nullopt;
  }
  // AWS: a Lambda function error's Cause is the function's whole error payload, not just its
  // errorMessage; state machines parse it back with States.StringToJson($.Cause).
  return engine::TaskOutcome::Failure(std::string(error_type->as_string()), std::string(document));
}

engine::TaskOutcome ExitedOutcome(const SubprocessResult& result) {
  if (result.exit_code != 0) {
    if (auto error = FunctionError(result.stdout_text)) return *std::move(error);
    if (auto error = FunctionError(result.stderr_text)) return *std::move(error);
    return engine::TaskOutcome::Failure(TaskFailedName(), "The command exited with status " +
                                                              std::to_string(result.exit_code) +
                                                              "." + StderrClause(result));
  }
  if (TrimWhitespace(result.stdout_text).empty()) {
    return engine::TaskOutcome::Success(json::Value::Null());
  }
  Result<json::Value> output = json::Parse(result.stdout_text);
  if (output.ok()) return engine::TaskOutcome::Success(output.release_value());
  return engine::TaskOutcome::Failure(
      TaskFailedName(),
      "The command's output is not JSON: " + output.error().message() +
          ". Output: " + Excerpt(result.stdout_text, kMaxOutputInCause, ExcerptEnd::kHead));
}

}  // namespace

engine::TaskOutcome CommandOutcome(const SubprocessResult& result, size_t max_stdout_bytes) {
  switch (result.end) {
    case SubprocessResult::End::kExited:
      return ExitedOutcome(result);
    case SubprocessResult::End::kSignaled:
      return engine::TaskOutcome::Failure(
          TaskFailedName(),
          "The command was killed by " + SignalName(result.signal) + "." + StderrClause(result));
    case SubprocessResult::End::kStdoutLimit:
      return engine::TaskOutcome::Failure(
          TaskFailedName(), "The command's output exceeded " + std::to_string(max_stdout_bytes) +
                                " bytes, so the command was killed.");
    case SubprocessResult::End::kKilled:
      return engine::TaskOutcome::Failure(TaskFailedName(),
                                          "The command was killed before it finished.");
  }
  return engine::TaskOutcome::Failure(TaskFailedName(), "The command ended in an unknown way.");
}

}  // namespace stepwise::tasks
