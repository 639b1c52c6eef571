#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "asl/model.h"
#include "engine/checkpoint.h"
#include "engine/history.h"
#include "json/value.h"

// Where a durable execution's checkpoints go (checkpoint.h), and how a store takes consistent
// snapshots of them: one per execution, shared by the engine (which saves) and the store's
// committer (which takes snapshots and says when they are durable).
//
// The snapshot must account for a prefix of the history exactly: every event in it recorded by a
// step the snapshot has taken, no step taken whose event is not in it. While the top frame stands
// in a plain state that prefix is the top frame's own: events up to its checkpoint's last_event
// (frames of a group that failed may still be stopping; what they record is history, but nothing
// resumes them). While it waits for a group, frames record events concurrently, so the sink
// counts the frames that recorded an event their newest checkpoint does not yet account for
// ("dirty"; the engine marks a frame before it records and clears it with its next checkpoint),
// and a version that every saved checkpoint moves: a snapshot taken while no frame was dirty,
// whose version did not move while it was read, accounts for the whole history recorded so far.
//
// Thread-safe.
namespace stepwise::engine {

// A snapshot of an execution's checkpoints, serialized, with the events it accounts for.
struct CheckpointSnapshot {
  json::Value frame;   // the top frame's checkpoint (CheckpointToJson)
  int64_t events = 0;  // the history prefix it accounts for: events 1..events
  uint64_t version = 0;
};

class CheckpointSink {
 public:
  // --- The engine's side ---

  // The top frame's newest checkpoint.
  void Save(FrameCheckpoint checkpoint);
  // A checkpoint of a child frame was saved in its group; called under the group's mutex, so
  // that a snapshot reading the group sees the version it moved.
  void ChildSaved() { version_.fetch_add(1, std::memory_order_acq_rel); }
  // A frame is about to record an event its newest checkpoint will not account for; and a frame
  // that was so saved a checkpoint (or stopped for good).
  void MarkDirty() { dirty_.fetch_add(1, std::memory_order_seq_cst); }
  void MarkClean() { dirty_.fetch_sub(1, std::memory_order_seq_cst); }
  // The execution ended (called once, by the engine, as it ends): a group the top frame stood in
  // is copied as it was then, for RedriveState.
  void Ended();
  // Calls `then` once every checkpoint saved so far is durable (on any thread). A task is
  // dispatched only then, so that no worker sees a task whose start a crash could undo. Once the
  // execution ended, at once.
  void WhenDurable(std::function<void()> then);

  // --- The store's side ---

  // A snapshot newer than version `seen`; nullopt when nothing moved since, or when frames are
  // moving (a later call will find a moment they are not). Its prefix may be shorter than an
  // earlier snapshot's, by events that branches of a failed group recorded as they stopped after
  // that snapshot took the group: a store keeps the longer prefix (those events stay history).
  std::optional<CheckpointSnapshot> Take(uint64_t seen, const History& history,
                                         const asl::StateMachine& machine);
  // What RedriveExecution goes on from once the execution ended, serialized (null before the
  // first checkpoint): the top frame's state, entered afresh; when it was a Parallel or Map, with
  // the children that had succeeded (GroupCheckpoint::redrive).
  json::Value RedriveState(const asl::StateMachine& machine);
  // The store committed snapshot `version`: what waited for it (or an earlier one) goes on.
  void Committed(uint64_t version) { Release(version, false); }
  // The execution ended: everything still waiting goes on (and finds the execution over).
  void ReleaseAll() { Release(UINT64_MAX, true); }

  // Frames marked dirty now. Once an execution ended and its scheduler drained, 0: every frame
  // that recorded an event then checkpointed, ended or stopped (tests and the fuzzer check it).
  int64_t dirty_frames() const { return dirty_.load(std::memory_order_acquire); }

 private:
  void Release(uint64_t version, bool all);

  std::atomic<uint64_t> version_{0};
  std::atomic<int64_t> dirty_{0};
  std::mutex mutex_;
  std::optional<FrameCheckpoint> latest_;
  std::optional<FrameCheckpoint> ended_;  // latest_ with its group copied, once ended
  uint64_t durable_ = 0;   // the newest version committed
  bool released_ = false;  // the execution ended
  std::vector<std::pair<uint64_t, std::function<void()>>> waiting_;  // by the version awaited
};

}  // namespace stepwise::engine
