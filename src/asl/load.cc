#include "asl/load.h"

#include <deque>

#include "asl/checker.h"
#include "asl/internal_states.h"
#include "json/parse.h"

namespace stepwise::asl {

std::string_view StateTypeName(StateType type) {
  switch (type) {
    case StateType::kPass: return "Pass";
    case StateType::kTask: return "Task";
    case StateType::kChoice: return "Choice";
    case StateType::kWait: return "Wait";
    case StateType::kSucceed: return "Succeed";
    case StateType::kFail: return "Fail";
    case StateType::kParallel: return "Parallel";
    case StateType::kMap: return "Map";
  }
  return "";
}

const State* StateMachine::Find(std::string_view name) const {
  auto it = index_by_name.find(name);
  return it == index_by_name.end() ? nullptr : &states[it->second];
}

namespace internal {
namespace {

// AWS's quotas: a state name has at most 80 characters; machines nest at most this deep.
constexpr size_t kMaxStateNameLength = 80;
constexpr int kMaxNestingDepth = 32;

std::optional<StateType> ParseStateType(std::string_view name) {
  for (StateType t : {StateType::kPass, StateType::kTask, StateType::kChoice, StateType::kWait,
                      StateType::kSucceed, StateType::kFail, StateType::kParallel,
                      StateType::kMap}) {
    if (StateTypeName(t) == name) return t;
  }
  return std::nullopt;
}

std::optional<QueryLanguage> ParseQueryLanguage(Checker& checker, const json::Value& object,
                                                const std::string& location) {
  std::optional<std::string> text = checker.String(object, "QueryLanguage", location);
  if (!text) return std::nullopt;
  if (*text == "JSONPath") return QueryLanguage::kJsonPath;
  if (*text == "JSONata") return QueryLanguage::kJsonata;
  checker.Fail("The value for the field 'QueryLanguage' must be one of [JSONPath, JSONata]",
               location + "/QueryLanguage");
  return std::nullopt;
}

size_t CodePointCount(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

void CompileState(Checker& checker, const std::string& name, const json::Value& definition,
                  const std::string& location, State* state) {
  state->name = name;
  if (!definition.is_object()) {
    checker.Fail("The value for the state '" + name + "' must be an OBJECT", location);
    return;
  }
  state->comment = checker.String(definition, "Comment", location);
  state->query_language = checker.top_language;
  if (std::optional<QueryLanguage> language = ParseQueryLanguage(checker, definition, location)) {
    if (!checker.jsonpath_states_allowed && *language == QueryLanguage::kJsonPath) {
      checker.Fail(
          "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine",
          location);
    }
    state->query_language = *language;
  }
  const json::Value* type = definition.Find("Type");
  if (type == nullptr) {
    checker.Require(definition, {"Type"}, location);
    return;
  }
  std::optional<StateType> parsed =
      type->is_string() ? ParseStateType(type->as_string()) : std::nullopt;
  if (!parsed) {
    checker.Fail("The value for the field 'Type' must be one of [Pass, Task, Choice, Wait, "
                 "Succeed, Fail, Parallel, Map]",
                 location + "/Type");
    return;
  }
  state->type = *parsed;
  switch (*parsed) {
    case StateType::kPass: CompilePass(checker, definition, location, state); break;
    case StateType::kTask: CompileTask(checker, definition, location, state); break;
    case StateType::kChoice: CompileChoice(checker, definition, location, state); break;
    case StateType::kWait: CompileWait(checker, definition, location, state); break;
    case StateType::kSucceed: CompileSucceed(checker, definition, location, state); break;
    case StateType::kFail: CompileFail(checker, definition, location, state); break;
    case StateType::kParallel: CompileParallel(checker, definition, location, state); break;
    case StateType::kMap: CompileMap(checker, definition, location, state); break;
  }
}

// The states a state can move to: Next, Choice targets and Default, Catch targets.
std::vector<StateIndex> Successors(const State& state) {
  std::vector<StateIndex> out;
  if (state.next != kNoState) out.push_back(state.next);
  if (const auto* choice = std::get_if<ChoiceFields>(&state.fields)) {
    for (const ChoiceRule& rule : choice->choices) out.push_back(rule.next);
    out.push_back(choice->default_state);
  }
  for (const Catcher& catcher : state.catchers) out.push_back(catcher.next);
  return out;
}

bool IsTerminal(const State& state) {
  return state.end || state.type == StateType::kSucceed || state.type == StateType::kFail;
}

// ASL: every state must be reachable from StartAt, and a machine needs a terminal state.
void CheckGraph(Checker& checker, const StateMachine& machine, const std::string& location) {
  if (machine.states.empty()) return;
  std::vector<bool> reached(machine.states.size(), false);
  std::deque<StateIndex> queue{machine.start_at};
  reached[machine.start_at] = true;
  while (!queue.empty()) {
    StateIndex at = queue.front();
    queue.pop_front();
    for (StateIndex next : Successors(machine.states[at])) {
      if (next != kNoState && next < reached.size() && !reached[next]) {
        reached[next] = true;
        queue.push_back(next);
      }
    }
  }
  bool any_terminal = false;
  for (size_t i = 0; i < machine.states.size(); ++i) {
    const State& state = machine.states[i];
    any_terminal = any_terminal || IsTerminal(state);
    if (!reached[i]) {
      checker.Fail("State '" + state.name + "' is not reachable",
                   location + "/States/" + state.name);
    }
  }
  if (!any_terminal) {
    checker.Fail(kMissingEndState, "Workflow has no terminal state", location + "/States");
  }
}

}  // namespace

std::shared_ptr<const StateMachine> CompileMachine(Checker& checker, const json::Value& definition,
                                                   const std::string& location, MachineKind kind) {
  std::string where = location.empty() ? "/" : location;
  if (!definition.is_object()) {
    checker.Fail("The value must be an OBJECT", where);
    return nullptr;
  }
  if (checker.depth() >= kMaxNestingDepth) {
    checker.Fail(kTooDeeplyNested, "The states are nested more than " +
                                       std::to_string(kMaxNestingDepth) + " levels deep",
                 where);
    return nullptr;
  }
  checker.Enter();
  auto machine = std::make_shared<StateMachine>();
  std::set<std::string_view> allowed = {"StartAt", "States", "Comment"};
  if (kind == MachineKind::kTopLevel) {
    allowed.insert({"Version", "TimeoutSeconds", "QueryLanguage"});
  } else if (kind == MachineKind::kItemProcessor) {
    allowed.insert("ProcessorConfig");
  }
  checker.CheckFields(definition, allowed, location);
  checker.Require(definition, {"StartAt", "States"}, location);
  machine->comment = checker.String(definition, "Comment", location);
  if (kind == MachineKind::kTopLevel) {
    machine->version = checker.String(definition, "Version", location);
    machine->timeout_seconds =
        checker.Integer(definition, "TimeoutSeconds", location, 1, kMaxSeconds);
    if (auto language = ParseQueryLanguage(checker, definition, location)) {
      machine->query_language = *language;
      checker.top_language = *language;
      checker.jsonpath_states_allowed = *language != QueryLanguage::kJsonata;
    }
  }

  const json::Value* states = definition.Find("States");
  if (states != nullptr && !states->is_object()) {
    checker.Fail("The value for the field 'States' must be an OBJECT", location + "/States");
    states = nullptr;
  }
  if (states != nullptr && states->size() == 0) {
    checker.Fail("The field 'States' must have at least one state", location + "/States");
  }
  // Names first, so that transitions resolve whatever the order of the states.
  if (states != nullptr) {
    for (const json::Member& m : states->members()) {
      std::string name(m.name());
      std::string state_location = location + "/States/" + name;
      if (CodePointCount(name) > kMaxStateNameLength || name.empty()) {
        checker.Fail(kInvalidStateName,
                     "State names must be 1 to " + std::to_string(kMaxStateNameLength) +
                         " characters long",
                     state_location);
      }
      checker.ClaimStateName(name, state_location);
      machine->index_by_name.emplace(name, static_cast<StateIndex>(machine->states.size()));
      machine->states.emplace_back();
    }
  }
  checker.PushScope(&machine->index_by_name);
  if (states != nullptr) {
    size_t i = 0;
    for (const json::Member& m : states->members()) {
      std::string name(m.name());
      CompileState(checker, name, m.value, location + "/States/" + name, &machine->states[i++]);
    }
  }
  bool start_ok = false;
  if (const json::Value* start = definition.Find("StartAt")) {
    if (!start->is_string()) {
      checker.Fail("The value for the field 'StartAt' must be a STRING", location + "/StartAt");
    } else if (states != nullptr) {
      auto it = machine->index_by_name.find(start->as_string());
      if (it == machine->index_by_name.end()) {
        checker.Fail(kMissingTransitionTarget,
                     "Missing 'StartAt' target: " + std::string(start->as_string()),
                     location + "/StartAt");
      } else {
        machine->start_at = it->second;
        start_ok = true;
      }
    }
  }
  checker.PopScope();
  if (start_ok) CheckGraph(checker, *machine, location);
  checker.Leave();
  return machine;
}

}  // namespace internal

namespace {

// Jackson's "at [Source: ...; line: L, column: C]" suffix, which AWS's JSON diagnostics carry.
std::string JacksonLocation(std::string_view text, const json::ParseErrorDetail& detail) {
  constexpr size_t kMaxSource = 500;
  std::string source(text.substr(0, kMaxSource));
  if (text.size() > kMaxSource) {
    source += "\"[truncated " + std::to_string(text.size() - kMaxSource) + " chars]";
  } else {
    source += "\"";
  }
  return "[Source: (String)\"" + source + "; line: " + std::to_string(detail.line) +
         ", column: " + std::to_string(detail.column) + "]";
}

}  // namespace

LoadResult LoadDefinition(std::string_view text, const LoadOptions& options) {
  LoadResult result;
  internal::Checker checker(options);
  bool blank = text.find_first_not_of(" \t\r\n") == std::string_view::npos;
  if (blank) {
    checker.Fail("Definition must be a valid JSON object", "");
    result.diagnostics = std::move(checker.diagnostics());
    return result;
  }
  json::ParseErrorDetail detail;
  Result<json::Value> parsed =
      json::Parse(text, {.repeated_keys = json::RepeatedKeys::kError}, &detail);
  if (!parsed.ok()) {
    std::string location = JacksonLocation(text, detail);
    checker.Fail(kInvalidJsonDescription, detail.what + "\n at " + location, location);
    result.diagnostics = std::move(checker.diagnostics());
    return result;
  }
  const json::Value& root = parsed.value();
  if (!root.is_object()) {
    checker.Fail("Definition must be a valid JSON object", "");
    result.diagnostics = std::move(checker.diagnostics());
    return result;
  }
  std::shared_ptr<const StateMachine> machine =
      internal::CompileMachine(checker, root, "", internal::MachineKind::kTopLevel);
  result.diagnostics = std::move(checker.diagnostics());
  if (!HasErrors(result.diagnostics)) result.machine = std::move(machine);
  return result;
}

}  // namespace stepwise::asl
