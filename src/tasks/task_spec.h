#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "engine/task_invoker.h"

namespace stepwise::tasks {

// A state name and the invoker that does its work, as a `--task NAME=SPEC` option names them.
using TaskBinding = std::pair<std::string, std::shared_ptr<engine::TaskInvoker>>;

// Parses the value of a `--task NAME=SPEC` option. NAME is everything before the first '=' (so a
// state name cannot contain '=', and a command can). SPEC is one of:
//   :echo        the built-in that returns the task's input (function_invoker.h);
//   :<word>      any other colon-word (letters, digits, '-', '_') is reserved for built-ins, and
//                an error rather than a shell command (which would only fail as "not found");
//   anything else  a shell command line for an ExecInvoker with default options.
//
// Errors are named "UsageError", with a message that quotes the option: no '=', an empty name, an
// empty (or blank) command, an unknown built-in.
Result<TaskBinding> ParseTaskSpec(std::string_view option);

// Parses a routes file (`--routes FILE`): one NAME=SPEC per line, as `--task` takes them; blank
// lines and lines starting with '#' are skipped, and leading and trailing white space is ignored.
// Errors are "UsageError"s naming the file and line.
Result<std::vector<TaskBinding>> ParseTaskRoutes(std::string_view text, std::string_view file);

}  // namespace stepwise::tasks
