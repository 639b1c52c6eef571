#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace stepwise {

// Where time comes from: wall-clock milliseconds since the Unix epoch. The engine reads every
// time it records (history timestamps, $$.State.EnteredTime, timer due times) from a Clock, so
// that tests and `--clock simulated` can replace it.
//
// Thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t NowMillis() const = 0;
};

// The system's clock.
class RealClock final : public Clock {
 public:
  int64_t NowMillis() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

// Real time plus an offset that only grows: a scheduler advances it to the next timer when
// nothing else can run, so that a one-year Wait takes no time while work in progress (a task
// running a command) still takes its real time.
class SimulatedClock final : public Clock {
 public:
  int64_t NowMillis() const override {
    return real_.NowMillis() + offset_.load(std::memory_order_acquire);
  }
  // Moves the clock forward to at least `millis` (never backwards).
  void AdvanceTo(int64_t millis) {
    int64_t ahead = millis - NowMillis();
    if (ahead > 0) offset_.fetch_add(ahead, std::memory_order_acq_rel);
  }

 private:
  RealClock real_;
  std::atomic<int64_t> offset_{0};
};

}  // namespace stepwise
