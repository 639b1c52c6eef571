#include "api/task_callbacks.h"

#include "api/errors.h"

namespace stepwise::api {
namespace {

Error TaskDoesNotExist() {
  return ApiError("TaskDoesNotExist", "Task Does Not Exist: no task waits for this token");
}

}  // namespace

void TaskCallbacks::Register(const std::string& token, engine::CallbackWaiter waiter) {
  std::lock_guard<std::mutex> lock(mutex_);
  waiting_[token] = std::move(waiter);
}

void TaskCallbacks::Unregister(const std::string& token) {
  engine::CallbackWaiter gone;  // destroyed outside the lock: it may hold the last reference to a frame
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = waiting_.find(token);
    if (it == waiting_.end()) return;
    gone = std::move(it->second);
    waiting_.erase(it);
  }
}

bool TaskCallbacks::Waiting(const std::string& token) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return waiting_.contains(token);
}

Result<void> TaskCallbacks::Complete(const std::string& token, engine::TaskOutcome outcome) {
  engine::CallbackWaiter waiter;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = waiting_.find(token);
    if (it == waiting_.end()) return TaskDoesNotExist();
    waiter = std::move(it->second);
    waiting_.erase(it);
  }
  waiter.complete(std::move(outcome));
  return Ok();
}

Result<void> TaskCallbacks::Heartbeat(const std::string& token) {
  std::function<void()> heartbeat;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = waiting_.find(token);
    if (it == waiting_.end()) return TaskDoesNotExist();
    heartbeat = it->second.heartbeat;
  }
  if (heartbeat) heartbeat();
  return Ok();
}

void TaskCallbacks::Started(const std::string& token, const std::string& worker_name) {
  std::function<void(const std::string&)> started;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = waiting_.find(token);
    if (it == waiting_.end()) return;
    started = it->second.started;
  }
  if (started) started(worker_name);
}

}  // namespace stepwise::api
