#pragma once

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <boost/smart_ptr/intrusive_ptr.hpp>
#include <boost/smart_ptr/intrusive_ref_counter.hpp>

#include "asl/resource.h"
#include "json/value.h"

namespace stepwise::engine {

// The history event types AWS's GetExecutionHistory returns, with AWS's names.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html
enum class EventType : uint8_t {
  kExecutionStarted, kExecutionSucceeded, kExecutionFailed, kExecutionAborted,
  kExecutionTimedOut,
  kPassStateEntered, kPassStateExited,
  kTaskStateEntered, kTaskStateExited, kTaskStateAborted,
  kChoiceStateEntered, kChoiceStateExited,
  kWaitStateEntered, kWaitStateExited, kWaitStateAborted,
  kSucceedStateEntered, kSucceedStateExited,
  kFailStateEntered,
  kParallelStateEntered, kParallelStateStarted, kParallelStateSucceeded, kParallelStateFailed,
  kParallelStateAborted, kParallelStateExited,
  kMapStateEntered, kMapStateStarted, kMapStateSucceeded, kMapStateFailed, kMapStateAborted,
  kMapStateExited,
  kMapIterationStarted, kMapIterationSucceeded, kMapIterationFailed, kMapIterationAborted,
  kMapRunStarted, kMapRunSucceeded, kMapRunFailed, kMapRunAborted,
  kTaskScheduled, kTaskStarted, kTaskSucceeded, kTaskFailed, kTaskTimedOut,
  kLambdaFunctionScheduled, kLambdaFunctionStarted, kLambdaFunctionSucceeded,
  kLambdaFunctionFailed, kLambdaFunctionTimedOut,
  kEvaluationFailed,
  kExecutionRedriven,
  // Activities (a Task state whose Resource is an activity ARN): Started when a worker takes the
  // task. TaskSubmitted: a .waitForTaskToken integration's request was accepted (its response).
  kActivityScheduled, kActivityScheduleFailed, kActivityStarted, kActivitySucceeded,
  kActivityFailed, kActivityTimedOut,
  kTaskSubmitted,
};

std::string_view EventTypeName(EventType type);

// What only some events carry (errors, ARNs, assigned variables), kept out of line so that the
// common events stay small. Shared by reference count: copying an event copies no text.
struct EventDetails
    : boost::intrusive_ref_counter<EventDetails, boost::thread_safe_counter> {
  std::string error;
  std::string cause;
  std::string arn;        // ExecutionStarted: the role; MapRunStarted: the Map Run
  json::Value assigned;   // state exited: the variables the state assigned
  std::string worker_name;         // ActivityStarted
  std::string location;            // EvaluationFailed: the field ("Output/result"), if any
  uint32_t heartbeat_seconds = 0;  // TaskScheduled, ActivityScheduled: HeartbeatSeconds
};
using EventDetailsPtr = boost::intrusive_ptr<const EventDetails>;
EventDetailsPtr ErrorDetails(std::string error, std::string cause);
EventDetailsPtr ArnDetails(std::string arn);

// One history event, as recorded. Which fields are set depends on the type:
// - state events: `name`, and `data` (input when entered, output when exited); an exited state's
//   assigned variables in `details`;
// - Execution{Started,Succeeded}: `data` (input or output); Execution{Failed,...}: `details`;
// - MapStateStarted: `number` (the length); MapIteration*: `name` and `number` (the index);
// - ExecutionRedriven: `number` (the redrive count);
// - Task*/LambdaFunction*/Activity*: `resource`, `details` (error, cause; heartbeatInSeconds of
//   scheduled events; an activity's worker), `data` (parameters or input, output),
//   `number` (timeoutInSeconds for scheduled events, 0 when none).
// Values are shared with the execution, so recording an event copies no payload; an event is one
// cache line (a long history is millions of them). Ids fit 32 bits: a history holds at most
// History's 2^28 events.
struct HistoryEvent {
  int64_t timestamp_ms = 0;
  json::Value data;
  const std::string* name = nullptr;  // a state name, owned by the compiled machine
  // Task*/LambdaFunction* events: how the state's resource is named, owned by the compiled
  // machine (so that recording a task's events allocates nothing for it).
  const asl::HistoryResource* resource = nullptr;
  EventDetailsPtr details;
  uint32_t id = 0;
  uint32_t previous_id = 0;
  uint32_t number = 0;
  EventType type = EventType::kExecutionStarted;
};
static_assert(sizeof(HistoryEvent) == 64);

// An execution's history: events in id order. Appending is lock-free: an event takes the next id
// from an atomic counter and is written into that id's slot in fixed-size chunks, so that
// branches and iterations on several workers record without contending on a lock, and stored
// events never move.
//
// Thread-safe. Snapshot returns the events whose writing has finished.
class History {
 public:
  // first_id: the id of the first event (a resumed execution continues its numbering).
  // names: what the events' state names point into (the state machine), kept alive with them.
  explicit History(int64_t first_id = 1, std::shared_ptr<const void> names = nullptr)
      : names_(std::move(names)), next_id_(first_id) {}
  ~History();
  History(const History&) = delete;
  History& operator=(const History&) = delete;

  // Assigns the next id to event, stores it, and returns the id.
  int64_t Append(HistoryEvent event);

  // Calls visit(const HistoryEvent&) for each event written so far, in id order, without
  // copying them (a long history is large).
  template <typename Visit>
  void ForEach(Visit&& visit) const {
    size_t count = std::min(size(), kMaxEvents);
    for (size_t i = 0; i < count; ++i) {
      size_t offset;
      const Chunk* chunk = chunks_[Locate(i, &offset)].load(std::memory_order_acquire);
      if (chunk != nullptr && chunk->Written(offset)) visit(chunk->events[offset]);
    }
  }
  // Calls visit(const HistoryEvent&) for the events from index `first` (id first + 1) on, in id
  // order, stopping at the first one still being written or at index `end`; returns how many it
  // visited. A reader that persists events calls it again from first + the count.
  template <typename Visit>
  size_t VisitWrittenFrom(size_t first, Visit&& visit, size_t end = SIZE_MAX) const {
    size_t count = std::min({size(), end, kMaxEvents});
    size_t i = first;
    for (; i < count; ++i) {
      size_t offset;
      const Chunk* chunk = chunks_[Locate(i, &offset)].load(std::memory_order_acquire);
      if (chunk == nullptr || !chunk->Written(offset)) break;
      visit(chunk->events[offset]);
    }
    return i - first;
  }
  // A copy of the events so far, in id order.
  std::vector<HistoryEvent> Snapshot() const;
  size_t size() const { return static_cast<size_t>(next_id_.load(std::memory_order_acquire) - 1); }

 private:
  // Chunks grow geometrically: chunk k holds kFirstChunkEvents << k events, so that a short
  // history costs a few KiB (the service keeps one per running execution; fixed 4,096-event
  // chunks and a 65,536-entry table cost 787 KiB each, and building and freeing them was half of
  // StartExecution's CPU time) while a long one still never moves an event. Each chunk has a bit
  // per event, set once its writing has finished (release), so that readers (acquire) see only
  // whole events.
  static constexpr size_t kFirstChunkEvents = 64;
  static constexpr size_t kMaxChunks = 23;
  static constexpr size_t kMaxEvents = size_t{1} << 28;
  // The chunk holding event `index`, and its offset there.
  static size_t Locate(size_t index, size_t* offset) {
    size_t k = static_cast<size_t>(std::bit_width(index / kFirstChunkEvents + 1)) - 1;
    *offset = index - kFirstChunkEvents * ((size_t{1} << k) - 1);
    return k;
  }
  //
  // A chunk's events are constructed as they are appended, not when the chunk is allocated: the
  // newest chunk is as large as all the others together, and constructing it at once would touch
  // (and make resident) memory the history may never use.
  struct Chunk {
    explicit Chunk(size_t n)
        : capacity(n),
          events(std::allocator<HistoryEvent>().allocate(n)),
          written(new std::atomic<uint64_t>[n / 64]()) {}
    ~Chunk() {
      for (size_t i = 0; i < capacity; ++i) {
        if (Written(i)) std::destroy_at(&events[i]);
      }
      std::allocator<HistoryEvent>().deallocate(events, capacity);
    }
    Chunk(const Chunk&) = delete;
    Chunk& operator=(const Chunk&) = delete;
    size_t capacity;
    HistoryEvent* events;  // events[i] is constructed once Written(i)
    std::unique_ptr<std::atomic<uint64_t>[]> written;
    bool Written(size_t i) const {
      return (written[i / 64].load(std::memory_order_acquire) >> (i % 64)) & 1;
    }
  };
  Chunk* ChunkFor(size_t k);

  std::shared_ptr<const void> names_;
  std::atomic<int64_t> next_id_{1};
  std::atomic<Chunk*> chunks_[kMaxChunks] = {};
};

// GetExecutionHistory's shape for one event: {"timestamp", "type", "id", "previousEventId",
// "<type>EventDetails": {...}}, inputs and outputs as JSON strings. `timestamp` is seconds since
// the epoch as a number, as the AWS CLI prints it.
json::Value EventToJson(const HistoryEvent& event);

}  // namespace stepwise::engine
