// JSONata templates: the fields of JSONata states, compiled once and filled in per evaluation.
// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html

#include "asl/jsonata_template.h"

#include <cctype>

#include "json/write.h"

namespace stepwise::asl {

struct JsonataTemplate::Node {
  enum class Kind { kLiteral, kExpression, kObject, kArray };
  Kind kind = Kind::kLiteral;
  json::Value literal;                    // kLiteral
  std::optional<JsonataExpression> expr;  // kExpression
  std::string location;                   // kExpression: below the field ("/result"), or ""
  std::vector<std::string> names;         // kObject: member names, in order
  std::vector<std::shared_ptr<const Node>> children;  // kObject, kArray
};

namespace {

std::string FieldLocation(const std::string& field, const std::string& below) {
  return field + below;  // below is "" or starts with '/'
}

std::string Quoted(const JsonataExpression& expression, const std::string& location) {
  return "The JSONata expression '" + expression.text + "' specified for the field '" + location +
         "'";
}

}  // namespace

std::string_view JsonataTypeName(const json::Value& value) {
  if (value.is_null()) return "null";
  if (value.is_bool()) return "boolean";
  if (value.is_number()) return "number";
  if (value.is_string()) return "string";
  if (value.is_array()) return "array";
  return "object";
}

Error UnexpectedJsonataType(const JsonataExpression& expression, const std::string& field,
                            std::string_view expected, const json::Value& value) {
  return Error(std::string(kQueryEvaluationError),
               Quoted(expression, field) +
                   " returned an unexpected result type. Expected '" + std::string(expected) +
                   "', but was '" + std::string(JsonataTypeName(value)) +
                   "' for value: " + json::WriteForMessage(value));
}

Result<json::Value> EvaluateJsonataExpression(const JsonataExpression& expression,
                                              const std::string& field,
                                              const jsonata::Bindings& bindings,
                                              const jsonata::EvalLimits& limits) {
  jsonata::EvalError detail;
  bool function = false;
  // Expressions read $states and variables, never a context value: `$` is undefined.
  Result<std::optional<json::Value>> result =
      jsonata::Evaluate(expression.expression, nullptr, bindings, limits, &detail, &function);
  if (!result.ok()) {
    // The JSONata error's code and message, as the reference reports them (T2001, D3030, ...).
    std::string code = detail.code.empty() ? result.error().name() : detail.code;
    std::string message = detail.message.empty() ? result.error().message() : detail.message;
    return Error(std::string(kQueryEvaluationError),
                 Quoted(expression, field) + " threw an error during evaluation: " + code + ": " +
                     message);
  }
  if (!result.value()) {
    // JSON has no undefined, and no functions.
    // https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
    return Error(std::string(kQueryEvaluationError),
                 Quoted(expression, field) +
                     (function ? " returned an unsupported result type."
                               : " returned nothing (undefined)."));
  }
  json::Value value = std::move(*result.value());
  // JavaScript has one zero for JSON: -0 prints as 0.
  if (value.is_double() && value.as_double() == 0) value = json::Value::Int(0);
  return value;
}

JsonataTemplate JsonataTemplate::Literal(json::Value value, std::string field) {
  auto node = std::make_shared<Node>();
  node->literal = value;
  return JsonataTemplate(std::move(value), std::move(field), std::move(node));
}

const JsonataExpression* JsonataTemplate::expression() const {
  return root_->kind == Node::Kind::kExpression ? &*root_->expr : nullptr;
}

std::shared_ptr<const JsonataTemplate::Node> JsonataTemplate::Build(
    const json::Value& value, const std::string& location,
    const std::function<std::optional<jsonata::Expression>(std::string_view,
                                                           const std::string&)>& compile,
    bool* ok) {
  auto node = std::make_shared<Node>();
  if (value.is_string()) {
    std::string_view text = value.as_string();
    if (text.starts_with("{%") && text.ends_with("%}") && text.size() >= 4) {
      std::optional<jsonata::Expression> parsed = compile(text, location);
      if (!parsed) {
        *ok = false;
        return node;
      }
      node->kind = Node::Kind::kExpression;
      // AWS quotes the expression without its delimiters and the whitespace around it.
      std::string_view inner = text.substr(2, text.size() - 4);
      while (!inner.empty() && std::isspace(static_cast<unsigned char>(inner.front()))) {
        inner.remove_prefix(1);
      }
      while (!inner.empty() && std::isspace(static_cast<unsigned char>(inner.back()))) {
        inner.remove_suffix(1);
      }
      node->expr = JsonataExpression{std::string(inner), std::move(*parsed)};
      node->location = location;
      return node;
    }
  }
  bool dynamic = false;
  if (value.is_object()) {
    node->kind = Node::Kind::kObject;
    for (const json::Member& m : value.members()) {
      node->names.emplace_back(m.name());
      node->children.push_back(Build(m.value, location + "/" + std::string(m.name()), compile, ok));
      dynamic = dynamic || node->children.back()->kind != Node::Kind::kLiteral;
    }
  } else if (value.is_array()) {
    node->kind = Node::Kind::kArray;
    for (size_t i = 0; i < value.size(); ++i) {
      node->children.push_back(
          Build(value.items()[i], location + "/" + std::to_string(i), compile, ok));
      dynamic = dynamic || node->children.back()->kind != Node::Kind::kLiteral;
    }
  }
  if (!dynamic) {
    // Nothing to fill in below: one literal.
    auto literal = std::make_shared<Node>();
    literal->literal = value;
    return literal;
  }
  return node;
}

namespace {

Result<json::Value> Fill(const JsonataTemplate::Node& node, const std::string& field,
                         const jsonata::Bindings& bindings, const jsonata::EvalLimits& limits,
                         JsonataFailure* failure);

}  // namespace

Result<json::Value> JsonataTemplate::Evaluate(const jsonata::Bindings& bindings,
                                              const jsonata::EvalLimits& limits,
                                              JsonataFailure* failure) const {
  return Fill(*root_, field_, bindings, limits, failure);
}

namespace {

Result<json::Value> Fill(const JsonataTemplate::Node& node, const std::string& field,
                         const jsonata::Bindings& bindings, const jsonata::EvalLimits& limits,
                         JsonataFailure* failure) {
  using Kind = JsonataTemplate::Node::Kind;
  switch (node.kind) {
    case Kind::kLiteral:
      return node.literal;
    case Kind::kExpression: {
      std::string location = FieldLocation(field, node.location);
      Result<json::Value> value = EvaluateJsonataExpression(*node.expr, location, bindings, limits);
      if (!value.ok() && failure != nullptr) failure->location = location;
      return value;
    }
    case Kind::kObject: {
      std::vector<json::Member> members;
      members.reserve(node.children.size());
      for (size_t i = 0; i < node.children.size(); ++i) {
        json::Value value = TRY(Fill(*node.children[i], field, bindings, limits, failure));
        members.emplace_back(node.names[i], std::move(value));
      }
      return json::Value::Object(std::move(members));
    }
    case Kind::kArray: {
      std::vector<json::Value> items;
      items.reserve(node.children.size());
      for (const auto& child : node.children) {
        items.push_back(TRY(Fill(*child, field, bindings, limits, failure)));
      }
      return json::Value::Array(std::move(items));
    }
  }
  return json::Value();
}

}  // namespace

}  // namespace stepwise::asl
