#include "engine/scheduler.h"

#include <boost/asio/post.hpp>
#include <chrono>

namespace stepwise::engine {

Scheduler::Scheduler(int workers, bool simulated)
    : simulated_(simulated ? &simulated_clock_ : nullptr),
      workers_(workers < 1 ? 1 : workers) {}

Scheduler::~Scheduler() { Shutdown(); }

void Scheduler::Shutdown() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
    stopped_.store(true, std::memory_order_release);
  }
  changed_.notify_all();
  if (timer_thread_.joinable()) timer_thread_.join();
  // No pool starts after stopping_ is set (StartPool checks it under the lock).
  if (pool_) pool_->join();
  // Timers that never fired hold their frames, and frames their execution, which holds this
  // scheduler: dropped here, or they would keep each other alive (a retry's backoff in a branch
  // of a Parallel that failed, a Wait in an execution that timed out).
  decltype(timers_) dropped;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    std::swap(dropped, timers_);
  }
}

bool Scheduler::StartPool() {
  if (pool_started_.load(std::memory_order_acquire)) return true;
  std::lock_guard<std::mutex> lock(mutex_);
  if (stopping_) return false;
  if (!pool_) pool_.emplace(static_cast<size_t>(workers_));
  pool_started_.store(true, std::memory_order_release);
  return true;
}

void Scheduler::StartTimerThreadLocked() {
  if (!timer_thread_.joinable() && !stopping_) {
    timer_thread_ = std::thread([this] { TimerLoop(); });
  }
}

void Scheduler::Post(std::function<void()> job) {
  if (stopped_.load(std::memory_order_acquire) || !StartPool()) return;
  pending_.fetch_add(1, std::memory_order_acq_rel);
  boost::asio::post(*pool_, [this, job = std::move(job)] {
    running_.fetch_add(1, std::memory_order_relaxed);
    job();
    running_.fetch_sub(1, std::memory_order_relaxed);
    JobFinished();
  });
}

void Scheduler::JobFinished() {
  if (pending_.fetch_sub(1, std::memory_order_acq_rel) == 1 && simulated_ != nullptr) {
    // The pool may have gone idle: the timer thread decides whether the clock can jump.
    std::lock_guard<std::mutex> lock(mutex_);
    changed_.notify_all();
  }
}

void Scheduler::ScheduleAt(int64_t due_ms, std::function<void()> job) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    timers_.push(Timer{due_ms, next_sequence_++, std::move(job)});
    StartTimerThreadLocked();
  }
  changed_.notify_all();
}

void Scheduler::BeginExternal() {
  // From -1 to 0: an outcome that came first already ended this work; the pool may be idle now.
  if (external_.fetch_add(1, std::memory_order_acq_rel) == -1 && simulated_ != nullptr) {
    std::lock_guard<std::mutex> lock(mutex_);
    changed_.notify_all();
  }
}

void Scheduler::EndExternal() {
  if (external_.fetch_sub(1, std::memory_order_acq_rel) <= 1 && simulated_ != nullptr) {
    std::lock_guard<std::mutex> lock(mutex_);
    changed_.notify_all();
  }
}

bool Scheduler::Idle() const {
  // external_ may pass through -1 (a task's outcome can end its external work just before the
  // thread that started it begins it); only exactly 0 is idle.
  return pending_.load(std::memory_order_acquire) == 0 &&
         external_.load(std::memory_order_acquire) == 0;
}

void Scheduler::TimerLoop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    if (timers_.empty()) {
      changed_.wait(lock);
      continue;
    }
    int64_t due = timers_.top().due_ms;
    int64_t now = clock().NowMillis();
    if (due <= now) {
      // const_cast: priority_queue only exposes a const top; the element is popped right after.
      std::function<void()> job = std::move(const_cast<Timer&>(timers_.top()).job);
      timers_.pop();
      lock.unlock();
      Post(std::move(job));
      lock.lock();
      continue;
    }
    if (simulated_ != nullptr && Idle()) {
      // Nothing else can run: jump to the timer.
      simulated_->AdvanceTo(due);
      continue;
    }
    // Real time must pass (or, simulated, something is still running): wait until the timer is
    // due or something changes.
    changed_.wait_for(lock, std::chrono::milliseconds(due - now));
  }
}

}  // namespace stepwise::engine
