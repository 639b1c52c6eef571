#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "api/task_callbacks.h"
#include "engine/task_invoker.h"

namespace stepwise::api {

// A task handed to an activity worker by GetActivityTask.
struct ActivityTask {
  std::string token;
  std::string input;  // JSON text
};

// The activity tasks of running executions, per activity, and the workers polling for them
// (GetActivityTask's long poll). As the engine's invoker for activity resources it queues each
// task; the task's outcome comes back through TaskCallbacks by its token.
//
// Tasks are held in memory: after a restart, a task that was waiting is queued again when its
// execution resumes from its checkpoint (with the same token).
//
// Thread-safe.
class ActivityQueues final : public engine::TaskInvoker {
 public:
  explicit ActivityQueues(std::shared_ptr<TaskCallbacks> callbacks);
  // Answers every waiting poll with no task.
  ~ActivityQueues() override;
  ActivityQueues(const ActivityQueues&) = delete;
  ActivityQueues& operator=(const ActivityQueues&) = delete;

  // Queues the task for request.resource (the activity's ARN) under request.task_token.
  void Invoke(const engine::TaskRequest& request, engine::TaskCompletion complete) override;

  // Hands the next task of activity_arn to deliver, at once or when one is queued; nullopt when
  // none comes within `wait`. deliver is called exactly once, on any thread. A task handed over
  // has started (ActivityStarted, with worker_name).
  using Delivery = std::function<void(std::optional<ActivityTask>)>;
  void Poll(const std::string& activity_arn, std::string worker_name,
            std::chrono::milliseconds wait, Delivery deliver);

 private:
  struct Poller {
    Delivery deliver;
    std::string worker_name;
    std::chrono::steady_clock::time_point deadline;
  };
  void ExpireLoop();

  std::shared_ptr<TaskCallbacks> callbacks_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::string, std::deque<ActivityTask>> tasks_;  // by activity ARN
  std::map<std::string, std::deque<Poller>> pollers_;      // by activity ARN
  bool stopping_ = false;
  std::thread expirer_;
};

}  // namespace stepwise::api
