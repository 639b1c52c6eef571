#include "engine/checkpoint_sink.h"

#include <algorithm>
#include <thread>

#include "engine/frame.h"

namespace stepwise::engine {
namespace {

// How often Take tries for a moment no frame is dirty before leaving it to the next call.
constexpr int kAttempts = 8;

// checkpoint with its live group (and theirs, recursively) copied into GroupCheckpoints.
void Materialize(FrameCheckpoint& checkpoint) {
  std::shared_ptr<Group> live = checkpoint.live_group.lock();
  checkpoint.live_group.reset();
  if (live == nullptr) return;  // it finished: its owner has moved on, or is about to
  Group& group = *live;
  auto copy = std::make_shared<GroupCheckpoint>();
  copy->max_in_flight = group.max_in_flight.load(std::memory_order_acquire);
  {
    std::lock_guard<std::mutex> lock(group.mutex);
    copy->started_event = group.started_event;
    copy->last_event = group.last_event;
    copy->map_run_arn = group.map_run_arn;
    copy->has_tolerance = group.has_tolerance;
    copy->tolerated_by_count = group.tolerated_by_count;
    copy->tolerated_by_percentage = group.tolerated_by_percentage;
    copy->failures = group.failures;
    copy->failed = group.failed;
    if (group.failed) {
      copy->error = group.first_error.error;
      copy->cause = group.first_error.cause;
      copy->has_cause = group.first_error.has_cause;
    }
    // (Once the group finished its owner takes the results and clears `ended`.)
    for (size_t i = 0; i < group.ended.size() && i < group.results.size(); ++i) {
      if (!group.ended[i]) continue;
      copy->ended.emplace_back(i, group.results[i]);
      if (i < group.tolerated.size() && group.tolerated[i]) copy->tolerated.push_back(i);
    }
    copy->running.assign(group.child_checkpoints.begin(), group.child_checkpoints.end());
  }
  for (auto& [index, child] : copy->running) Materialize(child);
  checkpoint.group = std::move(copy);
}

}  // namespace

void CheckpointSink::Save(FrameCheckpoint checkpoint) {
  std::lock_guard<std::mutex> lock(mutex_);
  latest_ = std::move(checkpoint);
  version_.fetch_add(1, std::memory_order_acq_rel);
}

void CheckpointSink::WhenDurable(std::function<void()> then) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    uint64_t version = version_.load(std::memory_order_acquire);
    if (!released_ && durable_ < version) {
      waiting_.emplace_back(version, std::move(then));
      return;
    }
  }
  then();
}

std::optional<CheckpointSnapshot> CheckpointSink::Take(uint64_t seen, const History& history,
                                                       const asl::StateMachine& machine) {
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    if (attempt > 0) std::this_thread::yield();
    uint64_t version = version_.load(std::memory_order_acquire);
    if (version == seen) return std::nullopt;
    std::optional<FrameCheckpoint> top;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      top = latest_;
    }
    if (!top) return std::nullopt;
    if (top->phase != FrameCheckpoint::Phase::kGroup) {
      // A plain state: the top frame's own prefix.
      int64_t events = top->last_event;
      return CheckpointSnapshot{CheckpointToJson(*top, machine), events, version};
    }
    // A group runs: the whole tree, at a moment no frame is dirty (see the header). The reads
    // are ordered: dirty, then the history's size, then the checkpoints, then dirty and the
    // version again (any event counted in the size was marked dirty first; any checkpoint read
    // moved the version before its frame was cleared).
    if (dirty_.load(std::memory_order_seq_cst) != 0) continue;
    int64_t events = static_cast<int64_t>(history.size());
    Materialize(*top);
    if (dirty_.load(std::memory_order_seq_cst) != 0 ||
        version_.load(std::memory_order_acquire) != version ||
        static_cast<int64_t>(history.size()) != events) {
      continue;
    }
    return CheckpointSnapshot{CheckpointToJson(*top, machine), events, version};
  }
  return std::nullopt;
}

void CheckpointSink::Ended() {
  std::optional<FrameCheckpoint> top;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    top = latest_;
  }
  if (!top || top->phase != FrameCheckpoint::Phase::kGroup) return;
  Materialize(*top);
  std::lock_guard<std::mutex> lock(mutex_);
  ended_ = std::move(top);
}

json::Value CheckpointSink::RedriveState(const asl::StateMachine& machine) {
  std::optional<FrameCheckpoint> top;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    top = ended_ ? ended_ : latest_;
  }
  if (!top) return json::Value();
  top->live_group.reset();
  if (top->phase != FrameCheckpoint::Phase::kGroup || top->group == nullptr) {
    top->phase = FrameCheckpoint::Phase::kEntered;
    top->group.reset();
    return CheckpointToJson(*top, machine);
  }
  // The children that succeeded, and what the group's bound and tolerance were.
  const GroupCheckpoint& was = *top->group;
  auto kept = std::make_shared<GroupCheckpoint>();
  kept->redrive = true;
  kept->map_run_arn = was.map_run_arn;
  kept->max_in_flight = was.max_in_flight;
  kept->has_tolerance = was.has_tolerance;
  kept->tolerated_by_count = was.tolerated_by_count;
  kept->tolerated_by_percentage = was.tolerated_by_percentage;
  for (const auto& [index, result] : was.ended) {
    if (std::find(was.tolerated.begin(), was.tolerated.end(), index) == was.tolerated.end()) {
      kept->ended.emplace_back(index, result);
    }
  }
  top->group = std::move(kept);
  return CheckpointToJson(*top, machine);
}

void CheckpointSink::Release(uint64_t version, bool all) {
  std::vector<std::function<void()>> ready;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    durable_ = std::max(durable_, version);
    released_ = released_ || all;
    auto first_waiting = std::stable_partition(
        waiting_.begin(), waiting_.end(),
        [&](const auto& waiter) { return waiter.first <= version; });
    for (auto it = waiting_.begin(); it != first_waiting; ++it) ready.push_back(std::move(it->second));
    waiting_.erase(waiting_.begin(), first_waiting);
  }
  for (std::function<void()>& then : ready) then();
}

}  // namespace stepwise::engine
