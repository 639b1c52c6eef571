#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "asl/model.h"
#include "common/result.h"
#include "json/value.h"

// Durable executions: where an execution's top-level frame stands, saved as it moves, so that a
// later process can resume the execution from there (docs/store.md has the serialized form).
//
// A checkpoint is taken when the top-level frame enters a state, and again once a task it runs
// has started. It accounts for the events up to `last_event`: a store commits the events of an
// execution only up to its newest checkpoint's `last_event` (and all of them once the execution
// ended), so that after a crash the history holds exactly the steps the checkpoint has taken,
// and resuming records each later event once. A task is handed to its worker only once the
// checkpoint recording its start is durable (CheckpointSink::WhenDurable). Resuming runs the checkpoint's state again from
// its start: a task that had started is dispatched again (at-least-once to the worker), a Wait
// keeps its original end, and a Map or Parallel runs its iterations or branches again (their
// events are committed only with the state's end).
namespace stepwise::engine {

struct FrameCheckpoint {
  enum class Phase { kEntered, kTaskStarted };
  Phase phase = Phase::kEntered;
  asl::StateIndex state = 0;
  json::Value input;      // the state's raw input
  json::Value variables;  // the frame's variables (an object), or null when it has none
  int64_t last_event = 0;
  int64_t entered_event = 0;
  int64_t entered_ms = 0;
  int64_t retries = 0;
  std::vector<int64_t> retry_counts;
  std::string task_token;
};

// The serialized form: {"phase", "state" (the state's name), "input", "variables", "lastEvent",
// "enteredEvent", "enteredMs", "retries", "retryCounts", "taskToken"}.
json::Value CheckpointToJson(const FrameCheckpoint& checkpoint, const asl::StateMachine& machine);
// Errors ("InvalidCheckpoint") for a malformed checkpoint or one naming a state machine does not
// have.
Result<FrameCheckpoint> CheckpointFromJson(const json::Value& value,
                                           const asl::StateMachine& machine);

// Receives an execution's checkpoints as it moves. Called on the engine's workers, in the order
// the top-level frame moves; must be quick (a store writes them later, in batches).
class CheckpointSink {
 public:
  virtual ~CheckpointSink() = default;
  virtual void Save(FrameCheckpoint checkpoint) = 0;
  // Calls `then` once every checkpoint saved so far is durable (on any thread; at once by
  // default). A task is dispatched only then, so that no worker sees a task whose start a crash
  // could undo. A sink whose execution ended calls what still waits.
  virtual void WhenDurable(std::function<void()> then) { then(); }
};

// Where a resumed execution starts again.
struct ResumePoint {
  FrameCheckpoint checkpoint;
  int64_t start_ms = 0;       // when the execution first started
  int64_t next_event_id = 1;  // the id its next event takes (checkpoint.last_event + 1)
  // RedriveExecution: how many times the execution has been redriven, this time included (0:
  // a resume after a restart). A redrive records ExecutionRedriven and enters the checkpoint's
  // state afresh (its Entered event again, its retry counts from zero).
  int64_t redrive_count = 0;
  int64_t redrive_ms = 0;
};

}  // namespace stepwise::engine
