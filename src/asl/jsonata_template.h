#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "json/value.h"
#include "jsonata/evaluate.h"
#include "jsonata/parser.h"

namespace stepwise::asl {

// The name of the error every JSONata evaluation problem of a state raises.
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
inline constexpr std::string_view kQueryEvaluationError = "States.QueryEvaluationError";

// One "{% ... %}" expression of a definition, parsed once: its text (as AWS's messages quote it)
// and the compiled expression, which copies share.
struct JsonataExpression {
  std::string text;
  jsonata::Expression expression;
};

// Where a JSONata evaluation failed: AWS's field location ("Output/result", "Items"), recorded in
// the EvaluationFailed event. Empty when the failure is not tied to one expression.
struct JsonataFailure {
  std::string location;
};

// The value of a JSONata state's field (Arguments, Output, Assign, Items, ItemSelector, ...) as
// written, compiled once: a "{% ... %}" string anywhere in it is an expression whose result
// replaces it; every other value is copied as written. Parts with no expression below them are
// one literal value, so evaluating them costs a reference-count increment.
// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
//
// Thread safety: immutable after construction. Intentionally copyable (copies share the tree).
class JsonataTemplate {
 public:
  struct Node;

  // A template of a literal value (no expression anywhere).
  static JsonataTemplate Literal(json::Value value, std::string field);
  // The template of value, written at field ("Output", "Arguments"), whose expressions the
  // caller has already parsed: compile(text, location) returns the parsed expression for the
  // "{% ... %}" string text found at location (a JSON pointer below the field), or nullopt when
  // it does not parse (the template is then nullopt too).
  template <typename CompileFn>
  static std::optional<JsonataTemplate> Compile(const json::Value& value, std::string field,
                                                CompileFn&& compile);

  // The field's name as AWS's messages give it ("Output").
  const std::string& field() const { return field_; }
  // The expression when the whole field is one "{% ... %}" string, else nullptr.
  const JsonataExpression* expression() const;
  // The value as written.
  const json::Value& written() const { return written_; }

  // Fills the template in with bindings. An expression that fails, returns nothing (undefined)
  // or returns a function is States.QueryEvaluationError with AWS's cause ("The JSONata
  // expression '$x' specified for the field 'Output/result' returned nothing (undefined).");
  // *failure, when given, receives the failing field's location.
  Result<json::Value> Evaluate(const jsonata::Bindings& bindings,
                               const jsonata::EvalLimits& limits,
                               JsonataFailure* failure = nullptr) const;

 private:
  JsonataTemplate(json::Value written, std::string field, std::shared_ptr<const Node> root)
      : written_(std::move(written)), field_(std::move(field)), root_(std::move(root)) {}
  static std::shared_ptr<const Node> Build(
      const json::Value& value, const std::string& location,
      const std::function<std::optional<jsonata::Expression>(std::string_view,
                                                             const std::string&)>& compile,
      bool* ok);

  json::Value written_;
  std::string field_;
  std::shared_ptr<const Node> root_;
};

// Evaluates one expression for field (its location, "Condition", "Items") and returns its
// result: an error, undefined and a function result are States.QueryEvaluationError, as in
// JsonataTemplate::Evaluate.
Result<json::Value> EvaluateJsonataExpression(const JsonataExpression& expression,
                                              const std::string& field,
                                              const jsonata::Bindings& bindings,
                                              const jsonata::EvalLimits& limits);

// AWS's cause for an expression whose result has the wrong type: "The JSONata expression 'true'
// specified for the field 'Items' returned an unexpected result type. Expected 'array', but was
// 'boolean' for value: true". expected is AWS's type name ("array", "number", "string", ...).
Error UnexpectedJsonataType(const JsonataExpression& expression, const std::string& field,
                            std::string_view expected, const json::Value& value);

// The JSON type name AWS's messages use: "null", "boolean", "number", "string", "array",
// "object".
std::string_view JsonataTypeName(const json::Value& value);

template <typename CompileFn>
std::optional<JsonataTemplate> JsonataTemplate::Compile(const json::Value& value,
                                                        std::string field, CompileFn&& compile) {
  bool ok = true;
  std::shared_ptr<const Node> root = Build(value, "", compile, &ok);
  if (!ok) return std::nullopt;
  return JsonataTemplate(value, std::move(field), std::move(root));
}

}  // namespace stepwise::asl
