#include "api/isolated_state.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <set>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "api/errors.h"
#include "asl/diagnostic.h"
#include "asl/intrinsics/intrinsic_call.h"
#include "asl/load.h"
#include "asl/model.h"
#include "asl/resource.h"
#include "asl/timestamp.h"
#include "common/error_name.h"
#include "common/uuid.h"
#include "engine/data_flow.h"
#include "engine/history.h"
#include "engine/run.h"
#include "json/write.h"
#include "jsonpath/context_object.h"

namespace stepwise::api {
namespace {

// The machine the state runs in, as $$.StateMachine names it.
constexpr std::string_view kMachineName = "TestState";

// Names for the states put around the tested one: a Succeed placeholder for every state it
// transitions to (so that a Next naming the state itself does not run it again), and the Pass
// state that sets the variables. None collides with the tested state's name.
class Placeholders {
 public:
  explicit Placeholders(const std::string& tested) : used_{tested} {}

  // The placeholder standing for `target`, the same one for every mention of it.
  std::string For(const std::string& target) {
    for (const auto& [original, placeholder] : pairs_) {
      if (original == target) return placeholder;
    }
    pairs_.emplace_back(target, Fresh("Next state"));
    return pairs_.back().second;
  }

  // The target a placeholder stands for; nullopt for any other name.
  std::optional<std::string> TargetOf(std::string_view name) const {
    for (const auto& [original, placeholder] : pairs_) {
      if (placeholder == name) return original;
    }
    return std::nullopt;
  }

  // A name used by no state yet.
  std::string Fresh(const std::string& base) {
    std::string name = base;
    for (int n = 2; used_.contains(name); ++n) name = base + " " + std::to_string(n);
    used_.insert(name);
    return name;
  }

 private:
  std::set<std::string> used_;
  std::vector<std::pair<std::string, std::string>> pairs_;
};

enum class ErrorHandling {
  kKeep,    // Retry and Catch as written (the state as validated)
  kDisarm,  // no Catch, and retriers with MaxAttempts 0 (the state as run)
};

void AddOnce(std::vector<std::string>& names, const std::string& name) {
  if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
}

// The state as the machine around it holds it: every transition renamed to its placeholder
// (appended to *referenced), QueryLanguage explicit when the machine's was JSONata (the
// surrounding machine is JSONPath), and Retry and Catch as `handling` says. Members of the wrong
// shape are kept as they are, for validation to report.
json::Value Rewrite(const json::Value& state, Placeholders& placeholders, ErrorHandling handling,
                    bool jsonata_machine, std::vector<std::string>* referenced) {
  auto rename = [&](const json::Value& target) {
    if (!target.is_string()) return target;
    std::string placeholder = placeholders.For(std::string(target.as_string()));
    AddOnce(*referenced, placeholder);
    return json::Value::String(placeholder);
  };
  // Each element of a list of objects with their "Next" renamed (Choices, Catch).
  auto rename_each = [&](const json::Value& list) {
    if (!list.is_array()) return list;
    std::vector<json::Value> items;
    for (const json::Value& item : list.items()) {
      const json::Value* next = item.Find("Next");
      items.push_back(next != nullptr ? item.With("Next", rename(*next)) : item);
    }
    return json::Value::Array(std::move(items));
  };
  std::vector<json::Member> members;
  for (const json::Member& m : state.members()) {
    std::string_view name = m.name();
    if (name == "Next" || name == "Default") {
      members.emplace_back(name, rename(m.value));
    } else if (name == "Choices") {
      members.emplace_back(name, rename_each(m.value));
    } else if (name == "Catch") {
      if (handling == ErrorHandling::kKeep) members.emplace_back(name, rename_each(m.value));
    } else if (name == "Retry" && handling == ErrorHandling::kDisarm && m.value.is_array()) {
      std::vector<json::Value> retriers;
      for (const json::Value& retrier : m.value.items()) {
        retriers.push_back(retrier.is_object() ? retrier.With("MaxAttempts", json::Value::Int(0))
                                               : retrier);
      }
      members.emplace_back(name, json::Value::Array(std::move(retriers)));
    } else {
      members.emplace_back(m.key, m.value);
    }
  }
  if (jsonata_machine && state.Find("QueryLanguage") == nullptr) {
    members.emplace_back("QueryLanguage", json::Value::String("JSONata"));
  }
  return json::Value::Object(std::move(members));
}

// A Pass state that sets the variables and passes its input on: the values are its Result (a
// literal, so that nothing in them is read as a path), and Assign picks them out of it.
json::Value VariablesState(const json::Value& variables, const std::string& next) {
  std::vector<json::Value> values;
  std::vector<json::Member> assign;
  for (const json::Member& m : variables.members()) {
    assign.emplace_back(std::string(m.name()) + ".$",
                        json::Value::String("$[" + std::to_string(values.size()) + "]"));
    values.push_back(m.value);
  }
  return json::Value::Object({{"Type", json::Value::String("Pass")},
                              {"Result", json::Value::Array(std::move(values))},
                              {"Assign", json::Value::Object(std::move(assign))},
                              {"ResultPath", json::Value::Null()},
                              {"Next", json::Value::String(next)}});
}

asl::LoadResult LoadMachine(const std::string& start, std::vector<json::Member> states) {
  json::Value machine = json::Value::Object({{"StartAt", json::Value::String(start)},
                                             {"States", json::Value::Object(std::move(states))}});
  return asl::LoadDefinition(json::Write(machine));
}

json::Value SucceedState() {
  return json::Value::Object({{"Type", json::Value::String("Succeed")}});
}

Error Validation(std::string message) {
  return ApiError("ValidationException", std::move(message));
}

// What TestState runs, as AWS documents it: Map and Parallel states, Activity tasks and the .sync
// and .waitForTaskToken patterns only with a mock (which Stepwise provides for Task states only),
// and a Task without a mock only with a role to run it.
Result<void> CheckSupported(const asl::State& state, const IsolatedStateRun& run) {
  if (state.type == asl::StateType::kMap || state.type == asl::StateType::kParallel) {
    return Validation("Stepwise's TestState does not run " +
                      std::string(asl::StateTypeName(state.type)) + " states");
  }
  if (state.type != asl::StateType::kTask) {
    if (run.mock) return Validation("A mock can only be specified when testing a Task state");
    return Ok();
  }
  if (run.mock) return Ok();
  const std::string& resource = asl::FieldsOf<asl::TaskFields>(state).resource;
  if (asl::IsActivityArn(resource) || resource.ends_with(".waitForTaskToken") ||
      resource.ends_with(".sync") || resource.find(".sync:") != std::string::npos) {
    return Validation(
        "TestState supports Activity tasks and the .sync and .waitForTaskToken service "
        "integration patterns only when a mock is specified");
  }
  if (run.role_arn.empty()) {
    return Validation("RoleArn must be specified when testing a Task state");
  }
  return Ok();
}

// A Task's outcome given in the request, in place of its resource's.
class MockInvoker final : public engine::TaskInvoker {
 public:
  explicit MockInvoker(engine::TaskOutcome outcome) : outcome_(std::move(outcome)) {}
  void Invoke(const engine::TaskRequest&, engine::TaskCompletion complete) override {
    complete(outcome_);
  }
  std::optional<engine::TaskOutcome> InvokeNow(const engine::TaskRequest&) override {
    return outcome_;
  }

 private:
  const engine::TaskOutcome outcome_;
};

// What the history says about the tested state.
struct StateEvents {
  bool entered = false;
  int64_t entered_id = 0;
  int64_t entered_ms = 0;
  std::optional<json::Value> output;        // its Exited event's
  json::Value assigned;                     // the variables it assigned (an object), or null
  std::optional<json::Value> task_input;    // a Task's effective input (Scheduled)
  std::optional<json::Value> task_result;   // a Task's result (Succeeded)
  std::optional<std::string> entered_next;  // the state entered after it
};

StateEvents ReadEvents(const engine::History& history, const std::string& name) {
  StateEvents found;
  bool exited = false;
  for (const engine::HistoryEvent& event : history.Snapshot()) {
    std::string_view type = engine::EventTypeName(event.type);
    bool named = event.name != nullptr && *event.name == name;
    if (!found.entered) {
      if (named && type.ends_with("StateEntered")) {
        found.entered = true;
        found.entered_id = event.id;
        found.entered_ms = event.timestamp_ms;
      }
    } else if (!exited) {
      switch (event.type) {
        case engine::EventType::kTaskScheduled:
        case engine::EventType::kLambdaFunctionScheduled:
        case engine::EventType::kActivityScheduled:
          found.task_input = event.data;
          break;
        case engine::EventType::kTaskSucceeded:
        case engine::EventType::kLambdaFunctionSucceeded:
        case engine::EventType::kActivitySucceeded:
          found.task_result = event.data;
          break;
        default:
          if (named && type.ends_with("StateExited")) {
            exited = true;
            found.output = event.data;
            if (event.details != nullptr) found.assigned = event.details->assigned;
          }
      }
    } else if (type.ends_with("StateEntered") && event.name != nullptr) {
      found.entered_next = *event.name;
      break;
    }
  }
  return found;
}

// The variables of a JSON object, for paths that read `$name`.
class ObjectVariables final : public jsonpath::VariableLookup {
 public:
  explicit ObjectVariables(const json::Value& variables) : variables_(variables) {}
  const json::Value* Find(std::string_view name) const override {
    return variables_.is_object() ? variables_.Find(name) : nullptr;
  }

 private:
  const json::Value& variables_;
};

std::string FormatMillis(int64_t ms) {
  return asl::FormatTimestamp({ms / 1000, static_cast<int32_t>(ms % 1000) * 1000000});
}

// Everything the state's paths evaluate against, as the engine had it when the state ran.
class StateRoots {
 public:
  StateRoots(const StateRoots&) = delete;
  StateRoots& operator=(const StateRoots&) = delete;
  StateRoots(const asl::State& state, const IsolatedStateRun& run,
             const engine::ExecutionIdentity& identity, const engine::RunResult& result,
             int64_t entered_ms)
      : variables_(run.variables) {
    roots_.variables = &variables_;
    if (!state.reads_context) return;
    // As engine::Execution::ContextFor builds it for this run: an Express execution started
    // synchronously (no RedriveCount), on the state's first attempt.
    jsonpath::ContextObject object;
    object.execution.id = result.execution_arn;
    object.execution.input = run.input;
    object.execution.name = identity.execution_name;
    object.execution.role_arn = identity.role_arn;
    object.execution.start_time = FormatMillis(result.start_ms);
    object.execution.redrive_count.reset();
    object.state.name = state.name;
    object.state.entered_time = FormatMillis(entered_ms);
    if (!state.retry.empty()) object.state.retry_count = 0;
    object.state_machine.id = identity.state_machine_arn;
    object.state_machine.name = identity.state_machine_name;
    context_ = object.ToValue();
    roots_.context = &context_;
  }

  // The roots with `$` as input.
  jsonpath::Roots At(const json::Value& input) const {
    jsonpath::Roots roots = roots_;
    roots.input = &input;
    return roots;
  }

 private:
  ObjectVariables variables_;
  json::Value context_;
  jsonpath::Roots roots_;
};

// InspectionData's data-flow members for a JSONPath state, step by step as the state applies
// them (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-input-output-filtering.html),
// up to the step that failed. A Task's effective input and result are the run's own (from its
// history); the other steps are applied again here, with the engine's data-flow functions. The
// members present follow AWS's responses: a Pass with Result shows result, afterResultSelector
// and afterResultPath; any other Pass afterInputPath, afterParameters, afterResultSelector and
// afterResultPath; a Task all six; Choice, Wait, Succeed and Fail afterInputPath.
void AddDataFlow(const asl::State& state, const IsolatedStateRun& run, const StateRoots& roots,
                 const StateEvents& events, std::vector<json::Member>& members) {
  auto add = [&](std::string_view name, const json::Value& value) {
    members.emplace_back(name, json::Value::String(json::Write(value)));
  };
  if (state.query_language == asl::QueryLanguage::kJsonata) return;
  asl::IntrinsicContext intrinsics;
  const json::Value& input = run.input;
  auto after_result = [&](const json::Value& result) {
    json::Value selected = result;
    if (state.result_selector) {
      Result<json::Value> applied = state.result_selector->Evaluate(roots.At(result), intrinsics);
      if (!applied.ok()) return;
      selected = applied.release_value();
    }
    add("afterResultSelector", selected);
    Result<json::Value> placed = engine::ApplyResultPath(state.result_path, input, selected);
    if (placed.ok()) add("afterResultPath", placed.value());
  };

  if (state.type == asl::StateType::kPass) {
    if (const auto& result = asl::FieldsOf<asl::PassFields>(state).result) {
      add("result", *result);
      after_result(*result);
      return;
    }
  }
  Result<json::Value> effective =
      engine::ApplyInputOrOutputPath(state.input_path, input, roots.At(input));
  if (!effective.ok()) return;
  add("afterInputPath", effective.value());
  if (state.type != asl::StateType::kPass && state.type != asl::StateType::kTask) return;

  json::Value parameters = effective.value();
  if (events.task_input) {
    parameters = *events.task_input;
  } else if (state.parameters) {
    Result<json::Value> filled =
        state.parameters->Evaluate(roots.At(effective.value()), intrinsics);
    if (!filled.ok()) return;
    parameters = filled.release_value();
  }
  add("afterParameters", parameters);
  if (state.type == asl::StateType::kPass) {
    after_result(parameters);
    return;
  }
  if (!events.task_result) return;  // the task failed (or never ran)
  add("result", *events.task_result);
  after_result(*events.task_result);
}

// The object with `changes`' members set in it (either may be null).
json::Value Merged(const json::Value& base, const json::Value& changes) {
  json::Value merged = base.is_object() ? base : json::Value::EmptyObject();
  if (changes.is_object()) {
    for (const json::Member& m : changes.members()) merged = merged.With(m.name(), m.value);
  }
  return merged;
}

// The index of the first Retry or Catch element whose ErrorEquals matches error, or -1.
template <typename Handlers>
int FirstMatching(const Handlers& handlers, const std::string& error) {
  for (size_t i = 0; i < handlers.size(); ++i) {
    const auto& names = handlers[i].error_equals;
    if (std::any_of(names.begin(), names.end(), [&](const std::string& pattern) {
          return ErrorEqualsMatches(pattern, error);
        })) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

// ASL "Retrying after error": the delay before the retry after `attempts` earlier ones, in whole
// seconds (jitter aside).
int64_t BackoffSeconds(const asl::Retrier& retrier, int64_t attempts) {
  double seconds = static_cast<double>(retrier.interval_seconds) *
                   std::pow(retrier.backoff_rate, static_cast<double>(attempts));
  if (retrier.max_delay_seconds) {
    seconds = std::min(seconds, static_cast<double>(*retrier.max_delay_seconds));
  }
  return static_cast<int64_t>(std::min(seconds, 99999999.0));
}

// A state's error, as the engine raises it.
struct StateFailure {
  std::string error;
  std::string cause;
  bool has_error = false;
  bool has_cause = false;
};

// The engine's cause for a runtime error of the state (interpreter.cc, StateFailure).
StateFailure RuntimeFailure(const Error& error, const std::string& state_name, int64_t entered_id) {
  if (error.name() == "States.DataLimitExceeded") {
    return {error.name(), error.message(), true, true};
  }
  return {error.name(),
          "An error occurred while executing the state '" + state_name +
              "' (entered at the event id #" + std::to_string(entered_id) + "). " + error.message(),
          true, true};
}

// ASL "Fallback states": the catcher's output (the error output placed by its ResultPath) and the
// variables its Assign sets; as the engine's HandleError does.
struct Caught {
  json::Value output;
  json::Value assigned;
};
std::variant<Caught, StateFailure> ApplyCatcher(const asl::Catcher& catcher,
                                                const StateFailure& failure,
                                                const IsolatedStateRun& run,
                                                const StateRoots& roots, const std::string& name,
                                                int64_t entered_id, size_t max_payload_bytes) {
  std::vector<json::Member> error_output;
  error_output.emplace_back("Error", json::Value::String(failure.error));
  if (failure.has_cause) error_output.emplace_back("Cause", json::Value::String(failure.cause));
  json::Value error_value = json::Value::Object(std::move(error_output));
  Caught caught;
  if (catcher.assign) {
    Result<json::Value> values = catcher.assign->Evaluate(roots.At(error_value), {});
    if (!values.ok()) return RuntimeFailure(values.error(), name, entered_id);
    caught.assigned = values.release_value();
  }
  Result<json::Value> placed = engine::ApplyResultPath(catcher.result_path, run.input, error_value);
  if (!placed.ok())
    return StateFailure{placed.error().name(), placed.error().message(), true, true};
  Result<void> size = engine::CheckPayloadSize(placed.value(), max_payload_bytes, name);
  if (!size.ok()) return StateFailure{size.error().name(), size.error().message(), true, true};
  caught.output = placed.release_value();
  return caught;
}

}  // namespace

Result<IsolatedStateOutcome> RunIsolatedState(const IsolatedStateRun& run,
                                              const engine::TaskRouter& router,
                                              const ServiceOptions& options,
                                              const ArnFormat& arns) {
  // The state as written, checked in a machine of its own.
  Placeholders placeholders(run.name);
  std::vector<std::string> all_targets;
  json::Value checked_state =
      Rewrite(run.state, placeholders, ErrorHandling::kKeep, run.jsonata_machine, &all_targets);
  std::vector<json::Member> checked_states;
  checked_states.emplace_back(run.name, checked_state);
  for (const std::string& placeholder : all_targets)
    checked_states.emplace_back(placeholder, SucceedState());
  asl::LoadResult checked = LoadMachine(run.name, std::move(checked_states));
  if (!checked.ok()) {
    return ApiError("InvalidDefinition", asl::InvalidDefinitionMessage(checked.diagnostics));
  }
  const asl::State& state = *checked.machine->Find(run.name);
  TRY(CheckSupported(state, run));

  // The state as it runs: without Catch, retriers that never retry, and the variables set first.
  std::vector<std::string> run_targets;
  json::Value run_state =
      Rewrite(run.state, placeholders, ErrorHandling::kDisarm, run.jsonata_machine, &run_targets);
  std::vector<json::Member> run_states;
  std::string start = run.name;
  if (run.variables.is_object() && run.variables.size() > 0) {
    start = placeholders.Fresh("Variables");
    run_states.emplace_back(start, VariablesState(run.variables, run.name));
  }
  run_states.emplace_back(run.name, run_state);
  for (const std::string& placeholder : run_targets)
    run_states.emplace_back(placeholder, SucceedState());
  asl::LoadResult runnable = LoadMachine(start, std::move(run_states));
  if (!runnable.ok()) {
    return ApiError("InternalFailure", "The state could not be prepared to run: " +
                                           asl::InvalidDefinitionMessage(runnable.diagnostics));
  }

  std::shared_ptr<const engine::TaskRouter> mocked;
  if (run.mock) {
    auto routes = std::make_shared<engine::TaskRouter>(router);
    routes->RouteState(run.name, std::make_shared<MockInvoker>(*run.mock));
    mocked = std::move(routes);
  }
  // AWS runs TestState as an Express execution (its $$.Execution.Id is an express ARN).
  engine::RunOptions run_options;
  run_options.identity.state_machine_name = std::string(kMachineName);
  run_options.identity.state_machine_arn = arns.StateMachine(kMachineName);
  run_options.identity.execution_name = NewUuid();
  run_options.identity.role_arn = run.role_arn;
  run_options.express = true;
  run_options.synchronous = true;
  run_options.record_history = true;
  run_options.clock = engine::ClockKind::kSimulated;
  run_options.workers = 1;
  run_options.max_payload_bytes = options.max_payload_bytes;
  engine::RunResult result = engine::RunExecution(
      runnable.machine, run.input, mocked != nullptr ? *mocked : router, run_options);
  StateEvents events = ReadEvents(*result.history, run.name);
  StateRoots roots(state, run, run_options.identity, result, events.entered_ms);

  IsolatedStateOutcome outcome;
  json::Value assigned;
  std::vector<json::Member> error_details;
  if (result.status == engine::ExecutionStatus::kSucceeded && events.output) {
    outcome.status = "SUCCEEDED";
    outcome.output = *events.output;
    if (events.entered_next) outcome.next_state = placeholders.TargetOf(*events.entered_next);
    assigned = events.assigned;
  } else {
    StateFailure failure{result.error, result.cause, result.has_error, result.has_cause};
    int retrier = FirstMatching(state.retry, failure.error);
    int catcher = FirstMatching(state.catchers, failure.error);
    if (retrier >= 0 &&
        run.retrier_retry_count < state.retry[static_cast<size_t>(retrier)].max_attempts) {
      // ASL "Retrying after error", step 1: a retrier matches and has attempts left. AWS reports
      // the state RETRIABLE instead of retrying it.
      outcome.status = "RETRIABLE";
      error_details.emplace_back(
          "retryBackoffIntervalSeconds",
          json::Value::Int(
              BackoffSeconds(state.retry[static_cast<size_t>(retrier)], run.retrier_retry_count)));
      error_details.emplace_back("retryIndex", json::Value::Int(retrier));
    } else if (catcher >= 0) {
      const asl::Catcher& handler = state.catchers[static_cast<size_t>(catcher)];
      auto caught = ApplyCatcher(handler, failure, run, roots, run.name, events.entered_id,
                                 options.max_payload_bytes);
      if (auto* ok = std::get_if<Caught>(&caught)) {
        outcome.status = "CAUGHT_ERROR";
        outcome.output = ok->output;
        outcome.next_state = placeholders.TargetOf(checked.machine->states[handler.next].name);
        assigned = ok->assigned;
        error_details.emplace_back("catchIndex", json::Value::Int(catcher));
      } else {
        outcome.status = "FAILED";
        failure = std::get<StateFailure>(caught);
      }
    } else {
      outcome.status = "FAILED";
    }
    if (failure.has_error) outcome.error = failure.error;
    if (failure.has_cause) outcome.cause = failure.cause;
  }

  if (run.level != InspectionLevel::kInfo) {
    std::vector<json::Member> inspection;
    inspection.emplace_back("input", json::Value::String(json::Write(run.input)));
    AddDataFlow(state, run, roots, events, inspection);
    json::Value variables = Merged(run.variables, assigned);
    if (variables.size() > 0) {
      inspection.emplace_back("variables", json::Value::String(json::Write(variables)));
    }
    if (!error_details.empty()) {
      inspection.emplace_back("errorDetails", json::Value::Object(std::move(error_details)));
    }
    outcome.inspection_data = json::Value::Object(std::move(inspection));
  }
  return outcome;
}

}  // namespace stepwise::api
