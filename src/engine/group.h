#pragma once

#include "engine/frame.h"
#include "engine/interpreter.h"

// Running a Parallel state's branches or a Map state's iterations: starting children, spreading
// them over the workers, bounding how many are in flight, collecting their results, and resuming
// the waiting state once they are done (or one fails). Internal to src/engine.
namespace stepwise::engine {

// Starts the children of group, whose owner frame's current state waits for them. Returns the
// owner's next step when the group finished during this call (all children ran synchronously),
// and Step::Suspended() otherwise — then the owner is resumed, on some worker, when the group
// finishes. Before calling, the owner must be ready to be resumed elsewhere.
Step RunGroup(const GroupPtr& group);

// Takes up a group after a restart, where `saved` says it stood (checkpoint.h): children that
// ended keep their results, running ones resume from their checkpoints (each on a worker), the
// others start as RunGroup starts them. The group's items, count and owner are set as for
// RunGroup; returns as RunGroup does.
Step ResumeGroup(const GroupPtr& group, const GroupCheckpoint& saved);

// Reports a child frame that ended (succeeded or failed) to its group.
void ChildEnded(const FramePtr& child, Step step);

// With history off: events of children that ended in the driving loop running on this thread,
// not yet reserved; the caller reserves them with its own (0 outside a loop).
int64_t TakeCarriedEvents();

// The children's results, once the group finished (under its mutex: a snapshot may be reading
// them, checkpoint_sink.h).
std::vector<json::Value> TakeResults(Group& group);

// The owner's next step once its group finished: the state-specific end (Parallel or Map).
Step FinishParallel(const FramePtr& owner, const GroupPtr& group);
Step FinishMap(const FramePtr& owner, const GroupPtr& group);

// A Map's concurrency bound: MaxConcurrency (0: none given) within the execution's default bound.
size_t MapConcurrencyBound(const Execution& execution, int64_t requested);

// Sets a Map group's failure tolerance from ToleratedFailureCount and ToleratedFailurePercentage
// (each when given): the group fails once more children failed than the smaller allows. Before
// the group runs, or under its mutex.
void SetTolerance(Group& group, std::optional<double> count, std::optional<double> percentage);

// UpdateMapRun on a Map group in progress: a new bound (children in flight above it finish; more
// start at once when it grew) and tolerance.
void UpdateMapLimits(const GroupPtr& group, const MapRunLimits& limits);

// DescribeMapRun: how far a Map group got.
MapRunProgress ProgressOf(Group& group);

// Starts child `index` of a group: creates its frame and runs it until it ends or waits.
// `previous_event` is the event the child's first event follows.
void StartParallelBranch(const GroupPtr& group, size_t index, int64_t previous_event);
void StartMapIteration(const GroupPtr& group, size_t index, int64_t previous_event);

}  // namespace stepwise::engine
