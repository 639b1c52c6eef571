#include "engine/checkpoint.h"

namespace stepwise::engine {
namespace {

Error Invalid(std::string what) { return Error("InvalidCheckpoint", std::move(what)); }

// The machine child `index` of a Parallel or Map state runs (null: the state has none).
const asl::StateMachine* ChildMachine(const asl::State& state, size_t index) {
  if (state.type == asl::StateType::kParallel) {
    const auto& branches = asl::FieldsOf<asl::ParallelFields>(state).branches;
    return index < branches.size() ? branches[index].get() : nullptr;
  }
  if (state.type == asl::StateType::kMap) return asl::FieldsOf<asl::MapFields>(state).processor.get();
  return nullptr;
}

// SIZE_MAX (not set) as -1.
json::Value Bound(size_t value) {
  return json::Value::Int(value == SIZE_MAX ? -1 : static_cast<int64_t>(value));
}

json::Value GroupToJson(const GroupCheckpoint& group, const asl::State& state) {
  std::vector<json::Value> ended;
  ended.reserve(group.ended.size());
  for (const auto& [index, result] : group.ended) {
    ended.push_back(json::Value::Array({json::Value::Int(static_cast<int64_t>(index)), result}));
  }
  std::vector<json::Value> running;
  running.reserve(group.running.size());
  for (const auto& [index, child] : group.running) {
    const asl::StateMachine* machine = ChildMachine(state, index);
    if (machine == nullptr) continue;
    running.push_back(json::Value::Array(
        {json::Value::Int(static_cast<int64_t>(index)), CheckpointToJson(child, *machine)}));
  }
  std::vector<json::Member> members;
  members.emplace_back("startedEvent", json::Value::Int(group.started_event));
  members.emplace_back("lastEvent", json::Value::Int(group.last_event));
  if (!group.map_run_arn.empty()) members.emplace_back("mapRunArn", json::Value::String(group.map_run_arn));
  members.emplace_back("maxConcurrency", json::Value::Int(static_cast<int64_t>(group.max_in_flight)));
  if (group.has_tolerance) {
    members.emplace_back("toleratedByCount", Bound(group.tolerated_by_count));
    members.emplace_back("toleratedByPercentage", Bound(group.tolerated_by_percentage));
  }
  members.emplace_back("failures", json::Value::Int(static_cast<int64_t>(group.failures)));
  if (group.failed) {
    std::vector<json::Member> error;
    error.emplace_back("Error", json::Value::String(group.error));
    if (group.has_cause) error.emplace_back("Cause", json::Value::String(group.cause));
    members.emplace_back("failed", json::Value::Object(std::move(error)));
  }
  members.emplace_back("ended", json::Value::Array(std::move(ended)));
  members.emplace_back("running", json::Value::Array(std::move(running)));
  if (!group.tolerated.empty()) {
    std::vector<json::Value> tolerated;
    for (size_t index : group.tolerated) tolerated.push_back(json::Value::Int(static_cast<int64_t>(index)));
    members.emplace_back("tolerated", json::Value::Array(std::move(tolerated)));
  }
  if (group.redrive) members.emplace_back("redrive", json::Value::Bool(true));
  return json::Value::Object(std::move(members));
}

Result<int64_t> IntegerField(const json::Value& object, std::string_view key) {
  const json::Value* v = object.Find(key);
  if (v == nullptr || !v->is_int()) return Invalid("'" + std::string(key) + "' must be an integer");
  return v->as_int();
}

// A child's index: an integer below the group's size.
Result<size_t> ChildIndex(const json::Value& entry, size_t count) {
  if (!entry.is_array() || entry.size() != 2 || !entry.items()[0].is_int() ||
      entry.items()[0].as_int() < 0 || static_cast<uint64_t>(entry.items()[0].as_int()) >= count) {
    return Invalid("a group's children must be [index, value] pairs within the group");
  }
  return static_cast<size_t>(entry.items()[0].as_int());
}

Result<GroupCheckpoint> GroupFromJson(const json::Value& value, const asl::State& state) {
  if (!value.is_object()) return Invalid("'group' must be an object");
  // How many children the state has: a Parallel's branches; a Map's are known only from its
  // items, so any index is taken (the group checks them against its items when it resumes).
  size_t count = state.type == asl::StateType::kParallel
                     ? asl::FieldsOf<asl::ParallelFields>(state).branches.size()
                     : SIZE_MAX;
  GroupCheckpoint group;
  group.started_event = TRY(IntegerField(value, "startedEvent"));
  group.last_event = TRY(IntegerField(value, "lastEvent"));
  int64_t bound = TRY(IntegerField(value, "maxConcurrency"));
  if (bound < 1) return Invalid("'maxConcurrency' must be positive");
  group.max_in_flight = static_cast<size_t>(bound);
  if (const json::Value* arn = value.Find("mapRunArn"); arn != nullptr && arn->is_string()) {
    group.map_run_arn = std::string(arn->as_string());
  }
  if (value.Find("toleratedByCount") != nullptr) {
    group.has_tolerance = true;
    int64_t by_count = TRY(IntegerField(value, "toleratedByCount"));
    int64_t by_percentage = TRY(IntegerField(value, "toleratedByPercentage"));
    group.tolerated_by_count = by_count < 0 ? SIZE_MAX : static_cast<size_t>(by_count);
    group.tolerated_by_percentage = by_percentage < 0 ? SIZE_MAX : static_cast<size_t>(by_percentage);
  }
  int64_t failures = TRY(IntegerField(value, "failures"));
  if (failures < 0) return Invalid("'failures' must not be negative");
  group.failures = static_cast<size_t>(failures);
  if (const json::Value* failed = value.Find("failed"); failed != nullptr) {
    const json::Value* error = failed->is_object() ? failed->Find("Error") : nullptr;
    if (error == nullptr || !error->is_string()) return Invalid("'failed' must name an Error");
    group.failed = true;
    group.error = std::string(error->as_string());
    if (const json::Value* cause = failed->Find("Cause"); cause != nullptr && cause->is_string()) {
      group.cause = std::string(cause->as_string());
      group.has_cause = true;
    }
  }
  const json::Value* ended = value.Find("ended");
  const json::Value* running = value.Find("running");
  if (ended == nullptr || !ended->is_array() || running == nullptr || !running->is_array()) {
    return Invalid("a group needs 'ended' and 'running' arrays");
  }
  for (const json::Value& entry : ended->items()) {
    size_t index = TRY(ChildIndex(entry, count));
    group.ended.emplace_back(index, entry.items()[1]);
  }
  for (const json::Value& entry : running->items()) {
    size_t index = TRY(ChildIndex(entry, count));
    const asl::StateMachine* machine = ChildMachine(state, index);
    if (machine == nullptr) return Invalid("the state has no child " + std::to_string(index));
    group.running.emplace_back(index, TRY(CheckpointFromJson(entry.items()[1], *machine)));
  }
  if (const json::Value* tolerated = value.Find("tolerated"); tolerated != nullptr) {
    if (!tolerated->is_array()) return Invalid("'tolerated' must be an array");
    for (const json::Value& index : tolerated->items()) {
      if (!index.is_int() || index.as_int() < 0) return Invalid("'tolerated' must hold indices");
      group.tolerated.push_back(static_cast<size_t>(index.as_int()));
    }
  }
  const json::Value* redrive = value.Find("redrive");
  group.redrive = redrive != nullptr && redrive->is_bool() && redrive->as_bool();
  return group;
}

}  // namespace

json::Value CheckpointToJson(const FrameCheckpoint& checkpoint, const asl::StateMachine& machine) {
  std::vector<json::Value> counts;
  counts.reserve(checkpoint.retry_counts.size());
  for (int64_t count : checkpoint.retry_counts) counts.push_back(json::Value::Int(count));
  const char* phase = "entered";
  if (checkpoint.phase == FrameCheckpoint::Phase::kTaskStarted) phase = "taskStarted";
  bool group = checkpoint.phase == FrameCheckpoint::Phase::kGroup && checkpoint.group != nullptr;
  if (group) phase = "group";
  std::vector<json::Member> members;
  members.emplace_back("phase", json::Value::String(phase));
  members.emplace_back("state", json::Value::String(machine.states[checkpoint.state].name));
  members.emplace_back("input", checkpoint.input);
  members.emplace_back("variables", checkpoint.variables);
  members.emplace_back("lastEvent", json::Value::Int(checkpoint.last_event));
  members.emplace_back("enteredEvent", json::Value::Int(checkpoint.entered_event));
  members.emplace_back("enteredMs", json::Value::Int(checkpoint.entered_ms));
  members.emplace_back("retries", json::Value::Int(checkpoint.retries));
  members.emplace_back("retryCounts", json::Value::Array(std::move(counts)));
  members.emplace_back("taskToken", json::Value::String(checkpoint.task_token));
  if (group) {
    members.emplace_back("group", GroupToJson(*checkpoint.group, machine.states[checkpoint.state]));
  }
  return json::Value::Object(std::move(members));
}

Result<FrameCheckpoint> CheckpointFromJson(const json::Value& value,
                                           const asl::StateMachine& machine) {
  if (!value.is_object()) return Invalid("a checkpoint must be an object");
  FrameCheckpoint checkpoint;
  const json::Value* phase = value.Find("phase");
  if (phase == nullptr || !phase->is_string()) return Invalid("'phase' must be a string");
  if (phase->as_string() == "taskStarted") {
    checkpoint.phase = FrameCheckpoint::Phase::kTaskStarted;
  } else if (phase->as_string() == "group") {
    checkpoint.phase = FrameCheckpoint::Phase::kGroup;
  } else if (phase->as_string() != "entered") {
    return Invalid("unknown phase '" + std::string(phase->as_string()) + "'");
  }
  const json::Value* state = value.Find("state");
  if (state == nullptr || !state->is_string()) return Invalid("'state' must be a string");
  auto index = machine.index_by_name.find(state->as_string());
  if (index == machine.index_by_name.end()) {
    return Invalid("the state machine has no state '" + std::string(state->as_string()) + "'");
  }
  checkpoint.state = index->second;
  const json::Value* input = value.Find("input");
  if (input == nullptr) return Invalid("'input' is missing");
  checkpoint.input = *input;
  const json::Value* variables = value.Find("variables");
  if (variables != nullptr && variables->is_object()) checkpoint.variables = *variables;
  checkpoint.last_event = TRY(IntegerField(value, "lastEvent"));
  checkpoint.entered_event = TRY(IntegerField(value, "enteredEvent"));
  checkpoint.entered_ms = TRY(IntegerField(value, "enteredMs"));
  checkpoint.retries = TRY(IntegerField(value, "retries"));
  const json::Value* counts = value.Find("retryCounts");
  if (counts == nullptr || !counts->is_array()) return Invalid("'retryCounts' must be an array");
  for (const json::Value& count : counts->items()) {
    if (!count.is_int()) return Invalid("'retryCounts' must hold integers");
    checkpoint.retry_counts.push_back(count.as_int());
  }
  const asl::State& at = machine.states[checkpoint.state];
  if (checkpoint.retry_counts.size() != at.retry.size()) {
    return Invalid("'retryCounts' does not match the state's retriers");
  }
  const json::Value* token = value.Find("taskToken");
  if (token != nullptr && token->is_string()) checkpoint.task_token = std::string(token->as_string());
  if (checkpoint.phase == FrameCheckpoint::Phase::kGroup) {
    if (at.type != asl::StateType::kParallel && at.type != asl::StateType::kMap) {
      return Invalid("a group checkpoint must stand in a Parallel or Map state");
    }
    const json::Value* group = value.Find("group");
    if (group == nullptr) return Invalid("'group' is missing");
    checkpoint.group = std::make_shared<const GroupCheckpoint>(TRY(GroupFromJson(*group, at)));
  }
  return checkpoint;
}

}  // namespace stepwise::engine
