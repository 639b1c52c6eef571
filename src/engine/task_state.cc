// ASL "Task State": hands the effective input to the resource's invoker and waits for its
// outcome, with TimeoutSeconds and HeartbeatSeconds enforced on the engine's clock.
// https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html

#include <algorithm>
#include <cmath>

#include "engine/data_flow.h"
#include "engine/execution.h"
#include "engine/interpreter.h"
#include "json/write.h"

namespace stepwise::engine {
namespace {

using ResourceKind = asl::HistoryResource;

Result<std::optional<int64_t>> ReadSeconds(const asl::DynamicNumber& field,
                                           const json::Value& input,
                                           const jsonpath::Roots& roots) {
  if (field.value) return std::optional<int64_t>(static_cast<int64_t>(*field.value));
  if (!field.path) return std::optional<int64_t>();
  jsonpath::Roots at = roots;
  at.input = &input;
  std::optional<json::Value> value = field.path->Evaluate(at);
  if (!value) {
    return Error("States.Runtime", "Invalid path '" + field.path->text() +
                                       "' : No results for path: " + field.path->Normalized());
  }
  if (!value->is_number() || value->as_number() < 1 ||
      std::floor(value->as_number()) != value->as_number()) {
    return Error("States.Runtime", "The value of '" + field.path->text() +
                                       "' must be a positive integer, but was " +
                                       json::WriteForMessage(*value));
  }
  // Beyond the largest TimeoutSeconds a definition may state (99999999, about three years), a
  // timer would never fire within any execution's life; clamping also keeps the conversion defined.
  constexpr double kMaxSeconds = 99999999;
  return std::optional<int64_t>(static_cast<int64_t>(std::min(value->as_number(), kMaxSeconds)));
}

// The task's outcome, once: set by the invoker's completion, read by whoever continues the frame.
// A task handed to its invoker. The completion and the job it posts capture only this (one
// shared pointer, which std::function keeps without allocating). It holds the scheduler, since
// an outcome may come after the run is over; state and kind belong to the machine, which the
// frame keeps alive.
struct PendingTask {
  // 0 while Invoke runs, 1 once it returned without an outcome, 2 when the outcome came first.
  std::atomic<int> phase{0};
  // A callback task may be completed twice (its invoker failing, and its token): the first wins.
  std::atomic<bool> completed{false};
  // HeartbeatSeconds: when the task times out unless a heartbeat moves it (clock milliseconds).
  std::atomic<int64_t> heartbeat_due{0};
  TaskOutcome outcome;
  FramePtr frame;
  uint64_t generation = 0;
  const asl::State* state = nullptr;
  const ResourceKind* kind = nullptr;
  std::shared_ptr<Scheduler> scheduler;
};

void RecordOutcome(Frame& frame, const ResourceKind& kind, const TaskOutcome& outcome,
                   bool timed_out) {
  EventType type;
  if (timed_out) {
    type = kind.lambda_function ? EventType::kLambdaFunctionTimedOut : EventType::kTaskTimedOut;
  } else if (outcome.ok) {
    type = kind.lambda_function ? EventType::kLambdaFunctionSucceeded : EventType::kTaskSucceeded;
  } else {
    type = kind.lambda_function ? EventType::kLambdaFunctionFailed : EventType::kTaskFailed;
  }
  frame.last_event = RecordFor(frame, type, frame.last_event, [&](HistoryEvent& event) {
    event.resource = &kind;
    if (outcome.ok) {
      event.data = outcome.output;
    } else {
      event.details = ErrorDetails(outcome.error, outcome.cause);
    }
  });
}

// The end of a task: its result through the state's output processing, or its error through
// Retry and Catch.
Step TaskEnded(Frame& frame, const asl::State& state, const ResourceKind& kind,
               TaskOutcome outcome) {
  RecordOutcome(frame, kind, outcome, false);
  if (!outcome.ok) return Step::Failed(StateError{outcome.error, outcome.cause, true});
  Result<void> size = CheckPayloadSize(outcome.output, frame.execution->options().max_payload_bytes,
                                       kind.lambda_function ? kind.resource : state.name);
  if (!size.ok()) return Step::Failed(ToStateError(size.error()));
  return FinishState(frame, state, outcome.output);
}

// HeartbeatSeconds: at `due`, the task times out unless a heartbeat moved its deadline since, in
// which case the check runs again at the new deadline. Holds the task only weakly.
template <typename Expire>
void ScheduleHeartbeatCheck(Scheduler& scheduler, int64_t due,
                            const std::shared_ptr<PendingTask>& pending, Expire expire) {
  std::weak_ptr<PendingTask> weak = pending;
  scheduler.ScheduleAt(due, [&scheduler, weak, expire] {
    auto alive = weak.lock();
    if (alive == nullptr) return;
    int64_t deadline = alive->heartbeat_due.load(std::memory_order_relaxed);
    if (scheduler.clock().NowMillis() < deadline) {
      ScheduleHeartbeatCheck(scheduler, deadline, alive, expire);
      return;
    }
    expire("States.HeartbeatTimeout");
  });
}

}  // namespace

Step ExecuteTask(const FramePtr& frame_ptr, const asl::State& state) {
  Frame& frame = *frame_ptr;
  if (state.query_language == asl::QueryLanguage::kJsonata) {
    return Step::Failed(StateError{"States.Runtime",
                                   "JSONata states are not evaluated by this version of Stepwise",
                                   true});
  }
  Execution& execution = *frame.execution;
  const auto& task = asl::FieldsOf<asl::TaskFields>(state);
  // A task resumed after it had started keeps its token and its recorded events.
  bool restarted = frame.resume == Frame::Resume::kTaskStarted;
  frame.resume = Frame::Resume::kNone;
  // A callback task's token, which Parameters may pass on as $$.Task.Token; an activity's task
  // has one too, which its worker sends back.
  if (!restarted) {
    frame.task_token.clear();
    if (task.resource.ends_with(".waitForTaskToken") ||
        task.resource.find(":activity:") != std::string::npos) {
      frame.task_token = execution.NewTaskToken();
    }
  }
  json::Value context;
  jsonpath::Roots roots = RootsFor(frame, state, frame.input, &context);
  Step failure;
  std::optional<json::Value> effective = EffectiveInput(frame, state, roots, &failure);
  if (!effective) return failure;
  json::Value input = std::move(*effective);
  Result<std::optional<int64_t>> timeout = ReadSeconds(task.timeout_seconds, frame.input, roots);
  if (!timeout.ok()) return Step::Failed(StateFailure(frame, state, timeout.error()));
  Result<std::optional<int64_t>> heartbeat =
      ReadSeconds(task.heartbeat_seconds, frame.input, roots);
  if (!heartbeat.ok()) return Step::Failed(StateFailure(frame, state, heartbeat.error()));

  const ResourceKind& kind = task.history_resource;
  int64_t timeout_seconds = timeout.value().value_or(0);
  if (!restarted) {
    frame.last_event = RecordFor(
      frame, kind.lambda_function ? EventType::kLambdaFunctionScheduled : EventType::kTaskScheduled,
      frame.last_event, [&](HistoryEvent& event) {
        event.data = input;
        event.number = static_cast<uint32_t>(timeout_seconds);
        event.resource = &kind;
      });
  }
  TaskInvoker* invoker = execution.router().Route(state.name, task.resource);
  if (invoker == nullptr) {
    TaskOutcome outcome = TaskOutcome::Failure(
        "States.TaskFailed", "No task handler for the resource '" + task.resource +
                                 "' of state '" + state.name +
                                 "'; route it with --task '" + state.name + "=COMMAND'");
    return TaskEnded(frame, state, kind, std::move(outcome));
  }
  if (!restarted) {
    frame.last_event = RecordFor(
        frame, kind.lambda_function ? EventType::kLambdaFunctionStarted : EventType::kTaskStarted,
        frame.last_event, [&](HistoryEvent& event) { event.resource = &kind; });
    if (execution.checkpoints() != nullptr) {
      SaveCheckpoint(frame, FrameCheckpoint::Phase::kTaskStarted);
    }
  }

  TaskRequest request{task.resource, state.name, input, std::nullopt};
  if (!frame.task_token.empty()) request.task_token = frame.task_token;
  // A callback task (a token and a registry to wait in) ends when its token is sent back; for a
  // .waitForTaskToken resource, its invoker's result only counts when it is a failure.
  CallbackRegistry* callbacks = frame.task_token.empty() ? nullptr : execution.callbacks();
  bool wait_for_token = callbacks != nullptr && task.resource.ends_with(".waitForTaskToken");
  if (callbacks == nullptr) {
    if (std::optional<TaskOutcome> now = invoker->InvokeNow(request)) {
      // Done at once: nothing to wait for, so no timeout can win.
      return TaskEnded(frame, state, kind, std::move(*now));
    }
  }

  uint64_t generation = BeginWait(frame);
  FlushTransitions(frame);
  Scheduler& scheduler = execution.scheduler();
  // Timeouts: whichever of the outcome and a timer comes first wins (the generation).
  std::string token = callbacks != nullptr ? frame.task_token : std::string();
  auto expire = [frame_ptr, generation, &kind, callbacks, token](const char* error) {
    if (!EndWait(*frame_ptr, generation)) return;
    if (callbacks != nullptr) callbacks->Unregister(token);
    TaskOutcome outcome = TaskOutcome::Failure(error, "");
    RecordOutcome(*frame_ptr, kind, outcome, true);
    RunFrame(frame_ptr, Step::Failed(StateError{error, "", false}));
  };
  int64_t now = execution.NowMillis();
  if (timeout_seconds > 0) {
    scheduler.ScheduleAt(now + timeout_seconds * 1000, [expire] { expire("States.Timeout"); });
  }
  auto pending = std::make_shared<PendingTask>();
  pending->frame = frame_ptr;
  pending->generation = generation;
  pending->state = &state;
  pending->kind = &kind;
  pending->scheduler = execution.shared_scheduler();
  int64_t heartbeat_ms = heartbeat.value().value_or(0) * 1000;
  if (heartbeat_ms > 0) {
    pending->heartbeat_due.store(now + heartbeat_ms, std::memory_order_relaxed);
    ScheduleHeartbeatCheck(scheduler, now + heartbeat_ms, pending, expire);
  }

  TaskCompletion complete = [pending, callbacks, token](TaskOutcome outcome) {
    if (pending->completed.exchange(true, std::memory_order_acq_rel)) return;
    pending->outcome = std::move(outcome);
    int expected = 0;
    if (pending->phase.compare_exchange_strong(expected, 2, std::memory_order_acq_rel)) return;
    // Invoke has returned: continue the frame on a worker. The job is posted before the external
    // work ends, so that the scheduler never looks idle in between.
    Scheduler& pool = *pending->scheduler;
    pool.Post([pending, callbacks, token] {
      Frame& waiting = *pending->frame;
      if (!EndWait(waiting, pending->generation)) return;
      if (callbacks != nullptr) callbacks->Unregister(token);
      RunFrame(pending->frame,
               TaskEnded(waiting, *pending->state, *pending->kind, std::move(pending->outcome)));
    });
    pool.EndExternal();
  };
  if (callbacks != nullptr) {
    std::weak_ptr<PendingTask> weak = pending;
    Scheduler* clock_owner = &scheduler;
    callbacks->Register(token, complete, [weak, clock_owner, heartbeat_ms] {
      auto alive = weak.lock();
      if (alive && heartbeat_ms > 0) {
        alive->heartbeat_due.store(clock_owner->clock().NowMillis() + heartbeat_ms,
                                   std::memory_order_relaxed);
      }
    });
  }
  if (wait_for_token) {
    invoker->Invoke(request, [complete](TaskOutcome outcome) {
      if (!outcome.ok) complete(std::move(outcome));
    });
  } else {
    invoker->Invoke(request, complete);
  }
  int expected = 0;
  if (pending->phase.compare_exchange_strong(expected, 1, std::memory_order_acq_rel)) {
    // The outcome will come later: until then the task is external work (the simulated clock
    // must not jump past it). This thread is itself running work, so the scheduler cannot look
    // idle before this; should the outcome arrive first, its EndExternal comes before this
    // BeginExternal and the count passes through -1, which is not idle either.
    scheduler.BeginExternal();
    return Step::Suspended();
  }
  // The task finished before Invoke returned: go on here, without a trip through the scheduler.
  if (!EndWait(frame, generation)) return Step::Suspended();
  if (callbacks != nullptr) callbacks->Unregister(token);
  return TaskEnded(frame, state, kind, std::move(pending->outcome));
}

}  // namespace stepwise::engine
