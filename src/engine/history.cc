#include "engine/history.h"

#include <array>

#include "json/write.h"

namespace stepwise::engine {

std::string_view EventTypeName(EventType type) {
  static constexpr std::array<std::string_view, 57> kNames = {
      "ExecutionStarted", "ExecutionSucceeded", "ExecutionFailed", "ExecutionAborted",
      "ExecutionTimedOut",
      "PassStateEntered", "PassStateExited",
      "TaskStateEntered", "TaskStateExited", "TaskStateAborted",
      "ChoiceStateEntered", "ChoiceStateExited",
      "WaitStateEntered", "WaitStateExited", "WaitStateAborted",
      "SucceedStateEntered", "SucceedStateExited",
      "FailStateEntered",
      "ParallelStateEntered", "ParallelStateStarted", "ParallelStateSucceeded",
      "ParallelStateFailed", "ParallelStateAborted", "ParallelStateExited",
      "MapStateEntered", "MapStateStarted", "MapStateSucceeded", "MapStateFailed",
      "MapStateAborted", "MapStateExited",
      "MapIterationStarted", "MapIterationSucceeded", "MapIterationFailed",
      "MapIterationAborted",
      "MapRunStarted", "MapRunSucceeded", "MapRunFailed", "MapRunAborted",
      "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskFailed", "TaskTimedOut",
      "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded",
      "LambdaFunctionFailed", "LambdaFunctionTimedOut",
      "EvaluationFailed",
      "ExecutionRedriven",
      "ActivityScheduled", "ActivityScheduleFailed", "ActivityStarted", "ActivitySucceeded",
      "ActivityFailed", "ActivityTimedOut",
      "TaskSubmitted",
  };
  static_assert(kNames.size() == static_cast<size_t>(EventType::kTaskSubmitted) + 1);
  return kNames[static_cast<size_t>(type)];
}

EventDetailsPtr ErrorDetails(std::string error, std::string cause) {
  auto details = new EventDetails;
  details->error = std::move(error);
  details->cause = std::move(cause);
  return EventDetailsPtr(details);
}

EventDetailsPtr ArnDetails(std::string arn) {
  auto details = new EventDetails;
  details->arn = std::move(arn);
  return EventDetailsPtr(details);
}

History::~History() {
  for (size_t i = 0; i < kMaxChunks; ++i) delete chunks_[i].load(std::memory_order_relaxed);
}

History::Chunk* History::ChunkFor(size_t k) {
  std::atomic<Chunk*>& entry = chunks_[k];
  Chunk* chunk = entry.load(std::memory_order_acquire);
  if (chunk != nullptr) return chunk;
  auto fresh = std::make_unique<Chunk>(kFirstChunkEvents << k);
  if (entry.compare_exchange_strong(chunk, fresh.get(), std::memory_order_acq_rel)) {
    return fresh.release();
  }
  return chunk;  // another thread allocated it first
}

int64_t History::Append(HistoryEvent event) {
  int64_t id = next_id_.fetch_add(1, std::memory_order_acq_rel);
  size_t index = static_cast<size_t>(id - 1);
  if (index >= kMaxEvents) return id;  // beyond any execution AWS would allow
  size_t i;
  Chunk* chunk = ChunkFor(Locate(index, &i));
  event.id = static_cast<uint32_t>(id);
  std::construct_at(&chunk->events[i], std::move(event));
  chunk->written[i / 64].fetch_or(uint64_t{1} << (i % 64), std::memory_order_release);
  return id;
}

std::vector<HistoryEvent> History::Snapshot() const {
  std::vector<HistoryEvent> events;
  events.reserve(size());
  ForEach([&events](const HistoryEvent& event) { events.push_back(event); });
  return events;
}

namespace {

using json::Member;
using json::Value;

Value Text(std::string_view s) { return Value::String(s); }

// AWS carries payloads in history as JSON text, with {"truncated": false} beside them.
void AddPayload(std::vector<Member>& members, std::string_view key, const Value& payload) {
  members.emplace_back(key, Text(json::Write(payload)));
  members.emplace_back(std::string(key) + "Details",
                       Value::Object({{"truncated", Value::Bool(false)}}));
}

void AddErrorAndCause(std::vector<Member>& members, const EventDetails* text) {
  if (text == nullptr) return;
  if (!text->error.empty()) members.emplace_back("error", Text(text->error));
  if (!text->cause.empty()) members.emplace_back("cause", Text(text->cause));
}

void AddHeartbeat(std::vector<Member>& members, const EventDetails* text) {
  if (text != nullptr && text->heartbeat_seconds > 0) {
    members.emplace_back("heartbeatInSeconds", Value::Int(text->heartbeat_seconds));
  }
}

std::string DetailsKey(EventType type) {
  switch (type) {
    case EventType::kPassStateEntered:
    case EventType::kTaskStateEntered:
    case EventType::kChoiceStateEntered:
    case EventType::kWaitStateEntered:
    case EventType::kSucceedStateEntered:
    case EventType::kFailStateEntered:
    case EventType::kParallelStateEntered:
    case EventType::kMapStateEntered:
      return "stateEnteredEventDetails";
    case EventType::kPassStateExited:
    case EventType::kTaskStateExited:
    case EventType::kChoiceStateExited:
    case EventType::kWaitStateExited:
    case EventType::kSucceedStateExited:
    case EventType::kParallelStateExited:
    case EventType::kMapStateExited:
      return "stateExitedEventDetails";
    default: {
      // "MapIterationStarted" -> "mapIterationStartedEventDetails".
      std::string name(EventTypeName(type));
      name[0] = static_cast<char>(name[0] - 'A' + 'a');
      return name + "EventDetails";
    }
  }
}

}  // namespace

json::Value EventToJson(const HistoryEvent& event) {
  std::vector<Member> details;
  const EventDetails* text = event.details.get();
  static const asl::HistoryResource kNoResource;
  const asl::HistoryResource& resource = event.resource != nullptr ? *event.resource : kNoResource;
  switch (event.type) {
    case EventType::kExecutionStarted:
      AddPayload(details, "input", event.data);
      if (text != nullptr) details.emplace_back("roleArn", Text(text->arn));
      break;
    case EventType::kExecutionSucceeded:
      AddPayload(details, "output", event.data);
      break;
    case EventType::kExecutionFailed:
    case EventType::kExecutionAborted:
    case EventType::kExecutionTimedOut:
    case EventType::kLambdaFunctionFailed:
    case EventType::kLambdaFunctionTimedOut:
      AddErrorAndCause(details, text);
      break;
    case EventType::kPassStateEntered:
    case EventType::kTaskStateEntered:
    case EventType::kChoiceStateEntered:
    case EventType::kWaitStateEntered:
    case EventType::kSucceedStateEntered:
    case EventType::kFailStateEntered:
    case EventType::kParallelStateEntered:
    case EventType::kMapStateEntered:
      details.emplace_back("name", Text(event.name != nullptr ? *event.name : ""));
      AddPayload(details, "input", event.data);
      break;
    case EventType::kPassStateExited:
    case EventType::kTaskStateExited:
    case EventType::kChoiceStateExited:
    case EventType::kWaitStateExited:
    case EventType::kSucceedStateExited:
    case EventType::kParallelStateExited:
    case EventType::kMapStateExited:
      details.emplace_back("name", Text(event.name != nullptr ? *event.name : ""));
      AddPayload(details, "output", event.data);
      if (text != nullptr && text->assigned.is_object()) {
        // AWS lists each assigned variable's value as JSON text.
        std::vector<Member> assigned;
        for (const Member& m : text->assigned.members()) {
          assigned.emplace_back(m.key, Text(json::Write(m.value)));
        }
        details.emplace_back("assignedVariables", Value::Object(std::move(assigned)));
        details.emplace_back("assignedVariablesDetails",
                             Value::Object({{"truncated", Value::Bool(false)}}));
      }
      break;
    case EventType::kMapStateStarted:
      details.emplace_back("length", Value::Int(event.number));
      break;
    case EventType::kMapRunStarted:
      if (text != nullptr) details.emplace_back("mapRunArn", Text(text->arn));
      break;
    case EventType::kMapRunFailed:
      AddErrorAndCause(details, text);
      break;
    case EventType::kMapIterationStarted:
    case EventType::kMapIterationSucceeded:
    case EventType::kMapIterationFailed:
    case EventType::kMapIterationAborted:
      details.emplace_back("name", Text(event.name != nullptr ? *event.name : ""));
      details.emplace_back("index", Value::Int(event.number));
      break;
    case EventType::kTaskScheduled:
      details.emplace_back("resourceType", Text(resource.resource_type));
      details.emplace_back("resource", Text(resource.resource));
      details.emplace_back("region", Text(resource.region));
      details.emplace_back("parameters", Text(json::Write(event.data)));
      if (event.number > 0) details.emplace_back("timeoutInSeconds", Value::Int(event.number));
      AddHeartbeat(details, text);
      break;
    case EventType::kTaskStarted:
      details.emplace_back("resourceType", Text(resource.resource_type));
      details.emplace_back("resource", Text(resource.resource));
      break;
    case EventType::kTaskSucceeded:
      details.emplace_back("resourceType", Text(resource.resource_type));
      details.emplace_back("resource", Text(resource.resource));
      AddPayload(details, "output", event.data);
      break;
    case EventType::kTaskFailed:
    case EventType::kTaskTimedOut:
      details.emplace_back("resourceType", Text(resource.resource_type));
      details.emplace_back("resource", Text(resource.resource));
      AddErrorAndCause(details, text);
      break;
    case EventType::kLambdaFunctionScheduled:
      details.emplace_back("resource", Text(resource.resource));
      AddPayload(details, "input", event.data);
      if (event.number > 0) details.emplace_back("timeoutInSeconds", Value::Int(event.number));
      break;
    case EventType::kLambdaFunctionSucceeded:
    case EventType::kActivitySucceeded:
      AddPayload(details, "output", event.data);
      break;
    case EventType::kTaskSubmitted:
      details.emplace_back("resourceType", Text(resource.resource_type));
      details.emplace_back("resource", Text(resource.resource));
      AddPayload(details, "output", event.data);
      break;
    case EventType::kActivityScheduled:
      details.emplace_back("resource", Text(resource.resource));
      AddPayload(details, "input", event.data);
      if (event.number > 0) details.emplace_back("timeoutInSeconds", Value::Int(event.number));
      AddHeartbeat(details, text);
      break;
    case EventType::kActivityStarted:
      if (text != nullptr && !text->worker_name.empty()) {
        details.emplace_back("workerName", Text(text->worker_name));
      }
      break;
    case EventType::kActivityScheduleFailed:
    case EventType::kActivityFailed:
    case EventType::kActivityTimedOut:
      AddErrorAndCause(details, text);
      break;
    case EventType::kExecutionRedriven:
      details.emplace_back("redriveCount", Value::Int(event.number));
      break;
    case EventType::kEvaluationFailed:
      AddErrorAndCause(details, text);
      if (text != nullptr && !text->location.empty()) {
        details.emplace_back("location", Text(text->location));
      }
      details.emplace_back("state", Text(event.name != nullptr ? *event.name : ""));
      break;
    default:
      break;  // events without details
  }
  std::vector<Member> members;
  members.emplace_back("timestamp", Value::Double(static_cast<double>(event.timestamp_ms) / 1000));
  members.emplace_back("type", Text(EventTypeName(event.type)));
  members.emplace_back("id", Value::Int(event.id));
  members.emplace_back("previousEventId", Value::Int(event.previous_id));
  if (!details.empty()) {
    members.emplace_back(DetailsKey(event.type), Value::Object(std::move(details)));
  }
  return Value::Object(std::move(members));
}

}  // namespace stepwise::engine
