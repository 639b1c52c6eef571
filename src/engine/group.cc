#include "engine/group.h"

#include <algorithm>

namespace stepwise::engine {
namespace {

// The group whose driving loop runs innermost on this thread, and the group this thread
// finished while driving it (so that the loop returns the owner's step instead of resuming the
// owner on top of its own stack, which would grow the stack in a loop of Map states).
thread_local Group* tls_driving = nullptr;
thread_local Group* tls_finished_here = nullptr;
// The last event of the child that ended most recently on this thread: the next child started
// in the same loop follows it, as AWS numbers iterations that run one after another.
thread_local int64_t tls_ended_child_event = -1;

// Takes a concurrency slot and the next child's index; false when either is not available.
bool Claim(Group& group, size_t* index) {
  size_t in_flight = group.in_flight.load(std::memory_order_relaxed);
  do {
    if (in_flight >= group.max_in_flight) return false;
  } while (!group.in_flight.compare_exchange_weak(in_flight, in_flight + 1,
                                                  std::memory_order_acq_rel));
  size_t i = group.next.fetch_add(1, std::memory_order_acq_rel);
  if (i >= group.count) {
    group.in_flight.fetch_sub(1, std::memory_order_acq_rel);
    return false;
  }
  *index = i;
  return true;
}

void StartChild(const GroupPtr& group, size_t index, int64_t previous_event) {
  if (group->kind == Group::Kind::kParallel) {
    StartParallelBranch(group, index, previous_event);
  } else {
    StartMapIteration(group, index, previous_event);
  }
}

// Runs children on this thread while concurrency slots are free. Returns true when the group
// finished during this call on this thread.
bool Drive(const GroupPtr& group, int64_t previous_event) {
  Group* saved = tls_driving;
  tls_driving = group.get();
  int64_t previous = previous_event;
  size_t index = 0;
  while (!group->cancelled.load(std::memory_order_acquire) && Claim(*group, &index)) {
    tls_ended_child_event = -1;
    StartChild(group, index, previous);
    if (tls_ended_child_event >= 0) previous = tls_ended_child_event;
  }
  tls_driving = saved;
  // A child of an enclosing loop that is still running must not see this group's children.
  tls_ended_child_event = -1;
  if (tls_finished_here == group.get()) {
    tls_finished_here = nullptr;
    return true;
  }
  return false;
}

// The owner's step, once the group finished (the group lets go of its owner).
Step FinishOwner(const GroupPtr& group, FramePtr* owner_out) {
  FramePtr owner = std::move(group->owner);
  *owner_out = owner;
  return group->kind == Group::Kind::kParallel ? FinishParallel(owner, group)
                                               : FinishMap(owner, group);
}

void Resume(const GroupPtr& group) {
  FramePtr owner;
  Step step = FinishOwner(group, &owner);
  RunFrame(owner, std::move(step));
}

}  // namespace

Step RunGroup(const GroupPtr& group) {
  group->remaining.store(group->count, std::memory_order_release);
  if (group->count == 0) {
    group->finished.store(true, std::memory_order_release);
    FramePtr owner;
    return FinishOwner(group, &owner);
  }
  // Spread the children over idle workers: each helper drives the group like this thread does.
  Scheduler& scheduler = group->execution->scheduler();
  size_t helpers = std::min<size_t>(
      {static_cast<size_t>(std::max(scheduler.idle_workers(), 0)), group->count - 1,
       group->max_in_flight - 1});
  for (size_t i = 0; i < helpers; ++i) {
    scheduler.Post([group] {
      if (Drive(group, group->started_event)) Resume(group);
    });
  }
  if (Drive(group, group->started_event)) {
    FramePtr owner;
    return FinishOwner(group, &owner);
  }
  return Step::Suspended();
}

void ChildEnded(const FramePtr& child, Step step) {
  GroupPtr group = child->group;
  Frame& c = *child;
  tls_ended_child_event = c.last_event;
  const asl::State& state = *group->state;
  bool is_map = group->kind == Group::Kind::kMap;
  bool fail_group = false;
  if (step.kind == Step::Kind::kSucceeded) {
    group->results[c.index] = std::move(step.value);
    int64_t last = c.last_event;
    if (is_map && !c.silent) {
      last = RecordFor(c, EventType::kMapIterationSucceeded, c.last_event,
                       [&](HistoryEvent& event) {
                         event.name = &state.name;
                         event.number = static_cast<int64_t>(c.index);
                       });
      FlushTransitions(c);
    }
    std::lock_guard<std::mutex> lock(group->mutex);
    if (!c.silent) group->last_event = last;
  } else {
    int64_t last = c.last_event;
    if (is_map && !c.silent) {
      last = RecordFor(c, EventType::kMapIterationFailed, c.last_event,
                       [&](HistoryEvent& event) {
                         event.name = &state.name;
                         event.number = static_cast<int64_t>(c.index);
                       });
      FlushTransitions(c);
    }
    std::lock_guard<std::mutex> lock(group->mutex);
    ++group->failures;
    bool tolerated = group->has_tolerance && group->failures <= group->tolerated_failures;
    if (tolerated) {
      std::vector<json::Member> error;
      error.emplace_back("Error", json::Value::String(step.error.error));
      if (step.error.has_cause) error.emplace_back("Cause", json::Value::String(step.error.cause));
      group->results[c.index] = json::Value::Object(std::move(error));
      if (!c.silent) group->last_event = last;
    } else if (!group->failed) {
      group->failed = true;
      group->first_error = group->has_tolerance
                               ? StateError{"States.ExceedToleratedFailureThreshold",
                                            "The specified tolerated failure threshold was "
                                            "exceeded",
                                            true}
                               : std::move(step.error);
      if (!c.silent) group->last_event = last;
      fail_group = true;
    }
  }
  group->in_flight.fetch_sub(1, std::memory_order_acq_rel);
  size_t left = group->remaining.fetch_sub(1, std::memory_order_acq_rel) - 1;
  bool complete = false;
  if (fail_group) {
    group->cancelled.store(true, std::memory_order_release);
    complete = !group->finished.exchange(true, std::memory_order_acq_rel);
  } else if (left == 0) {
    complete = !group->finished.exchange(true, std::memory_order_acq_rel);
  }
  if (complete) {
    if (tls_driving == group.get()) {
      tls_finished_here = group.get();
    } else {
      Resume(group);
    }
    return;
  }
  // A child that ended asynchronously freed a slot: start more children on this thread.
  if (tls_driving != group.get() && !group->finished.load(std::memory_order_acquire) &&
      !group->cancelled.load(std::memory_order_acquire)) {
    if (Drive(group, c.last_event)) Resume(group);
  }
}

}  // namespace stepwise::engine
