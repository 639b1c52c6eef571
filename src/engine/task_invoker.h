#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "json/value.h"

namespace stepwise::engine {

// What a Task state asks its resource to do.
struct TaskRequest {
  std::string resource;       // the state's Resource ARN
  std::string state_name;
  json::Value input;          // the effective input (after InputPath and Parameters)
  std::optional<std::string> task_token;  // .waitForTaskToken resources and activities
};

// How a task ended: a result, or an error with a cause.
struct TaskOutcome {
  static TaskOutcome Success(json::Value output) { return {true, std::move(output), "", ""}; }
  static TaskOutcome Failure(std::string error, std::string cause) {
    return {false, json::Value(), std::move(error), std::move(cause)};
  }

  bool ok = false;
  json::Value output;
  std::string error;
  std::string cause;
};

// Called exactly once with the task's outcome, from any thread, before Invoke returns (a task
// that finishes at once) or at any later time (a process, a callback a year later).
using TaskCompletion = std::function<void(TaskOutcome)>;

// Runs the work of Task states. Implementations: in-process functions (tests, `:echo`), local
// commands (`exec`), the service's activity queues; Lambda and HTTP later.
//
// Thread-safe: Invoke may be called concurrently.
class TaskInvoker {
 public:
  virtual ~TaskInvoker() = default;
  virtual void Invoke(const TaskRequest& request, TaskCompletion complete) = 0;

  // The outcome at once, for an invoker that has it without blocking (an in-process function);
  // nullopt sends the engine to Invoke. Spares the engine the completion's bookkeeping.
  virtual std::optional<TaskOutcome> InvokeNow(const TaskRequest& /*request*/) {
    return std::nullopt;
  }

  // Whether the task can be scheduled at all, asked before its Scheduled event: an error fails
  // the state with States.Runtime and the error's message (AWS: an activity that does not exist).
  virtual Result<void> Admit(const TaskRequest& /*request*/) { return Ok(); }
};

// How a callback task hears from whoever holds its token.
struct CallbackWaiter {
  TaskCompletion complete;          // SendTaskSuccess, SendTaskFailure
  std::function<void()> heartbeat;  // SendTaskHeartbeat: restarts HeartbeatSeconds
  // An activity's worker took the task (GetActivityTask), with the worker's name (may be empty).
  std::function<void(const std::string& worker_name)> started;
};

// Where callback tasks wait (a `.waitForTaskToken` resource, or an activity): the engine registers
// the task's waiter under its token, and whoever holds the token (SendTaskSuccess,
// SendTaskFailure) completes it through the registry; SendTaskHeartbeat calls `heartbeat`, and an
// activity worker's taking the task calls `started`. The engine unregisters the token when the
// task's wait ends in any way (an outcome, a timeout, the execution's end).
//
// Without a registry (`stepwise run`), a callback task completes with its invoker's outcome.
//
// Thread-safe.
class CallbackRegistry {
 public:
  virtual ~CallbackRegistry() = default;
  virtual void Register(const std::string& token, CallbackWaiter waiter) = 0;
  virtual void Unregister(const std::string& token) = 0;
};

// Chooses the invoker of a Task state: by state name first, then by Resource ARN, then the
// fallback. Configured before executions start; read-only (and so thread-safe) afterwards.
class TaskRouter {
 public:
  void RouteState(std::string state_name, std::shared_ptr<TaskInvoker> invoker) {
    by_state_[std::move(state_name)] = std::move(invoker);
  }
  void RouteResource(std::string resource, std::shared_ptr<TaskInvoker> invoker) {
    by_resource_[std::move(resource)] = std::move(invoker);
  }
  void SetFallback(std::shared_ptr<TaskInvoker> invoker) { fallback_ = std::move(invoker); }

  // The invoker for a state, or nullptr when nothing is routed to it.
  TaskInvoker* Route(std::string_view state_name, std::string_view resource) const {
    if (auto it = by_state_.find(state_name); it != by_state_.end()) return it->second.get();
    if (auto it = by_resource_.find(resource); it != by_resource_.end()) return it->second.get();
    return fallback_.get();
  }

 private:
  std::map<std::string, std::shared_ptr<TaskInvoker>, std::less<>> by_state_;
  std::map<std::string, std::shared_ptr<TaskInvoker>, std::less<>> by_resource_;
  std::shared_ptr<TaskInvoker> fallback_;
};

}  // namespace stepwise::engine
