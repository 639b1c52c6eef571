#pragma once

#include <functional>
#include <memory>

#include "engine/task_invoker.h"

namespace stepwise::tasks {

// Runs a Task state's work as an in-process function, completing synchronously: the completion
// is called inside Invoke, on the caller's thread, before Invoke returns. For tests, and for
// built-ins such as `:echo`.
//
// Thread safety: the function is called concurrently when Invoke is; it must allow that. An
// exception it throws propagates out of Invoke, and the completion is then not called.
class FunctionInvoker final : public engine::TaskInvoker {
 public:
  using Function = std::function<engine::TaskOutcome(const engine::TaskRequest&)>;

  explicit FunctionInvoker(Function function) : function_(std::move(function)) {}

  FunctionInvoker(const FunctionInvoker&) = delete;
  FunctionInvoker& operator=(const FunctionInvoker&) = delete;

  void Invoke(const engine::TaskRequest& request, engine::TaskCompletion complete) override;
  std::optional<engine::TaskOutcome> InvokeNow(const engine::TaskRequest& request) override;

 private:
  const Function function_;
};

// The built-in `:echo`: every task succeeds with its input as its result. O(1): the result shares
// the input's nodes.
std::shared_ptr<engine::TaskInvoker> MakeEchoInvoker();

}  // namespace stepwise::tasks
