#pragma once

#include <map>
#include <mutex>
#include <string>

#include "engine/task_invoker.h"
#include "json/value.h"

namespace stepwise::conformance {

// Stands in for the workers of a recorded case's callback tasks (a `.waitForTaskToken`
// integration, an activity), replaying what they sent back to AWS: the case's `task_results`,
// per state name in invocation order (`{"output": ...}`, `{"error", "cause"}`, or an `event`
// ending in "TimedOut" for a worker that never answered). It is both the router's invoker and
// the execution's callback registry, so it answers through the token as a real worker does:
// - an activity's task is taken by a worker (ActivityStarted), then answered; an activity whose
//   state has no recorded results does not exist (the recorder deleted it);
// - a `.waitForTaskToken` integration's request is accepted (TaskSubmitted), then answered.
//
// Thread-safe.
class RecordedWorkers final : public engine::TaskInvoker, public engine::CallbackRegistry {
 public:
  // task_results: the case's field (an object), or null when it has none.
  explicit RecordedWorkers(json::Value task_results);

  Result<void> Admit(const engine::TaskRequest& request) override;
  void Invoke(const engine::TaskRequest& request, engine::TaskCompletion complete) override;

  void Register(const std::string& token, engine::CallbackWaiter waiter) override;
  void Unregister(const std::string& token) override;

 private:
  // The next recorded result of state, or null when none is left.
  json::Value NextResult(const std::string& state);

  const json::Value task_results_;
  std::mutex mutex_;
  std::map<std::string, size_t> used_;  // results replayed, by state name
  std::map<std::string, engine::CallbackWaiter> waiting_;
};

}  // namespace stepwise::conformance
