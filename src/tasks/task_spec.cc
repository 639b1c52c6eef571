#include "tasks/task_spec.h"

#include <algorithm>

#include "tasks/exec_invoker.h"
#include "tasks/function_invoker.h"
#include "tasks/text_excerpt.h"

namespace stepwise::tasks {
namespace {

constexpr std::string_view kEcho = ":echo";

bool IsBuiltinName(std::string_view spec) {
  if (spec.size() < 2 || spec.front() != ':') return false;
  return std::all_of(spec.begin() + 1, spec.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
}

Error UsageError(std::string_view option, std::string_view problem) {
  return Error("UsageError", "--task '" + std::string(option) + "': " + std::string(problem));
}

}  // namespace

Result<TaskBinding> ParseTaskSpec(std::string_view option) {
  const size_t equals = option.find('=');
  if (equals == std::string_view::npos) {
    return UsageError(option,
                      "expected NAME=SPEC: a state name, '=', then ':echo' or a shell command");
  }
  const std::string_view name = option.substr(0, equals);
  const std::string_view spec = option.substr(equals + 1);
  if (name.empty()) return UsageError(option, "the state name before '=' is empty");
  if (TrimWhitespace(spec).empty()) return UsageError(option, "the command after '=' is empty");
  if (spec == kEcho) return TaskBinding(std::string(name), MakeEchoInvoker());
  if (IsBuiltinName(spec)) {
    return UsageError(option, "unknown built-in '" + std::string(spec) +
                                  "' (the built-in is ':echo'; anything else is a shell command)");
  }
  return TaskBinding(std::string(name), std::make_shared<ExecInvoker>(std::string(spec)));
}

Result<std::vector<TaskBinding>> ParseTaskRoutes(std::string_view text, std::string_view file) {
  std::vector<TaskBinding> bindings;
  size_t line_number = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = TrimWhitespace(text.substr(start, end - start));
    ++line_number;
    start = end + 1;
    if (line.empty() || line.front() == '#') continue;
    Result<TaskBinding> binding = ParseTaskSpec(line);
    if (!binding.ok()) {
      return Error("UsageError", std::string(file) + ":" + std::to_string(line_number) + ": " +
                                     binding.error().message());
    }
    bindings.push_back(binding.release_value());
  }
  return bindings;
}

}  // namespace stepwise::tasks
