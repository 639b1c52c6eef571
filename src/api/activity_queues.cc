#include "api/activity_queues.h"

#include <vector>

#include "json/write.h"

namespace stepwise::api {

ActivityQueues::ActivityQueues(std::shared_ptr<TaskCallbacks> callbacks)
    : callbacks_(std::move(callbacks)), expirer_([this] { ExpireLoop(); }) {}

ActivityQueues::~ActivityQueues() {
  std::vector<Delivery> unanswered;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    for (auto& [arn, pollers] : pollers_) {
      for (Poller& poller : pollers) unanswered.push_back(std::move(poller.deliver));
    }
    pollers_.clear();
  }
  changed_.notify_all();
  expirer_.join();
  for (Delivery& deliver : unanswered) deliver(std::nullopt);
}

void ActivityQueues::Invoke(const engine::TaskRequest& request, engine::TaskCompletion complete) {
  if (!request.task_token) {
    // The engine gives every activity task a token when it runs with a callback registry.
    complete(engine::TaskOutcome::Failure("States.Runtime",
                                          "An activity task needs a task token"));
    return;
  }
  ActivityTask task{*request.task_token, json::Write(request.input)};
  Poller poller;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto waiting = pollers_.find(request.resource);
    if (waiting != pollers_.end() && !waiting->second.empty()) {
      poller = std::move(waiting->second.front());
      waiting->second.pop_front();
    } else {
      tasks_[request.resource].push_back(std::move(task));
      return;
    }
  }
  callbacks_->Started(task.token, poller.worker_name);
  poller.deliver(std::move(task));
}

void ActivityQueues::Poll(const std::string& activity_arn, std::string worker_name,
                          std::chrono::milliseconds wait, Delivery deliver) {
  std::optional<ActivityTask> ready;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    std::deque<ActivityTask>& queue = tasks_[activity_arn];
    // Tasks whose wait already ended (a timeout, the execution stopped) are dropped.
    while (!queue.empty() && !callbacks_->Waiting(queue.front().token)) queue.pop_front();
    if (!queue.empty()) {
      ready = std::move(queue.front());
      queue.pop_front();
    } else if (!stopping_) {
      pollers_[activity_arn].push_back(Poller{std::move(deliver), std::move(worker_name),
                                              std::chrono::steady_clock::now() + wait});
      changed_.notify_all();
      return;
    }
  }
  if (ready) callbacks_->Started(ready->token, worker_name);
  deliver(std::move(ready));
}

void ActivityQueues::ExpireLoop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    auto now = std::chrono::steady_clock::now();
    auto next = now + std::chrono::hours(1);
    std::vector<Delivery> expired;
    for (auto& [arn, pollers] : pollers_) {
      for (auto it = pollers.begin(); it != pollers.end();) {
        if (it->deadline <= now) {
          expired.push_back(std::move(it->deliver));
          it = pollers.erase(it);
        } else {
          next = std::min(next, it->deadline);
          ++it;
        }
      }
    }
    if (!expired.empty()) {
      lock.unlock();
      for (Delivery& deliver : expired) deliver(std::nullopt);
      lock.lock();
      continue;
    }
    changed_.wait_until(lock, next);
  }
}

}  // namespace stepwise::api
