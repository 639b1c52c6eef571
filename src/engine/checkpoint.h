#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "asl/model.h"
#include "common/result.h"
#include "json/value.h"

// Durable executions: where an execution's frames stand, saved as they move, so that a later
// process can resume the execution from there (docs/store.md has the serialized form).
//
// Every frame — the top level, a Parallel branch, a Map iteration — takes a checkpoint when it
// enters a state, once a task it runs has started, when it waits for a retry, and when its
// Parallel or Map state has started its branches or iterations (phase kGroup: the checkpoint then
// holds the group's progress — which children ended, with their results, and where each running
// child stands, recursively). A checkpoint accounts for the events its frame recorded up to
// `last_event`. The top frame hands its checkpoints to the execution's CheckpointSink
// (checkpoint_sink.h); the others save theirs into their group, which the top frame's kGroup
// checkpoint reaches. The sink turns them into one snapshot of the whole execution that accounts
// for a prefix of its history, which a store commits together with that prefix.
//
// Resuming runs each checkpoint's state again from its start: its Entered event stands; a task
// that had started is dispatched again (at-least-once to the worker) with its token; a Wait keeps
// its original end; a Parallel or Map state takes up its group — children that ended keep their
// results, running children resume from their own checkpoints, the others start.
namespace stepwise::engine {

struct Group;
struct GroupCheckpoint;

struct FrameCheckpoint {
  enum class Phase { kEntered, kTaskStarted, kGroup };
  Phase phase = Phase::kEntered;
  asl::StateIndex state = 0;
  json::Value input;      // the state's raw input
  json::Value variables;  // the frame's own variables (an object), or null when it has none
  int64_t last_event = 0;
  int64_t entered_event = 0;
  int64_t entered_ms = 0;
  int64_t retries = 0;
  std::vector<int64_t> retry_counts;
  std::string task_token;
  // kGroup: the group's progress — a copy, as snapshots and CheckpointFromJson give it; and
  // while the frame runs, the live group it is copied from (internal to the engine; weak, since
  // the group holds the execution, which holds its checkpoints).
  std::shared_ptr<const GroupCheckpoint> group;
  std::weak_ptr<Group> live_group;
};

// How far a Parallel state's branches or a Map state's iterations got.
struct GroupCheckpoint {
  int64_t started_event = 0;  // the event the children's first events follow
  int64_t last_event = 0;     // the event the group's end events follow
  std::string map_run_arn;    // a Distributed Map's run
  size_t max_in_flight = 0;   // the concurrency bound in force (UpdateMapRun may change it)
  // Tolerance as the group applies it (SIZE_MAX: not set).
  bool has_tolerance = false;
  size_t tolerated_by_count = SIZE_MAX;
  size_t tolerated_by_percentage = SIZE_MAX;
  size_t failures = 0;
  // The group failed (with first_error): its owner goes on from the failure at once.
  bool failed = false;
  std::string error;
  std::string cause;
  bool has_cause = false;
  // Children that ended, with their results (a tolerated failure's {"Error", "Cause"}), and
  // children that run, with their checkpoints; in index order. The others have not started.
  std::vector<std::pair<size_t, json::Value>> ended;
  std::vector<std::pair<size_t, FrameCheckpoint>> running;
  std::vector<size_t> tolerated;  // the ended children that failed (within the tolerance)
  // RedriveExecution: only the children that succeeded are kept (`ended`); the state is entered
  // afresh and runs the others from their start (AWS "reschedules and redrives only the
  // iterations and branches that failed or aborted").
  bool redrive = false;
};

// The serialized form: {"phase" ("entered", "taskStarted" or "group"), "state" (the state's
// name), "input", "variables", "lastEvent", "enteredEvent", "enteredMs", "retries",
// "retryCounts", "taskToken"}, and with "group" the group's progress (docs/store.md). machine is
// the frame's own (a branch's or the Map's item processor for children).
json::Value CheckpointToJson(const FrameCheckpoint& checkpoint, const asl::StateMachine& machine);
// Errors ("InvalidCheckpoint") for a malformed checkpoint or one naming a state machine does not
// have.
Result<FrameCheckpoint> CheckpointFromJson(const json::Value& value,
                                           const asl::StateMachine& machine);

// Where a resumed execution starts again.
struct ResumePoint {
  FrameCheckpoint checkpoint;
  int64_t start_ms = 0;       // when the execution first started
  int64_t next_event_id = 1;  // the id its next event takes (after the events committed)
  // RedriveExecution: how many times the execution has been redriven, this time included (0:
  // a resume after a restart). A redrive records ExecutionRedriven and enters the checkpoint's
  // state afresh (its Entered event again, its retry counts from zero).
  int64_t redrive_count = 0;
  int64_t redrive_ms = 0;
};

}  // namespace stepwise::engine
