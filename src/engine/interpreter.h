#pragma once

#include <cstdint>
#include <optional>

#include "asl/model.h"
#include "engine/execution.h"
#include "engine/frame.h"
#include "json/value.h"

// The interpreter: runs frames state by state with AWS Step Functions semantics. Synchronous
// states run back to back in one loop on the calling thread; a state that must wait (a Wait, a
// task in flight, retry backoff, branches or iterations still running) suspends the frame and
// returns, and whatever ends the wait continues it later on a worker. Internal to src/engine.
namespace stepwise::engine {

// What a state asks the frame's loop to do next.
struct Step {
  enum class Kind { kEnter, kRetry, kSucceeded, kFailed, kSuspended };
  Kind kind = Kind::kSuspended;
  asl::StateIndex next = 0;  // kEnter: the state to enter
  json::Value value;         // kEnter: its input; kSucceeded: the frame's output
  StateError error;          // kFailed
  // kFailed: whether Retry and Catch were already applied (by HandleError). The frame's loop
  // applies them to every other failure of the current state.
  bool handled = false;

  static Step Enter(asl::StateIndex next, json::Value input) {
    Step s;
    s.kind = Kind::kEnter;
    s.next = next;
    s.value = std::move(input);
    return s;
  }
  static Step Retry() {
    Step s;
    s.kind = Kind::kRetry;
    return s;
  }
  static Step Succeeded(json::Value output) {
    Step s;
    s.kind = Kind::kSucceeded;
    s.value = std::move(output);
    return s;
  }
  static Step Failed(StateError error) {
    Step s;
    s.kind = Kind::kFailed;
    s.error = std::move(error);
    return s;
  }
  static Step Suspended() { return Step(); }
};

// Runs frame from step on: enters states, runs them, and follows transitions until the frame
// ends (then reports to its group or ends the execution) or a state suspends it.
void RunFrame(const FramePtr& frame, Step step);

// Starts the top-level frame of an execution.
void StartExecution(Execution& execution);
// Resumes the top-level frame of an execution from a checkpoint (checkpoint.h), and with it the
// branches or iterations its group had under way.
// With redrive_count > 0 it is a redrive (checkpoint.h, ResumePoint).
void ResumeExecution(Execution& execution, const FrameCheckpoint& checkpoint,
                     int64_t redrive_count = 0);
// With RunOptions::checkpoints: saves frame's position (checkpoint.h) — the top frame's to the
// sink, a child's into its group — and clears the frame's dirty mark. kGroup: `group` is the
// group the frame's Parallel or Map state runs.
void SaveCheckpoint(Frame& frame, FrameCheckpoint::Phase phase, const GroupPtr& group = nullptr);
// Clears frame's dirty mark (checkpoint_sink.h): after a checkpoint accounts for its events, and
// when it ends or stops for good (its execution's end or its group's then accounts for them).
void ClearDirty(Frame& frame);
// Resumes child `index` of group from its checkpoint (a group taken up after a restart).
void ResumeChild(const GroupPtr& group, size_t index, const FrameCheckpoint& checkpoint);

// --- For the state implementations (interpreter.cc and *_state.cc) ---

// Runs the current state of frame (after it was entered, or again for a retry).
Step ExecuteState(const FramePtr& frame);

Step ExecutePass(Frame& frame, const asl::State& state);
Step ExecuteChoice(Frame& frame, const asl::State& state);
Step ExecuteSucceed(Frame& frame, const asl::State& state);
Step ExecuteFail(Frame& frame, const asl::State& state);
Step ExecuteWait(const FramePtr& frame, const asl::State& state);
Step ExecuteTask(const FramePtr& frame, const asl::State& state);
Step ExecuteParallel(const FramePtr& frame, const asl::State& state);
Step ExecuteMap(const FramePtr& frame, const asl::State& state);

// The roots paths of frame's current state evaluate against: input, the context object when the
// state reads it (built into *context), and the frame's variables.
jsonpath::Roots RootsFor(const Frame& frame, const asl::State& state, const json::Value& input,
                         json::Value* context);

// ASL's InputPath, then Parameters, within the payload quota: the effective input of a Task or
// Parallel state, read with roots (whose input is the state's raw input). nullopt when a step
// fails, with *failure the Step that fails the state.
std::optional<json::Value> EffectiveInput(Frame& frame, const asl::State& state,
                                          jsonpath::Roots roots, Step* failure);

// A runtime error raised by the engine for the current state: AWS prefixes the cause with
// "An error occurred while executing the state '<name>' (entered at the event id #<id>). ".
StateError StateFailure(const Frame& frame, const asl::State& state, const Error& error);

// The end of a state that produced `result` from `effective_input`: ResultSelector, ResultPath
// (into the raw input), OutputPath, Assign, the Exited event, and the transition.
Step FinishState(Frame& frame, const asl::State& state, const json::Value& result);

class JsonataEnvironment;

// The end of a JSONata state (or of a Choice rule, or a Catch): Assign, then Output (default_output
// when the state has none), both evaluated in environment with the variables as they were before
// the state; the payload quota, the assignment, the Exited event, and the transition to next
// (kNoState: the state's own Next or End). A failure is States.QueryEvaluationError.
// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
Step FinishJsonata(Frame& frame, const asl::State& state, const JsonataEnvironment& environment,
                   const std::optional<asl::JsonataTemplate>& assign,
                   const std::optional<asl::JsonataTemplate>& output,
                   const json::Value& default_output, asl::StateIndex next = asl::kNoState);

// Retry, then Catch, for an error the current state raised. May suspend the frame (backoff).
// States return Step::Failed and the frame's loop calls this; the Step it returns is handled.
Step HandleError(const FramePtr& frame, const asl::State& state, StateError error);

// Whether HandleError would retry the current state after error (a matching retrier with
// attempts left).
bool WillRetry(const Frame& frame, const asl::State& state, const StateError& error);

// Records an event of frame's (unless the frame is silent) and returns its id. With history off
// the event is only counted, in the frame (ids are reserved in blocks), and 0 is returned.
// A durable frame is marked dirty before its event is recorded (checkpoint_sink.h).
template <typename Fill>
int64_t RecordFor(Frame& frame, EventType type, int64_t previous_id, Fill&& fill) {
  if (frame.silent) return ++frame.silent_event_id;
  if (!frame.execution->recording()) {
    ++frame.unpublished_events;
    return 0;
  }
  if (!frame.dirty) {
    if (CheckpointSink* sink = frame.execution->checkpoints(); sink != nullptr) {
      frame.dirty = true;
      sink->MarkDirty();
    }
  }
  return frame.execution->Record(type, previous_id, std::forward<Fill>(fill));
}
inline int64_t RecordFor(Frame& frame, EventType type, int64_t previous_id) {
  return RecordFor(frame, type, previous_id, [](HistoryEvent&) {});
}

// Records the Entered/Exited events of a state.
void RecordEntered(Frame& frame, const asl::State& state);
void RecordExited(Frame& frame, const asl::State& state, const json::Value& output,
                  const json::Value& assigned);

// Flushes the frame's transition count to the execution. Called before the frame may be resumed
// on another thread (after that, the suspending thread must not touch the frame).
void FlushTransitions(Frame& frame);

}  // namespace stepwise::engine
