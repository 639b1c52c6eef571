#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <queue>
#include <thread>
#include <vector>

#include <boost/asio/thread_pool.hpp>

#include "common/clock.h"

namespace stepwise::engine {

// The engine's event loop: a pool of worker threads (Boost.Asio) that run posted jobs, and a
// timer queue on the engine's Clock. No thread sleeps to wait: the timer thread blocks on a
// condition variable until the next timer is due or something changes.
//
// With a SimulatedClock, the clock jumps to the next timer whenever nothing else can run — no job
// queued or running and no external work (a task in flight) — so a one-year Wait finishes at
// once, while a task that takes real time keeps it.
//
// Thread-safe.
class Scheduler {
 public:
  // workers: threads in the pool (at least 1). simulated: the clock is a SimulatedClock (else
  // real time). The scheduler owns its clock.
  Scheduler(int workers, bool simulated);
  ~Scheduler();

  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  const Clock& clock() const {
    return simulated_ != nullptr ? static_cast<const Clock&>(simulated_clock_) : real_clock_;
  }
  int workers() const { return workers_; }
  // Workers not running a job right now (a hint: it may change at once).
  int idle_workers() const { return workers_ - running_.load(std::memory_order_relaxed); }

  // Runs job on a worker. After Shutdown the job is dropped: a task that completes after its
  // execution ended (a timeout won, the run is over) continues nothing.
  void Post(std::function<void()> job);

  // Posts job when the clock reaches due_ms.
  void ScheduleAt(int64_t due_ms, std::function<void()> job);

  // Work that runs outside the pool (a task's process, a callback awaited) and will post a job
  // when it ends. While any is outstanding the simulated clock does not jump.
  void BeginExternal();
  void EndExternal();

  // Stops the timer thread and joins the workers; pending timers are dropped.
  void Shutdown();

 private:
  struct Timer {
    int64_t due_ms;
    uint64_t sequence;  // FIFO among timers due at the same time
    std::function<void()> job;
    bool operator>(const Timer& other) const {
      return due_ms != other.due_ms ? due_ms > other.due_ms : sequence > other.sequence;
    }
  };

  // Starts the pool (or the timer thread) unless it runs already; false after Shutdown.
  bool StartPool();
  void StartTimerThreadLocked();
  void TimerLoop();
  void JobFinished();
  bool Idle() const;

  RealClock real_clock_;
  SimulatedClock simulated_clock_;
  SimulatedClock* simulated_;  // &simulated_clock_, or nullptr on real time
  int workers_;
  // Started on first use, so that an execution that never waits (a chain of Pass and Choice
  // states) creates no thread at all.
  std::optional<boost::asio::thread_pool> pool_;  // under mutex_ until pool_started_
  std::atomic<bool> pool_started_{false};

  std::atomic<int> pending_{0};   // jobs posted and not finished
  std::atomic<int> running_{0};   // jobs running now
  std::atomic<int> external_{0};  // external work outstanding

  std::mutex mutex_;
  std::condition_variable changed_;
  std::priority_queue<Timer, std::vector<Timer>, std::greater<Timer>> timers_;
  uint64_t next_sequence_ = 0;
  bool stopping_ = false;                // guarded by mutex_
  std::atomic<bool> stopped_{false};    // set with stopping_, read without the lock by Post
  std::thread timer_thread_;
};

}  // namespace stepwise::engine
