#include "tasks/function_invoker.h"

#include <utility>

namespace stepwise::tasks {

void FunctionInvoker::Invoke(const engine::TaskRequest& request, engine::TaskCompletion complete) {
  complete(function_(request));
}

std::optional<engine::TaskOutcome> FunctionInvoker::InvokeNow(const engine::TaskRequest& request) {
  return function_(request);
}

std::shared_ptr<engine::TaskInvoker> MakeEchoInvoker() {
  return std::make_shared<FunctionInvoker>([](const engine::TaskRequest& request) {
    return engine::TaskOutcome::Success(request.input);
  });
}

}  // namespace stepwise::tasks
