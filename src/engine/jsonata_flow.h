#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "asl/jsonata_template.h"
#include "asl/model.h"
#include "common/result.h"
#include "engine/frame.h"
#include "jsonata/evaluate.h"
#include "json/value.h"

// The JSONata data flow of a state: what its expressions see and how their failures become
// States.QueryEvaluationError. Internal to src/engine.
// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
namespace stepwise::engine {

class Execution;

// The bounds every JSONata evaluation of an execution runs under: a hostile expression (deep
// recursion, an endless loop) fails the state with States.QueryEvaluationError instead of
// crashing or hanging the engine.
const jsonata::EvalLimits& JsonataLimits();

// What the expressions of the current state of a frame evaluate with: the reserved variable
// $states (input, context, and result or errorOutput once set), the workflow variables the
// frame sees (as they were when the state started: Assign and Output of one state do not see
// each other's assignments), and the functions Step Functions adds.
// https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
//
// Lives on the evaluating thread's stack while the frame's variables do not change.
class JsonataEnvironment {
 public:
  // input: $states.input (the state's raw input). map_item / map_index: an ItemSelector's
  // $states.context.Map.Item.
  JsonataEnvironment(Frame& frame, const asl::State& state, const json::Value& input,
                     const json::Value* map_item = nullptr, int64_t map_index = 0);
  // For a Map's ItemSelector, evaluated for an iteration: the Map state's execution, variables,
  // entry time and retries.
  JsonataEnvironment(Execution& execution, const asl::State& state, const Scope* scope,
                     int64_t entered_ms, int64_t retries, const json::Value& input,
                     const json::Value* map_item, int64_t map_index);
  JsonataEnvironment(const JsonataEnvironment&) = delete;
  JsonataEnvironment& operator=(const JsonataEnvironment&) = delete;

  // $states.result (a Task, Parallel or Map state's result) and $states.errorOutput (in a
  // Catch).
  void SetResult(const json::Value& result);
  void SetErrorOutput(const json::Value& error_output);

  const json::Value& input() const { return input_; }

  // Fills a template in (States.QueryEvaluationError on failure, *failure the location).
  Result<json::Value> Evaluate(const asl::JsonataTemplate& field,
                               asl::JsonataFailure* failure) const;
  // Evaluates one expression of field.
  Result<json::Value> Evaluate(const asl::JsonataExpression& expression,
                               const std::string& field) const;

 private:
  void Rebind();

  json::Value input_;
  json::Value context_;
  std::optional<json::Value> result_;
  std::optional<json::Value> error_output_;
  jsonata::Bindings bindings_;
};

// A number field of a JSONata state (TimeoutSeconds, MaxConcurrency, ...): its literal value, or
// its expression's result, which must be a number (an integer when integral). nullopt when the
// field is absent.
Result<std::optional<double>> JsonataNumber(const asl::DynamicNumber& number,
                                            const JsonataEnvironment& environment,
                                            const std::string& field, bool integral,
                                            asl::JsonataFailure* failure);

// A JSONata evaluation failure of the current state: records EvaluationFailed (with the field's
// location when there is one) and returns the error Retry and Catch see, its cause prefixed as
// AWS prefixes runtime errors.
StateError QueryFailure(Frame& frame, const asl::State& state, const Error& error,
                        const asl::JsonataFailure& failure);

}  // namespace stepwise::engine
