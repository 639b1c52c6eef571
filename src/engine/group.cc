#include "engine/group.h"

#include <algorithm>
#include <cmath>

namespace stepwise::engine {
namespace {

// The group whose driving loop runs innermost on this thread, and the group this thread
// finished while driving it (so that the loop returns the owner's step instead of resuming the
// owner on top of its own stack, which would grow the stack in a loop of Map states).
thread_local Group* tls_driving = nullptr;
thread_local Group* tls_finished_here = nullptr;
// Children of tls_driving that succeeded synchronously inside its loop and whose slot and count
// the loop has not yet given back: the loop settles them in one step per batch, so that workers
// driving the same group do not contend on its counters for every child.
thread_local size_t tls_unsettled = 0;
// With history off: the event and transition counts of children that ended in tls_driving's
// loop, not yet added to the execution's counters. The next state entered on this thread takes
// the events with its own (their ids come before it, as they would have), and the loop adds
// what is left when it returns: the counts stay exact while the workers touch the shared
// counters about once per child instead of three times.
thread_local int64_t tls_carried_events = 0;
thread_local int64_t tls_carried_transitions = 0;
// The last event of the child that ended most recently on this thread: the next child started
// in the same loop follows it, as AWS numbers iterations that run one after another.
thread_local int64_t tls_ended_child_event = -1;

// Children a driving loop claims at once: enough to amortize the shared counters, few enough to
// spread a group over the workers, never more than the concurrency bound allows.
size_t BatchSize(const Group& group, int workers) {
  size_t spread = group.count / (static_cast<size_t>(std::max(workers, 1)) * 8);
  return std::clamp<size_t>(spread, 1, 32);
}

// Takes up to `want` concurrency slots and as many children; returns how many (0: none left or
// no slot free) and the first child's index.
size_t Claim(Group& group, size_t want, size_t* first) {
  size_t in_flight = group.in_flight.load(std::memory_order_relaxed);
  size_t bound = group.max_in_flight.load(std::memory_order_relaxed);
  size_t take = 0;
  do {
    if (in_flight >= bound) return 0;
    take = std::min(want, bound - in_flight);
  } while (!group.in_flight.compare_exchange_weak(in_flight, in_flight + take,
                                                  std::memory_order_acq_rel));
  size_t i = group.next.fetch_add(take, std::memory_order_acq_rel);
  size_t got = i >= group.count ? 0 : std::min(take, group.count - i);
  if (got < take) group.in_flight.fetch_sub(take - got, std::memory_order_acq_rel);
  *first = i;
  return got;
}

// Gives back the slots and counts of `done` children that ended in this thread's loop. Returns
// true when that finished the group (and this thread won the right to resume its owner).
bool Settle(Group& group, size_t done) {
  if (done == 0) return false;
  group.in_flight.fetch_sub(done, std::memory_order_acq_rel);
  size_t left = group.remaining.fetch_sub(done, std::memory_order_acq_rel) - done;
  return left == 0 && !group.finished.exchange(true, std::memory_order_acq_rel);
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
  size_t saved_unsettled = tls_unsettled;
  tls_driving = group.get();
  tls_unsettled = 0;
  int64_t previous = previous_event;
  size_t batch = BatchSize(*group, group->execution->scheduler().workers());
  size_t first = 0;
  bool finished = false;
  while (!finished && !group->cancelled.load(std::memory_order_acquire)) {
    size_t claimed = Claim(*group, batch, &first);
    if (claimed == 0) break;
    size_t skipped = 0;
    for (size_t i = first; i < first + claimed; ++i) {
      if (group->cancelled.load(std::memory_order_acquire)) break;
      if (!group->preset.empty() && group->preset[i]) {
        ++skipped;  // ended before a restart, or resumed: it takes no slot and no count here
        continue;
      }
      tls_ended_child_event = -1;
      StartChild(group, i, previous);
      if (tls_ended_child_event >= 0) previous = tls_ended_child_event;
    }
    if (skipped != 0) group->in_flight.fetch_sub(skipped, std::memory_order_acq_rel);
    finished = Settle(*group, tls_unsettled);
    tls_unsettled = 0;
  }
  if (tls_carried_transitions != 0) {
    group->execution->AddTransitions(tls_carried_transitions);
    tls_carried_transitions = 0;
  }
  if (tls_carried_events != 0) {
    group->execution->ReserveEventIds(tls_carried_events);
    tls_carried_events = 0;
  }
  tls_driving = saved;
  tls_unsettled = saved_unsettled;
  // A child of an enclosing loop that is still running must not see this group's children.
  tls_ended_child_event = -1;
  if (tls_finished_here == group.get()) {
    tls_finished_here = nullptr;
    return true;
  }
  return finished;
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

// Drives the group on this thread and on up to `helpers` idle workers; the owner's step when the
// group finished on this thread, else Step::Suspended().
Step DriveAndHelp(const GroupPtr& group, size_t helpers) {
  Scheduler& scheduler = group->execution->scheduler();
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

// Workers to spread `children` over, as many as are idle within the concurrency bound.
size_t Helpers(const Group& group, size_t children) {
  Scheduler& scheduler = group.execution->scheduler();
  size_t bound = group.max_in_flight.load(std::memory_order_relaxed);
  return std::min<size_t>({static_cast<size_t>(std::max(scheduler.idle_workers(), 0)),
                           children == 0 ? 0 : children - 1, bound == 0 ? 0 : bound - 1});
}

}  // namespace

Step RunGroup(const GroupPtr& group) {
  group->remaining.store(group->count, std::memory_order_release);
  // Durable: the owner's checkpoint takes in the group (checkpoint.h), once it is ready to be read.
  if (group->execution->checkpoints() != nullptr) {
    group->ended.assign(group->count, false);
    group->tolerated.assign(group->count, false);
    SaveCheckpoint(*group->owner, FrameCheckpoint::Phase::kGroup, group);
  }
  if (group->count == 0) {
    group->finished.store(true, std::memory_order_release);
    FramePtr owner;
    return FinishOwner(group, &owner);
  }
  // Spread the children over idle workers: each helper drives the group like this thread does.
  return DriveAndHelp(group, Helpers(*group, group->count));
}

Step ResumeGroup(const GroupPtr& group, const GroupCheckpoint& saved) {
  Group& g = *group;
  if (!saved.redrive) {
    // A redriven group's events are new (its state was entered again); a resumed one's go on.
    g.started_event = saved.started_event;
    g.last_event = saved.last_event;
  }
  g.max_in_flight.store(std::max<size_t>(saved.max_in_flight, 1), std::memory_order_relaxed);
  if (saved.has_tolerance) {
    g.has_tolerance = true;
    g.tolerated_by_count = saved.tolerated_by_count;
    g.tolerated_by_percentage = saved.tolerated_by_percentage;
    g.tolerated_failures = std::min(g.tolerated_by_count, g.tolerated_by_percentage);
  }
  g.failures = saved.failures;
  g.ended.assign(g.count, false);
  g.tolerated.assign(g.count, false);
  g.preset.assign(g.count, false);
  size_t ended = 0;
  for (const auto& [index, result] : saved.ended) {
    if (index >= g.count || g.preset[index]) continue;
    g.results[index] = result;
    g.ended[index] = g.preset[index] = true;
    ++ended;
  }
  for (size_t index : saved.tolerated) {
    if (index < g.count) g.tolerated[index] = true;
  }
  std::vector<const std::pair<size_t, FrameCheckpoint>*> running;
  bool durable = g.execution->checkpoints() != nullptr;
  for (const auto& entry : saved.running) {
    if (entry.first >= g.count || g.preset[entry.first]) continue;
    g.preset[entry.first] = true;
    running.push_back(&entry);
    // Until it moves, a resumed child stands where it stood: a snapshot taken before then (and a
    // second restart) must find it there, not as a child that never started.
    if (durable) g.child_checkpoints.insert_or_assign(entry.first, entry.second);
  }
  g.remaining.store(g.count - ended, std::memory_order_release);
  g.in_flight.store(running.size(), std::memory_order_release);
  if (saved.failed || ended == g.count) {
    // It had failed (its owner goes on from the failure), or every child had ended.
    if (saved.failed) {
      g.failed = true;
      g.first_error = StateError{saved.error, saved.cause, saved.has_cause};
      g.cancelled.store(true, std::memory_order_release);
    }
    g.finished.store(true, std::memory_order_release);
    FramePtr owner;
    return FinishOwner(group, &owner);
  }
  SaveCheckpoint(*g.owner, FrameCheckpoint::Phase::kGroup, group);
  // Running children go on from their checkpoints, each on a worker; the others start as usual.
  Scheduler& scheduler = g.execution->scheduler();
  for (const auto* entry : running) {
    scheduler.Post([group, index = entry->first, checkpoint = entry->second] {
      ResumeChild(group, index, checkpoint);
    });
  }
  if (ended + running.size() == g.count) return Step::Suspended();
  return DriveAndHelp(group, Helpers(g, g.count - ended - running.size()));
}

size_t MapConcurrencyBound(const Execution& execution, int64_t requested) {
  size_t bound = static_cast<size_t>(std::max(execution.options().default_map_concurrency, 1));
  return requested >= 1 ? std::min(static_cast<size_t>(requested), bound) : bound;
}

void SetTolerance(Group& group, std::optional<double> count, std::optional<double> percentage) {
  if (count) group.tolerated_by_count = static_cast<size_t>(*count);
  if (percentage) {
    group.tolerated_by_percentage =
        static_cast<size_t>(std::floor(*percentage * static_cast<double>(group.count) / 100.0));
  }
  group.has_tolerance = group.has_tolerance || count || percentage;
  group.tolerated_failures = std::min(group.tolerated_by_count, group.tolerated_by_percentage);
}

void UpdateMapLimits(const GroupPtr& group, const MapRunLimits& limits) {
  if (limits.tolerated_failure_count || limits.tolerated_failure_percentage) {
    std::lock_guard<std::mutex> lock(group->mutex);
    std::optional<double> count;
    if (limits.tolerated_failure_count) count = static_cast<double>(*limits.tolerated_failure_count);
    SetTolerance(*group, count, limits.tolerated_failure_percentage);
  }
  if (!limits.max_concurrency) return;
  size_t bound = MapConcurrencyBound(*group->execution, *limits.max_concurrency);
  size_t old = group->max_in_flight.exchange(bound, std::memory_order_acq_rel);
  if (bound <= old || group->finished.load(std::memory_order_acquire)) return;
  // The new slots: children start on idle workers, as RunGroup spreads them (at least one, so
  // that a group whose children all wait gets going again).
  Scheduler& scheduler = group->execution->scheduler();
  size_t helpers = std::clamp<size_t>(static_cast<size_t>(std::max(scheduler.idle_workers(), 0)),
                                      1, bound - old);
  for (size_t i = 0; i < helpers; ++i) {
    scheduler.Post([group] {
      if (Drive(group, group->started_event)) Resume(group);
    });
  }
}

MapRunProgress ProgressOf(Group& group) {
  MapRunProgress progress;
  progress.total = group.count;
  // Started: all but those not finished and not in flight (a group resumed after a restart
  // counts the children that ended before it, which its claim loop has not reached).
  size_t in_flight = group.in_flight.load(std::memory_order_acquire);
  size_t remaining = group.remaining.load(std::memory_order_acquire);
  progress.started = group.count - (remaining - std::min(remaining, in_flight));
  progress.in_flight = std::min(in_flight, remaining);
  progress.max_concurrency = group.max_in_flight.load(std::memory_order_acquire);
  std::lock_guard<std::mutex> lock(group.mutex);
  progress.failed = group.failures;
  return progress;
}

std::vector<json::Value> TakeResults(Group& group) {
  std::lock_guard<std::mutex> lock(group.mutex);
  group.ended.clear();
  group.tolerated.clear();
  return std::move(group.results);
}

int64_t TakeCarriedEvents() {
  int64_t events = tls_carried_events;
  tls_carried_events = 0;
  return events;
}

void ChildEnded(const FramePtr& child, Step step) {
  // The caller holds the child, which holds the group: no copy (whose count the workers share).
  const GroupPtr& group = child->group;
  Frame& c = *child;
  tls_ended_child_event = c.last_event;
  const asl::State& state = *group->state;
  bool is_map = group->kind == Group::Kind::kMap;
  bool recording = c.execution->recording() && !c.silent;
  bool succeeded = step.kind == Step::Kind::kSucceeded;
  int64_t last = c.last_event;
  if (is_map && !c.silent) {
    last = RecordFor(c, succeeded ? EventType::kMapIterationSucceeded : EventType::kMapIterationFailed,
                     c.last_event, [&](HistoryEvent& event) {
                       event.name = &state.name;
                       event.number = static_cast<uint32_t>(c.index);
                     });
  }
  bool in_loop = tls_driving == group.get();
  if (in_loop) {
    tls_carried_transitions += c.transitions;
    tls_carried_events += c.unpublished_events;
    c.transitions = c.unpublished_events = 0;
  } else {
    FlushTransitions(c);
  }
  bool fail_group = false;
  // Durable: the child's end goes into the group's progress with its result, in place of its
  // checkpoint (checkpoint.h); that accounts for its last events.
  CheckpointSink* sink = c.execution->checkpoints();
  auto record_end = [&](bool ended, bool tolerated = false) {
    if (sink == nullptr) return;
    if (ended && !group->ended.empty()) group->ended[c.index] = true;
    if (tolerated && !group->tolerated.empty()) group->tolerated[c.index] = true;
    group->child_checkpoints.erase(c.index);
    sink->ChildSaved();
  };
  // Once the group failed, its owner may be finishing on another thread: children still
  // running then leave last_event and the failure count alone (results are not read then).
  if (succeeded) {
    group->results[c.index] = std::move(step.value);
    if (recording || sink != nullptr) {
      std::lock_guard<std::mutex> lock(group->mutex);
      if (!group->failed && recording) group->last_event = last;
      record_end(true);
    }
  } else {
    std::lock_guard<std::mutex> lock(group->mutex);
    if (group->failed) {
      // Already failed by another child: nothing to add.
      record_end(false);
    } else if (group->has_tolerance && ++group->failures <= group->tolerated_failures) {
      std::vector<json::Member> error;
      error.emplace_back("Error", json::Value::String(step.error.error));
      if (step.error.has_cause) error.emplace_back("Cause", json::Value::String(step.error.cause));
      group->results[c.index] = json::Value::Object(std::move(error));
      if (recording) group->last_event = last;
      record_end(true, /*tolerated=*/true);
    } else {
      group->failed = true;
      group->first_error = group->has_tolerance
                               ? StateError{"States.ExceedToleratedFailureThreshold",
                                            "The specified tolerated failure threshold was "
                                            "exceeded",
                                            true}
                               : std::move(step.error);
      if (recording) group->last_event = last;
      fail_group = true;
      record_end(false);
    }
  }
  ClearDirty(c);
  bool complete = false;
  if (fail_group) {
    group->cancelled.store(true, std::memory_order_release);
    complete = !group->finished.exchange(true, std::memory_order_acq_rel);
  } else if (in_loop) {
    ++tls_unsettled;  // the loop settles it with its batch
    return;
  } else {
    complete = Settle(*group, 1);
  }
  if (complete) {
    if (in_loop) {
      tls_finished_here = group.get();
    } else {
      Resume(group);
    }
    return;
  }
  // A child that ended asynchronously freed a slot: start more children on this thread.
  if (!in_loop && !group->finished.load(std::memory_order_acquire) &&
      !group->cancelled.load(std::memory_order_acquire)) {
    if (Drive(group, c.last_event)) Resume(group);
  }
}

}  // namespace stepwise::engine
