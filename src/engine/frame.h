#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <map>

#include "asl/model.h"
#include "engine/checkpoint.h"
#include "engine/scope.h"
#include "json/value.h"

// The data of a running execution, below the Execution itself: frames (a machine being run — the
// top level, a Parallel branch, a Map iteration) and groups (the branches or iterations a state
// waits for). Everything here is plain data — state indices, values, counters — so that an
// execution can be checkpointed after any transition and resumed elsewhere; pointers are caches
// of what the indices name. Internal to src/engine.
namespace stepwise::engine {

class Execution;
struct Group;

// An ASL runtime error raised by a state: what Retry and Catch match. `has_cause` distinguishes
// an absent cause (a Fail state without Cause) from an empty one.
struct StateError {
  std::string error;
  std::string cause;
  bool has_cause = true;
  // A task's missed HeartbeatSeconds: AWS reports it as States.Timeout, and Retry and Catch match
  // it by States.HeartbeatTimeout too.
  bool heartbeat = false;
};

// One running machine: which state it is in, that state's raw input, its variables, and how it
// hangs off its parent.
struct Frame {
  Execution* execution = nullptr;
  // The top frame owns its execution; every other frame holds it through its group (below), so
  // that an execution lives until its last frame is gone, however long after it ended.
  std::shared_ptr<Execution> own_execution;
  const asl::StateMachine* machine = nullptr;
  asl::StateIndex state = 0;
  json::Value input;  // the current state's raw input
  // The variables this frame reads: its own scope, or else its group's (the owner's), which the
  // group keeps alive as the frame keeps its group — a plain pointer, so that starting a branch
  // or iteration touches no count the other workers share. A branch or iteration gets a scope of
  // its own (whose parent is the group's) only when it first assigns: most never do.
  Scope* scope = nullptr;
  std::shared_ptr<Scope> own_scope;

  // The group this frame is a branch or iteration of (null for the top frame), and its index.
  std::shared_ptr<Group> group;
  size_t index = 0;

  // History: the id of the last event this frame recorded (previousEventId of its next event),
  // and the id of the current state's Entered event (AWS's causes cite it).
  int64_t last_event = 0;
  int64_t entered_event = 0;
  int64_t entered_ms = 0;

  // Retry: attempts made per retrier of the current state, and in all (for $$.State.RetryCount).
  std::vector<int64_t> retry_counts;
  int64_t retries = 0;

  // Work the current state waits for. `generation` is bumped whenever a wait is resolved, so
  // that a late timer or a task completing after its timeout is ignored.
  std::atomic<uint64_t> generation{0};
  json::Value effective_input;  // Task/Parallel/Map: after InputPath and Parameters
  std::string task_token;       // a .waitForTaskToken Task's token ($$.Task.Token)

  // Transitions counted locally and flushed to the execution when the frame waits or ends.
  int64_t transitions = 0;
  // With history off: events recorded since the frame last reserved ids (FlushTransitions and
  // each state's Entered event reserve them), so that ids stay exact wherever frames run one
  // after another.
  int64_t unpublished_events = 0;

  // A Distributed Map's iterations run as child executions whose events are not part of this
  // execution's history: such frames record nothing and number their events themselves.
  bool silent = false;
  int64_t silent_event_id = 0;

  // Set while a resumed frame runs its checkpoint's state again: that state's Entered event is
  // already recorded, a Wait keeps its original end, with kTaskStarted a task that had started
  // is dispatched again without recording TaskScheduled and TaskStarted again, and with kGroup a
  // Parallel or Map state takes up its group where `resume_group` says it stood.
  enum class Resume : uint8_t { kNone, kState, kTaskStarted, kGroup };
  Resume resume = Resume::kNone;
  std::shared_ptr<const GroupCheckpoint> resume_group;

  // Durable executions: the frame recorded an event its newest checkpoint does not account for
  // (CheckpointSink counts such frames).
  bool dirty = false;
};

using FramePtr = std::shared_ptr<Frame>;


// Starts a new wait of frame's current state and returns its generation.
inline uint64_t BeginWait(Frame& frame) {
  return frame.generation.fetch_add(1, std::memory_order_acq_rel) + 1;
}

// Ends the wait `generation` of frame if it is still current: true for the one caller (a timer,
// a task's outcome) that wins; later ones find the frame moved on and must drop their event.
inline bool EndWait(Frame& frame, uint64_t generation) {
  return frame.generation.compare_exchange_strong(generation, generation + 1,
                                                  std::memory_order_acq_rel);
}

// The branches of a Parallel state or the iterations of a Map state, and how they are going.
// Children are started by whichever workers drive the group (see group.cc): a worker claims the
// next index, runs that child until it finishes or waits, and claims again while a concurrency
// slot is free.
//
// Ownership runs one way, so that a group abandoned when its execution ends frees everything:
// children hold their group, the group holds its owner frame until it resumes it.
//
// Cache lines: the fields every child reads come first, on lines of their own (away from the
// shared pointer's counts, which sit before the group); the counters the driving workers write
// and the fields under the mutex each start a line, so that writing them does not evict the
// read-mostly fields from the other cores.
inline constexpr size_t kCacheLine = 64;
struct alignas(kCacheLine) Group {
  enum class Kind { kParallel, kMap };
  Kind kind = Kind::kParallel;
  FramePtr owner;                // the frame whose Parallel/Map state waits (reset when resumed)
  Execution* execution = nullptr;
  std::shared_ptr<Execution> own_execution;  // keeps the execution alive (see Frame)
  const asl::State* state = nullptr;
  std::shared_ptr<Scope> scope;  // the owner's variables, which children read (and never write)
  bool silent = false;           // Distributed Map: iterations are child executions
  // The owner state's Entered event and time, and its retries ($$.State, error causes).
  int64_t entered_event = 0;
  int64_t entered_ms = 0;
  int64_t retries = 0;
  size_t count = 0;
  // The concurrency bound (>= 1); UpdateMapRun may change it while children run.
  std::atomic<size_t> max_in_flight{0};

  // Parallel: every branch's input. Map: the items (or batches: each child's input when
  // `inputs_ready`), and the effective input that ItemSelector reads as `$`.
  json::Value items;
  bool inputs_ready = false;
  json::Value effective_input;

  std::vector<json::Value> results;  // one slot per child, written by that child only

  alignas(kCacheLine) std::atomic<size_t> next{0};  // the next child to start
  std::atomic<size_t> in_flight{0};   // started and not finished
  std::atomic<size_t> remaining{0};   // not finished
  std::atomic<bool> finished{false};  // the owner was (or is being) resumed
  std::atomic<bool> cancelled{false}; // stop starting and running children

  // Failures (Map tolerance), the first error, and history linkage, under mutex.
  alignas(kCacheLine) std::mutex mutex;
  size_t failures = 0;
  size_t tolerated_failures = 0;     // failures allowed before the group fails
  bool has_tolerance = false;
  // What ToleratedFailureCount and ToleratedFailurePercentage each allow (SIZE_MAX: not set);
  // tolerated_failures is the smaller. Kept apart so that UpdateMapRun can change one.
  size_t tolerated_by_count = SIZE_MAX;
  size_t tolerated_by_percentage = SIZE_MAX;
  StateError first_error;
  bool failed = false;
  // The event a child's first event follows, and the event the group's end events follow.
  int64_t started_event = 0;
  int64_t last_event = 0;
  // Durable executions: the newest checkpoint of each running child, and which children ended
  // (`results` holds what they returned); a Distributed Map's run.
  std::map<size_t, FrameCheckpoint> child_checkpoints;
  std::vector<bool> ended;
  std::vector<bool> tolerated;  // ended children that failed within the tolerance
  std::string map_run_arn;

  // A group resumed from a checkpoint: children not to be started (they ended, or they resume
  // from their own checkpoints). Set before the group runs; empty otherwise.
  std::vector<bool> preset;
};

using GroupPtr = std::shared_ptr<Group>;

// The scope frame reads, shared: for a group whose children read it.
inline std::shared_ptr<Scope> SharedScope(const Frame& frame) {
  return frame.own_scope != nullptr ? frame.own_scope : frame.group->scope;
}

// Assigns variables in frame's own scope (creating it on the first assignment).
inline void AssignVariables(Frame& frame, const json::Value& assigned) {
  if (frame.own_scope == nullptr) {
    frame.own_scope = std::make_shared<Scope>(SharedScope(frame));
    frame.scope = frame.own_scope.get();
  }
  frame.own_scope->AssignAll(assigned);
}

}  // namespace stepwise::engine
