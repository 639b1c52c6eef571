#include "conformance/recorded_workers.h"

#include <utility>

#include "asl/resource.h"

namespace stepwise::conformance {
namespace {

// The worker's name in ActivityStarted; the recordings mask it, and only event types are compared.
constexpr char kWorkerName[] = "conformance-worker";

std::string StringOr(const json::Value& object, std::string_view key, std::string fallback) {
  const json::Value* value = object.Find(key);
  return value != nullptr && value->is_string() ? std::string(value->as_string())
                                                : std::move(fallback);
}

}  // namespace

RecordedWorkers::RecordedWorkers(json::Value task_results)
    : task_results_(std::move(task_results)) {}

Result<void> RecordedWorkers::Admit(const engine::TaskRequest& request) {
  bool activity = asl::IsActivityArn(request.resource);
  bool recorded = task_results_.is_object() && task_results_.Find(request.state_name) != nullptr;
  if (activity && !recorded) {
    return Error("States.Runtime", "The activity " + request.resource + " does not exist.");
  }
  return Ok();
}

json::Value RecordedWorkers::NextResult(const std::string& state) {
  std::lock_guard<std::mutex> lock(mutex_);
  const json::Value* results = task_results_.is_object() ? task_results_.Find(state) : nullptr;
  size_t& used = used_[state];
  if (results == nullptr || !results->is_array() || used >= results->size()) return json::Value();
  return results->items()[used++];
}

void RecordedWorkers::Invoke(const engine::TaskRequest& request,
                             engine::TaskCompletion complete) {
  json::Value result = NextResult(request.state_name);
  if (!request.task_token) {
    complete(engine::TaskOutcome::Failure("States.TaskFailed",
                                          "Only callback tasks are replayed here"));
    return;
  }
  const std::string& token = *request.task_token;
  bool activity = asl::IsActivityArn(request.resource);
  engine::CallbackWaiter waiter;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto it = waiting_.find(token); it != waiting_.end()) waiter = it->second;
  }
  if (activity) {
    if (waiter.started) waiter.started(kWorkerName);
  } else {
    // The integration accepted the request (what SQS answered is not recorded per case).
    complete(engine::TaskOutcome::Success(json::Value::EmptyObject()));
  }
  if (result.is_null() || StringOr(result, "event", "").ends_with("TimedOut")) {
    return;  // a worker that never answers: the state's timeout ends the task
  }
  engine::TaskOutcome outcome =
      result.Find("output") != nullptr
          ? engine::TaskOutcome::Success(*result.Find("output"))
          : engine::TaskOutcome::Failure(StringOr(result, "error", ""),
                                         StringOr(result, "cause", ""));
  if (waiter.complete) waiter.complete(std::move(outcome));
}

void RecordedWorkers::Register(const std::string& token, engine::CallbackWaiter waiter) {
  std::lock_guard<std::mutex> lock(mutex_);
  waiting_[token] = std::move(waiter);
}

void RecordedWorkers::Unregister(const std::string& token) {
  engine::CallbackWaiter gone;  // destroyed outside the lock: it may hold a frame
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto it = waiting_.find(token); it != waiting_.end()) {
    gone = std::move(it->second);
    waiting_.erase(it);
  }
}

}  // namespace stepwise::conformance
