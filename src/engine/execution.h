#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "asl/intrinsics/intrinsic_call.h"
#include "asl/model.h"
#include "common/clock.h"
#include "engine/checkpoint.h"
#include "engine/checkpoint_sink.h"
#include "engine/frame.h"
#include "engine/history.h"
#include "engine/run.h"
#include "engine/scheduler.h"
#include "engine/task_invoker.h"
#include "json/value.h"
#include "jsonata/evaluate.h"

namespace stepwise::engine {

// One execution of a state machine: what every frame of it shares — the compiled machine, the
// options, the scheduler and task router, the event counter and (when recording) the history,
// and how it ended. Internal to src/engine; RunExecution is the public entry point.
//
// Owned by shared pointers: its frames keep it alive (frame.h), since frames still stopping may
// outlive the execution's end.
//
// Thread-safe: frames of one execution run on several workers at once.
class Execution : public std::enable_shared_from_this<Execution> {
 public:
  // resume: for an execution resumed from a checkpoint, its original start and next event id.
  Execution(std::shared_ptr<const asl::StateMachine> machine, json::Value input,
            const RunOptions& options, const TaskRouter& router,
            std::shared_ptr<Scheduler> scheduler, const ResumePoint* resume = nullptr);

  const asl::StateMachine& machine() const { return *machine_; }
  const json::Value& input() const { return input_; }
  const RunOptions& options() const { return options_; }
  const TaskRouter& router() const { return router_; }
  Scheduler& scheduler() { return *scheduler_; }
  // For work that may outlive the execution (a task's completion).
  const std::shared_ptr<Scheduler>& shared_scheduler() const { return scheduler_; }
  int64_t NowMillis() const { return scheduler_->clock().NowMillis(); }
  const std::string& execution_arn() const { return execution_arn_; }
  const std::string& execution_name() const { return execution_name_; }
  int64_t start_ms() const { return start_ms_; }
  asl::IntrinsicContext intrinsic_context() { return {random_.get()}; }
  // The functions Step Functions adds to JSONata ($partition, $uuid, ...), bound once per
  // execution (on first use) to its RandomSource; JSONata states' bindings fall through to them.
  const jsonata::Bindings& jsonata_functions();

  // Records an event (when history is on) and returns its id; with history off only the id is
  // counted, and `fill` is not called. `fill` sets the event's details on the event it is given.
  // Once the execution has ended, frames that are still stopping record nothing more.
  template <typename Fill>
  int64_t Record(EventType type, int64_t previous_id, Fill&& fill) {
    if (history_ == nullptr) return next_event_id_.fetch_add(1, std::memory_order_relaxed);
    if (ended()) return 0;
    HistoryEvent event;
    event.type = type;
    event.previous_id = static_cast<uint32_t>(previous_id);
    event.timestamp_ms = NowMillis();
    fill(event);
    return history_->Append(std::move(event));
  }
  int64_t Record(EventType type, int64_t previous_id) {
    return Record(type, previous_id, [](HistoryEvent&) {});
  }
  bool recording() const { return history_ != nullptr; }
  // Where checkpoints go (null: not durable).
  CheckpointSink* checkpoints() const { return options_.checkpoints.get(); }
  CallbackRegistry* callbacks() const { return options_.callbacks.get(); }

  // With history off: reserves n consecutive event ids and returns the first. Frames count their
  // events locally and reserve them in one step (see RecordFor), so that concurrent branches do
  // not contend on the counter for every event.
  // The id the next event will take (a redrive's ExecutionRedriven follows the last one).
  int64_t NextEventId() const {
    return history_ != nullptr ? static_cast<int64_t>(history_->size()) + 1
                               : next_event_id_.load(std::memory_order_relaxed);
  }

  int64_t ReserveEventIds(int64_t n) {
    return next_event_id_.fetch_add(n, std::memory_order_relaxed);
  }

  void AddTransitions(int64_t n) { transitions_.fetch_add(n, std::memory_order_relaxed); }
  // With RunOptions::max_transitions: counts one state entered; false once over the bound.
  bool WithinTransitionBound() {
    return options_.max_transitions == 0 ||
           bounded_.fetch_add(1, std::memory_order_relaxed) < options_.max_transitions;
  }

  // Whether the execution has ended (frames still running stop at their next state).
  bool ended() const { return ended_.load(std::memory_order_acquire); }

  // Ends the execution (the first call wins) and records its last event.
  void Succeed(json::Value output, int64_t previous_id);
  void Fail(const StateError& error, int64_t previous_id);
  void TimeOut();
  // StopExecution: ends the execution as ABORTED, with an error and cause when given.
  void Abort(std::optional<std::string> error, std::optional<std::string> cause);

  // Called once, on the thread that ends the execution, with how it ended (as Wait returns it).
  // Set before the execution starts.
  void SetOnEnd(std::function<void(const RunResult&)> on_end) { on_end_ = std::move(on_end); }
  // The history recorded so far (null when not recording).
  std::shared_ptr<const History> history() const { return history_; }

  // Blocks until the execution has ended, then returns how.
  RunResult Wait();

  // The `$$` object for a state entered at entered_ms after `retries` retries; with map_item,
  // `$$.Map.Item` is that item and its index.
  json::Value ContextFor(const asl::State& state, int64_t entered_ms, int64_t retries,
                         const json::Value* map_item = nullptr, int64_t map_index = 0,
                         const std::string* task_token = nullptr) const;

  // A new task token: unguessable (256 random bits), URL-safe text.
  std::string NewTaskToken();

  // The Distributed Map runs started so far, by ARN, while their groups live.
  void AddMapRun(std::string arn, const std::shared_ptr<Group>& group);
  // The group of a run in progress (null: none, or it ended).
  std::shared_ptr<Group> FindMapRun(std::string_view arn);

 private:
  bool End(ExecutionStatus status);
  // Wakes Wait and calls the on-end callback (after End and RecordEnd).
  void Finish();
  RunResult ResultLocked() const;
  // Records the execution's last event (after End).
  void RecordEnd(HistoryEvent event);

  std::shared_ptr<const asl::StateMachine> machine_;
  json::Value input_;
  RunOptions options_;
  const TaskRouter& router_;
  std::shared_ptr<Scheduler> scheduler_;
  std::string execution_name_;
  std::string execution_arn_;
  int64_t start_ms_;
  std::unique_ptr<asl::RandomSource> random_;
  std::once_flag jsonata_once_;
  std::optional<jsonata::Bindings> jsonata_functions_;

  std::shared_ptr<History> history_;  // null when not recording
  std::atomic<bool> ended_{false};

  // Counters the workers write, each on a cache line of its own: on one shared with fields
  // every state reads (history_, ended_), each write would evict those from the other cores.
  alignas(kCacheLine) std::atomic<int64_t> next_event_id_{1};
  alignas(kCacheLine) std::atomic<int64_t> transitions_{0};
  alignas(kCacheLine) std::atomic<int64_t> bounded_{0};

  std::chrono::steady_clock::time_point started_at_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point ended_at_;
  std::mutex mutex_;
  std::condition_variable done_;
  bool done_flag_ = false;
  RunResult result_;
  std::function<void(const RunResult&)> on_end_;

  std::mutex map_runs_mutex_;
  std::map<std::string, std::weak_ptr<Group>, std::less<>> map_runs_;
};

}  // namespace stepwise::engine
