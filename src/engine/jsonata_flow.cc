#include "engine/jsonata_flow.h"

#include <cmath>

#include "engine/execution.h"
#include "engine/interpreter.h"

namespace stepwise::engine {

const jsonata::EvalLimits& JsonataLimits() {
  // The library's defaults: 1000 levels of evaluation, 4 MiB of native stack (the engine's
  // threads have 8 MiB), and a 10-second budget per expression.
  static const jsonata::EvalLimits limits;
  return limits;
}

JsonataEnvironment::JsonataEnvironment(Frame& frame, const asl::State& state,
                                       const json::Value& input, const json::Value* map_item,
                                       int64_t map_index)
    : JsonataEnvironment(*frame.execution, state, frame.scope, frame.entered_ms, frame.retries,
                         input, map_item, map_index) {
  if (!frame.task_token.empty()) {
    // A callback task's token: $states.context.Task.Token.
    context_ = frame.execution->ContextFor(state, frame.entered_ms, frame.retries, map_item,
                                           map_index, &frame.task_token);
    Rebind();
  }
}

JsonataEnvironment::JsonataEnvironment(Execution& execution, const asl::State& state,
                                       const Scope* scope, int64_t entered_ms, int64_t retries,
                                       const json::Value& input, const json::Value* map_item,
                                       int64_t map_index)
    : input_(input) {
  context_ = execution.ContextFor(state, entered_ms, retries, map_item, map_index);
  bindings_.set_parent(&execution.jsonata_functions());
  // $now() and $millis() read the engine's clock, so that simulated time is seen too.
  bindings_.set_now_millis(execution.NowMillis());
  bindings_.set_variable_resolver(
      [scope](std::string_view name) -> const json::Value* {
        return scope != nullptr ? scope->Find(name) : nullptr;
      });
  Rebind();
}

void JsonataEnvironment::SetResult(const json::Value& result) {
  result_ = result;
  Rebind();
}

void JsonataEnvironment::SetErrorOutput(const json::Value& error_output) {
  error_output_ = error_output;
  Rebind();
}

void JsonataEnvironment::Rebind() {
  std::vector<json::Member> members;
  members.emplace_back("input", input_);
  members.emplace_back("context", context_);
  if (result_) members.emplace_back("result", *result_);
  if (error_output_) members.emplace_back("errorOutput", *error_output_);
  bindings_.Bind("states", json::Value::Object(std::move(members)));
}

Result<json::Value> JsonataEnvironment::Evaluate(const asl::JsonataTemplate& field,
                                                 asl::JsonataFailure* failure) const {
  return field.Evaluate(bindings_, JsonataLimits(), failure);
}

Result<json::Value> JsonataEnvironment::Evaluate(const asl::JsonataExpression& expression,
                                                 const std::string& field) const {
  return asl::EvaluateJsonataExpression(expression, field, bindings_, JsonataLimits());
}

Result<std::optional<double>> JsonataNumber(const asl::DynamicNumber& number,
                                            const JsonataEnvironment& environment,
                                            const std::string& field, bool integral,
                                            asl::JsonataFailure* failure) {
  if (number.value) return std::optional<double>(*number.value);
  if (!number.jsonata) return std::optional<double>();
  failure->location = field;
  json::Value value = TRY(environment.Evaluate(*number.jsonata, field));
  bool ok = value.is_number() &&
            (!integral || std::floor(value.as_number()) == value.as_number());
  if (!ok) {
    return asl::UnexpectedJsonataType(*number.jsonata, field, integral ? "integer" : "number",
                                      value);
  }
  failure->location.clear();
  return std::optional<double>(value.as_number());
}

StateError QueryFailure(Frame& frame, const asl::State& state, const Error& error,
                        const asl::JsonataFailure& failure) {
  StateError failed = StateFailure(frame, state, error);
  frame.last_event = RecordFor(frame, EventType::kEvaluationFailed, frame.last_event,
                               [&](HistoryEvent& event) {
                                 event.name = &state.name;
                                 auto details = new EventDetails;
                                 details->error = failed.error;
                                 details->cause = failed.cause;
                                 details->location = failure.location;
                                 event.details = EventDetailsPtr(details);
                               });
  return failed;
}

}  // namespace stepwise::engine
