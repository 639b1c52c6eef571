#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <vector>

#include "engine/task_invoker.h"

namespace stepwise::tasks {

// Collects the outcomes of a test's invocations, one slot per invocation, counting how often each
// completion is called. Waiting uses a condition variable, never a sleep.
//
// Thread-safe. Must outlive every completion it hands out.
class OutcomeCollector {
 public:
  explicit OutcomeCollector(size_t slots = 1) : outcomes_(slots), calls_(slots, 0) {}

  engine::TaskCompletion Completion(size_t slot = 0) {
    return [this, slot](engine::TaskOutcome outcome) {
      // Notify while holding the lock: once a waiter sees the completion it may destroy the
      // collector, which must by then be untouched by this thread.
      std::lock_guard lock(mutex_);
      outcomes_[slot] = std::move(outcome);
      ++calls_[slot];
      ++total_calls_;
      changed_.notify_all();
    };
  }

  // Waits until every slot has been completed at least once; false after a minute without that
  // (a hung test then fails instead of running into CTest's timeout).
  bool WaitForAll() {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, std::chrono::minutes(1), [this] {
      for (size_t calls : calls_) {
        if (calls == 0) return false;
      }
      return true;
    });
  }

  // The outcome of a slot (meaningful once it was completed).
  engine::TaskOutcome outcome(size_t slot = 0) {
    std::lock_guard lock(mutex_);
    return outcomes_[slot];
  }
  size_t calls(size_t slot = 0) {
    std::lock_guard lock(mutex_);
    return calls_[slot];
  }
  size_t total_calls() {
    std::lock_guard lock(mutex_);
    return total_calls_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<engine::TaskOutcome> outcomes_;
  std::vector<size_t> calls_;
  size_t total_calls_ = 0;
};

}  // namespace stepwise::tasks
