// ASL "Task State": hands the effective input to the resource's invoker and waits for its
// outcome, with TimeoutSeconds and HeartbeatSeconds enforced on the engine's clock.
// https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html

#include <algorithm>
#include <cmath>
#include <mutex>

#include "engine/data_flow.h"
#include "engine/execution.h"
#include "engine/interpreter.h"
#include "engine/jsonata_flow.h"
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
  // Clamped (asl::kMaxSeconds), which also keeps the conversion defined.
  return std::optional<int64_t>(static_cast<int64_t>(
      std::min(value->as_number(), static_cast<double>(asl::kMaxSeconds))));
}

// The events of a task, by how its resource is named in history (asl::DescribeResource).
enum class TaskPhase { kScheduled, kStarted, kSucceeded, kFailed, kTimedOut };

EventType TaskEventType(const ResourceKind& kind, TaskPhase phase) {
  using E = EventType;
  static constexpr E kTask[] = {E::kTaskScheduled, E::kTaskStarted, E::kTaskSucceeded,
                                E::kTaskFailed, E::kTaskTimedOut};
  static constexpr E kLambda[] = {E::kLambdaFunctionScheduled, E::kLambdaFunctionStarted,
                                  E::kLambdaFunctionSucceeded, E::kLambdaFunctionFailed,
                                  E::kLambdaFunctionTimedOut};
  static constexpr E kActivity[] = {E::kActivityScheduled, E::kActivityStarted,
                                    E::kActivitySucceeded, E::kActivityFailed,
                                    E::kActivityTimedOut};
  const E* events = kind.lambda_function ? kLambda : kind.activity ? kActivity : kTask;
  return events[static_cast<int>(phase)];
}

// A task handed to its invoker. The completion and the jobs it posts capture only this (one
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
  // Held while an event is recorded during the wait (RecordProgress), and taken by whoever ends
  // the wait before it records the outcome: such an event comes before the outcome's, or never.
  std::mutex progress;
  TaskOutcome outcome;
  FramePtr frame;
  uint64_t generation = 0;
  const asl::State* state = nullptr;
  const ResourceKind* kind = nullptr;
  std::shared_ptr<Scheduler> scheduler;

  // After EndWait won: waits for an event being recorded during the wait to be done.
  void AwaitProgress() { std::lock_guard<std::mutex> lock(progress); }
};

// Records an event of a task that is still waited for (ActivityStarted, TaskSubmitted), from any
// thread; nothing once the wait has ended. A durable execution checkpoints it at once, so that it
// is committed (and visible in GetExecutionHistory) while the task goes on; resumed from there,
// the task is dispatched again, and records the event again.
template <typename Fill>
void RecordProgress(PendingTask& pending, EventType type, Fill fill) {
  std::lock_guard<std::mutex> lock(pending.progress);
  Frame& frame = *pending.frame;
  if (frame.generation.load(std::memory_order_acquire) != pending.generation ||
      frame.execution->ended()) {
    return;
  }
  frame.last_event = RecordFor(frame, type, frame.last_event, fill);
  if (frame.execution->checkpoints() != nullptr) {
    SaveCheckpoint(frame, FrameCheckpoint::Phase::kTaskStarted);
  }
}

void RecordOutcome(Frame& frame, const ResourceKind& kind, const TaskOutcome& outcome,
                   bool timed_out) {
  TaskPhase phase = timed_out    ? TaskPhase::kTimedOut
                    : outcome.ok ? TaskPhase::kSucceeded
                                 : TaskPhase::kFailed;
  frame.last_event = RecordFor(frame, TaskEventType(kind, phase), frame.last_event,
                               [&](HistoryEvent& event) {
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
// which case the check runs again at the new deadline.
template <typename Expire>
void ScheduleHeartbeatCheck(Scheduler& scheduler, int64_t due,
                            std::shared_ptr<PendingTask> pending, Expire expire) {
  scheduler.ScheduleAt(due, [&scheduler, pending = std::move(pending), expire] {
    int64_t deadline = pending->heartbeat_due.load(std::memory_order_relaxed);
    if (scheduler.clock().NowMillis() < deadline) {
      ScheduleHeartbeatCheck(scheduler, deadline, pending, expire);
      return;
    }
    expire(true);
  });
}

// What dispatching a task needs, decided as its state starts.
struct TaskDispatch {
  TaskInvoker* invoker = nullptr;
  TaskRequest request;
  CallbackRegistry* callbacks = nullptr;  // a callback task waits here for its token
  bool wait_for_token = false;            // .waitForTaskToken: the invoker's success is submission
  int64_t timeout_seconds = 0;
  int64_t heartbeat_seconds = 0;
};

// Hands the task to its invoker and waits for its outcome, with TimeoutSeconds and
// HeartbeatSeconds enforced; the task's Scheduled and Started events are recorded.
Step DispatchTask(const FramePtr& frame_ptr, const asl::State& state, TaskDispatch dispatch) {
  Frame& frame = *frame_ptr;
  Execution& execution = *frame.execution;
  const ResourceKind& kind = asl::FieldsOf<asl::TaskFields>(state).history_resource;
  TaskInvoker* invoker = dispatch.invoker;
  const TaskRequest& request = dispatch.request;
  CallbackRegistry* callbacks = dispatch.callbacks;
  int64_t timeout_seconds = dispatch.timeout_seconds;
  int64_t heartbeat_seconds = dispatch.heartbeat_seconds;
  if (callbacks == nullptr) {
    if (std::optional<TaskOutcome> now = invoker->InvokeNow(request)) {
      // Done at once: nothing to wait for, so no timeout can win.
      return TaskEnded(frame, state, kind, std::move(*now));
    }
  }

  uint64_t generation = BeginWait(frame);
  FlushTransitions(frame);
  Scheduler& scheduler = execution.scheduler();
  auto pending = std::make_shared<PendingTask>();
  pending->frame = frame_ptr;
  pending->generation = generation;
  pending->state = &state;
  pending->kind = &kind;
  pending->scheduler = execution.shared_scheduler();
  // Timeouts: whichever of the outcome and a timer comes first wins (the generation).
  std::string token = callbacks != nullptr ? frame.task_token : std::string();
  // A missed heartbeat is States.Timeout too (StateError::heartbeat).
  auto expire = [pending, callbacks, token](bool missed_heartbeat) {
    Frame& waiting = *pending->frame;
    if (!EndWait(waiting, pending->generation)) return;
    pending->AwaitProgress();
    if (callbacks != nullptr) callbacks->Unregister(token);
    RecordOutcome(waiting, *pending->kind, TaskOutcome::Failure("States.Timeout", ""), true);
    RunFrame(pending->frame, Step::Failed(StateError{"States.Timeout", "", false, missed_heartbeat}));
  };
  int64_t now = execution.NowMillis();
  if (timeout_seconds > 0) {
    scheduler.ScheduleAt(now + timeout_seconds * 1000, [expire] { expire(false); });
  }
  int64_t heartbeat_ms = heartbeat_seconds * 1000;
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
      pending->AwaitProgress();
      if (callbacks != nullptr) callbacks->Unregister(token);
      RunFrame(pending->frame,
               TaskEnded(waiting, *pending->state, *pending->kind, std::move(pending->outcome)));
    });
    pool.EndExternal();
  };
  if (callbacks != nullptr) {
    std::weak_ptr<PendingTask> weak = pending;
    Scheduler* clock_owner = &scheduler;
    CallbackWaiter waiter;
    waiter.complete = complete;
    waiter.heartbeat = [weak, clock_owner, heartbeat_ms] {
      auto alive = weak.lock();
      if (alive && heartbeat_ms > 0) {
        alive->heartbeat_due.store(clock_owner->clock().NowMillis() + heartbeat_ms,
                                   std::memory_order_relaxed);
      }
    };
    if (kind.activity) {
      waiter.started = [weak](const std::string& worker_name) {
        auto alive = weak.lock();
        if (alive == nullptr) return;
        RecordProgress(*alive, EventType::kActivityStarted, [&](HistoryEvent& event) {
          event.resource = alive->kind;
          if (!worker_name.empty()) {
            auto details = new EventDetails;
            details->worker_name = worker_name;
            event.details = EventDetailsPtr(details);
          }
        });
      };
    }
    callbacks->Register(token, std::move(waiter));
  }
  if (dispatch.wait_for_token) {
    // The integration's own response: AWS records it as TaskSubmitted and goes on waiting.
    std::weak_ptr<PendingTask> weak = pending;
    invoker->Invoke(request, [complete, weak](TaskOutcome outcome) {
      if (!outcome.ok) return complete(std::move(outcome));
      auto alive = weak.lock();
      if (alive == nullptr) return;
      RecordProgress(*alive, EventType::kTaskSubmitted, [&](HistoryEvent& event) {
        event.resource = alive->kind;
        event.data = std::move(outcome.output);
      });
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
  pending->AwaitProgress();
  if (callbacks != nullptr) callbacks->Unregister(token);
  return TaskEnded(frame, state, kind, std::move(pending->outcome));
}

}  // namespace

Step ExecuteTask(const FramePtr& frame_ptr, const asl::State& state) {
  Frame& frame = *frame_ptr;
  Execution& execution = *frame.execution;
  const auto& task = asl::FieldsOf<asl::TaskFields>(state);
  // A task resumed after it had started keeps its token and its recorded events.
  bool restarted = frame.resume == Frame::Resume::kTaskStarted;
  frame.resume = Frame::Resume::kNone;
  // A callback task's token, which Parameters may pass on as $$.Task.Token; an activity's task
  // has one too, which its worker sends back.
  if (!restarted) {
    frame.task_token.clear();
    if (task.resource.ends_with(".waitForTaskToken") || task.history_resource.activity) {
      frame.task_token = execution.NewTaskToken();
    }
  }
  json::Value input;
  int64_t timeout_seconds = 0;
  int64_t heartbeat_seconds = 0;
  if (state.query_language == asl::QueryLanguage::kJsonata) {
    // Arguments (by default the state's input) is the task's input; TimeoutSeconds and
    // HeartbeatSeconds may be expressions.
    JsonataEnvironment environment(frame, state, frame.input);
    asl::JsonataFailure failure;
    input = frame.input;
    if (state.jsonata_arguments) {
      Result<json::Value> arguments = environment.Evaluate(*state.jsonata_arguments, &failure);
      if (!arguments.ok()) {
        return Step::Failed(QueryFailure(frame, state, arguments.error(), failure));
      }
      input = arguments.release_value();
    }
    Result<void> size =
        CheckPayloadSize(input, execution.options().max_payload_bytes, state.name);
    if (!size.ok()) return Step::Failed(ToStateError(size.error()));
    for (auto [field, name, out] :
         {std::tuple{&task.timeout_seconds, "TimeoutSeconds", &timeout_seconds},
          std::tuple{&task.heartbeat_seconds, "HeartbeatSeconds", &heartbeat_seconds}}) {
      Result<std::optional<double>> seconds =
          JsonataNumber(*field, environment, name, /*integral=*/true, &failure);
      if (!seconds.ok()) return Step::Failed(QueryFailure(frame, state, seconds.error(), failure));
      if (seconds.value()) {
        *out = static_cast<int64_t>(std::clamp(*seconds.value(), 0.0, static_cast<double>(asl::kMaxSeconds)));
      }
    }
  } else {
    json::Value context;
    jsonpath::Roots roots = RootsFor(frame, state, frame.input, &context);
    Step failure;
    std::optional<json::Value> effective = EffectiveInput(frame, state, roots, &failure);
    if (!effective) return failure;
    input = std::move(*effective);
    Result<std::optional<int64_t>> timeout =
        ReadSeconds(task.timeout_seconds, frame.input, roots);
    if (!timeout.ok()) return Step::Failed(StateFailure(frame, state, timeout.error()));
    Result<std::optional<int64_t>> heartbeat =
        ReadSeconds(task.heartbeat_seconds, frame.input, roots);
    if (!heartbeat.ok()) return Step::Failed(StateFailure(frame, state, heartbeat.error()));
    timeout_seconds = timeout.value().value_or(0);
    heartbeat_seconds = heartbeat.value().value_or(0);
  }

  const ResourceKind& kind = task.history_resource;
  TaskInvoker* invoker = execution.router().Route(state.name, task.resource);
  TaskRequest request{task.resource, state.name, input, std::nullopt};
  if (!frame.task_token.empty()) request.task_token = frame.task_token;
  if (!restarted && invoker != nullptr) {
    // Checked before anything is recorded: AWS fails the state without a Scheduled event.
    if (Result<void> admitted = invoker->Admit(request); !admitted.ok()) {
      return Step::Failed(StateFailure(
          frame, state, Error("States.Runtime", admitted.error().message())));
    }
  }
  // A callback task (a token and a registry to wait in) ends when its token is sent back; for a
  // .waitForTaskToken resource, its invoker's result only counts when it is a failure.
  CallbackRegistry* callbacks = frame.task_token.empty() ? nullptr : execution.callbacks();
  bool wait_for_token = callbacks != nullptr && task.resource.ends_with(".waitForTaskToken");
  if (!restarted) {
    frame.last_event = RecordFor(frame, TaskEventType(kind, TaskPhase::kScheduled),
                                 frame.last_event, [&](HistoryEvent& event) {
                                   event.data = input;
                                   event.number = static_cast<uint32_t>(timeout_seconds);
                                   event.resource = &kind;
                                   if (heartbeat_seconds > 0) {
                                     auto details = new EventDetails;
                                     details->heartbeat_seconds =
                                         static_cast<uint32_t>(heartbeat_seconds);
                                     event.details = EventDetailsPtr(details);
                                   }
                                 });
  }
  if (invoker == nullptr) {
    TaskOutcome outcome = TaskOutcome::Failure(
        "States.TaskFailed", "No task handler for the resource '" + task.resource +
                                 "' of state '" + state.name +
                                 "'; route it with --task '" + state.name + "=COMMAND'");
    return TaskEnded(frame, state, kind, std::move(outcome));
  }
  if (!restarted) {
    // An activity's task starts when a worker takes it from the queue (the registry's `started`);
    // without a registry its invoker is the worker.
    if (!(kind.activity && callbacks != nullptr)) {
      frame.last_event = RecordFor(frame, TaskEventType(kind, TaskPhase::kStarted),
                                   frame.last_event,
                                   [&](HistoryEvent& event) { event.resource = &kind; });
    }
    if (execution.checkpoints() != nullptr) {
      SaveCheckpoint(frame, FrameCheckpoint::Phase::kTaskStarted);
    }
  }

  TaskDispatch dispatch{invoker, std::move(request), callbacks, wait_for_token, timeout_seconds,
                        heartbeat_seconds};
  CheckpointSink* sink = execution.checkpoints();
  if (sink == nullptr || restarted) {
    // Not durable, or resumed from a checkpoint (which is durable): dispatch now.
    return DispatchTask(frame_ptr, state, std::move(dispatch));
  }
  // A transition's history is committed before its effects are visible to anyone: the worker
  // gets the task (and its token) once the checkpoint that records TaskStarted is durable.
  uint64_t generation = BeginWait(frame);
  FlushTransitions(frame);
  std::shared_ptr<Scheduler> scheduler = execution.shared_scheduler();
  scheduler->BeginExternal();
  sink->WhenDurable([frame_ptr, &state, generation, scheduler,
                     dispatch = std::move(dispatch)]() mutable {
    scheduler->Post([frame_ptr, &state, generation, dispatch = std::move(dispatch)]() mutable {
      if (!EndWait(*frame_ptr, generation) || frame_ptr->execution->ended()) return;
      RunFrame(frame_ptr, DispatchTask(frame_ptr, state, std::move(dispatch)));
    });
    scheduler->EndExternal();
  });
  return Step::Suspended();
}

}  // namespace stepwise::engine
