#include "cli/task_routes.h"

#include "cli/read_input.h"
#include "tasks/task_spec.h"

namespace stepwise::cli {

Result<void> AddTaskRoutes(engine::TaskRouter& router, const std::vector<std::string>& tasks,
                           const std::string& routes_file) {
  if (!routes_file.empty()) {
    Result<std::string> text = ReadFile(routes_file);
    if (!text.ok()) return Error("UsageError", "--routes: " + text.error().message());
    std::vector<tasks::TaskBinding> routes = TRY(tasks::ParseTaskRoutes(text.value(), routes_file));
    for (tasks::TaskBinding& route : routes) router.RouteState(route.first, route.second);
  }
  for (const std::string& spec : tasks) {
    tasks::TaskBinding binding = TRY(tasks::ParseTaskSpec(spec));
    router.RouteState(binding.first, binding.second);
  }
  return Ok();
}

}  // namespace stepwise::cli
