#include "engine/checkpoint.h"

namespace stepwise::engine {

json::Value CheckpointToJson(const FrameCheckpoint& checkpoint, const asl::StateMachine& machine) {
  std::vector<json::Value> counts;
  counts.reserve(checkpoint.retry_counts.size());
  for (int64_t count : checkpoint.retry_counts) counts.push_back(json::Value::Int(count));
  return json::Value::Object({
      {"phase", json::Value::String(checkpoint.phase == FrameCheckpoint::Phase::kTaskStarted
                                        ? "taskStarted"
                                        : "entered")},
      {"state", json::Value::String(machine.states[checkpoint.state].name)},
      {"input", checkpoint.input},
      {"variables", checkpoint.variables},
      {"lastEvent", json::Value::Int(checkpoint.last_event)},
      {"enteredEvent", json::Value::Int(checkpoint.entered_event)},
      {"enteredMs", json::Value::Int(checkpoint.entered_ms)},
      {"retries", json::Value::Int(checkpoint.retries)},
      {"retryCounts", json::Value::Array(std::move(counts))},
      {"taskToken", json::Value::String(checkpoint.task_token)},
  });
}

Result<FrameCheckpoint> CheckpointFromJson(const json::Value& value,
                                           const asl::StateMachine& machine) {
  auto invalid = [](std::string what) { return Error("InvalidCheckpoint", std::move(what)); };
  if (!value.is_object()) return invalid("a checkpoint must be an object");
  auto integer = [&](std::string_view key) -> Result<int64_t> {
    const json::Value* v = value.Find(key);
    if (v == nullptr || !v->is_int()) return invalid("'" + std::string(key) + "' must be an integer");
    return v->as_int();
  };
  FrameCheckpoint checkpoint;
  const json::Value* phase = value.Find("phase");
  if (phase == nullptr || !phase->is_string()) return invalid("'phase' must be a string");
  if (phase->as_string() == "taskStarted") {
    checkpoint.phase = FrameCheckpoint::Phase::kTaskStarted;
  } else if (phase->as_string() != "entered") {
    return invalid("unknown phase '" + std::string(phase->as_string()) + "'");
  }
  const json::Value* state = value.Find("state");
  if (state == nullptr || !state->is_string()) return invalid("'state' must be a string");
  auto index = machine.index_by_name.find(state->as_string());
  if (index == machine.index_by_name.end()) {
    return invalid("the state machine has no state '" + std::string(state->as_string()) + "'");
  }
  checkpoint.state = index->second;
  const json::Value* input = value.Find("input");
  if (input == nullptr) return invalid("'input' is missing");
  checkpoint.input = *input;
  const json::Value* variables = value.Find("variables");
  if (variables != nullptr && variables->is_object()) checkpoint.variables = *variables;
  checkpoint.last_event = TRY(integer("lastEvent"));
  checkpoint.entered_event = TRY(integer("enteredEvent"));
  checkpoint.entered_ms = TRY(integer("enteredMs"));
  checkpoint.retries = TRY(integer("retries"));
  const json::Value* counts = value.Find("retryCounts");
  if (counts == nullptr || !counts->is_array()) return invalid("'retryCounts' must be an array");
  for (const json::Value& count : counts->items()) {
    if (!count.is_int()) return invalid("'retryCounts' must hold integers");
    checkpoint.retry_counts.push_back(count.as_int());
  }
  if (checkpoint.retry_counts.size() != machine.states[checkpoint.state].retry.size()) {
    return invalid("'retryCounts' does not match the state's retriers");
  }
  const json::Value* token = value.Find("taskToken");
  if (token != nullptr && token->is_string()) checkpoint.task_token = std::string(token->as_string());
  return checkpoint;
}

}  // namespace stepwise::engine
