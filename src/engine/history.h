#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

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
};

std::string_view EventTypeName(EventType type);

// Text that only some events carry (errors, task resources), kept out of line so that the
// common events stay small.
struct EventText {
  std::string error;
  std::string cause;
  std::string resource_type;  // Task* events: "lambda", ...
  std::string resource;       // Task* events: "invoke"; Lambda* events: the function ARN
  std::string region;
};

// One history event, as recorded. Which fields are set depends on the type:
// - state events: `name`, and `data` (input when entered, output when exited), `extra` (the
//   variables an exited state assigned, or null);
// - Execution{Started,Succeeded}: `data` (input or output); Execution{Failed,...}: `text`;
// - MapStateStarted: `number` (the length); MapIteration*: `name` and `number` (the index);
// - Task*/LambdaFunction*: `text` (resource, error, cause), `data` (parameters, output),
//   `number` (timeoutInSeconds for scheduled events, 0 when none).
// Values are shared with the execution, so recording an event copies no payload.
struct HistoryEvent {
  int64_t id = 0;
  int64_t previous_id = 0;
  int64_t timestamp_ms = 0;
  EventType type = EventType::kExecutionStarted;
  const std::string* name = nullptr;  // a state name, owned by the compiled machine
  json::Value data;
  json::Value extra;
  int64_t number = 0;
  std::shared_ptr<const EventText> text;
};

// An execution's history: events in id order. Appends are serialized by a mutex (branches and
// iterations record from several threads); ids are assigned under the same lock, so the vector is
// always in id order.
//
// Thread-safe.
class History {
 public:
  // Assigns the next id to event, stores it, and returns the id.
  int64_t Append(HistoryEvent event);

  // A copy of the events so far.
  std::vector<HistoryEvent> Snapshot() const;
  size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::vector<HistoryEvent> events_;
};

// GetExecutionHistory's shape for one event: {"timestamp", "type", "id", "previousEventId",
// "<type>EventDetails": {...}}, inputs and outputs as JSON strings. `timestamp` is seconds since
// the epoch as a number, as the AWS CLI prints it.
json::Value EventToJson(const HistoryEvent& event);

}  // namespace stepwise::engine
