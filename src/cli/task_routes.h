#pragma once

#include <string>
#include <vector>

#include "common/result.h"
#include "engine/task_invoker.h"

namespace stepwise::cli {

// Routes Task states as `run` and `serve` are told to: first every line of routes_file (when not
// empty; see tasks::ParseTaskRoutes), then each `--task NAME=SPEC` option, which wins over a
// route of the same state in the file. Errors: "UsageError" (a bad route, an unreadable file).
Result<void> AddTaskRoutes(engine::TaskRouter& router, const std::vector<std::string>& tasks,
                           const std::string& routes_file);

}  // namespace stepwise::cli
