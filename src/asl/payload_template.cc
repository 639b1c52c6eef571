#include "asl/payload_template.h"

#include <optional>
#include <set>
#include <span>

#include <boost/container/small_vector.hpp>

#include "json/write.h"

namespace stepwise::asl {
namespace detail {

// One node of a compiled template. A subtree without dynamic values is a single literal.
struct TemplateNode {
  enum class Kind { kLiteral, kObject, kArray, kExpression };
  Kind kind = Kind::kLiteral;
  json::Value literal;                                     // kLiteral
  std::vector<json::Value> keys;                           // kObject: the output keys, and
  std::vector<TemplateNode> values;                        // their values
  std::vector<TemplateNode> items;                         // kArray
  std::optional<ValueExpression> expression;               // kExpression
  std::string field_name;                                  // kExpression: the key as written
};

}  // namespace detail

namespace {

using detail::TemplateNode;

constexpr std::string_view kDynamicSuffix = ".$";

bool IsDynamicKey(std::string_view key) {
  return key.size() > kDynamicSuffix.size() && key.ends_with(kDynamicSuffix);
}

class Compiler {
 public:
  explicit Compiler(std::vector<Diagnostic>* diagnostics) : diagnostics_(diagnostics) {}

  bool failed() const { return failed_; }

  TemplateNode Compile(const json::Value& value, const std::string& location) {
    if (value.is_object()) return CompileObject(value, location);
    if (value.is_array()) {
      TemplateNode node;
      node.kind = TemplateNode::Kind::kArray;
      bool all_literal = true;
      for (size_t i = 0; i < value.size(); ++i) {
        node.items.push_back(Compile(value.items()[i], location + "/" + std::to_string(i)));
        all_literal = all_literal && node.items.back().kind == TemplateNode::Kind::kLiteral;
      }
      if (all_literal) return Literal(value);
      return node;
    }
    return Literal(value);
  }

 private:
  static TemplateNode Literal(const json::Value& value) {
    TemplateNode node;
    node.literal = value;
    return node;
  }

  void Report(std::string message, std::string location) {
    failed_ = true;
    diagnostics_->push_back(Diagnostic{Severity::kError, std::string(kSchemaValidationFailed),
                                       std::move(message), std::move(location)});
  }

  TemplateNode CompileObject(const json::Value& object, const std::string& location) {
    TemplateNode node;
    node.kind = TemplateNode::Kind::kObject;
    bool all_literal = true;
    std::set<std::string, std::less<>> output_keys;
    for (const json::Member& m : object.members()) {
      std::string_view key = m.name();
      std::string member_location = location + "/" + std::string(key);
      bool dynamic = IsDynamicKey(key);
      std::string_view output_key = dynamic ? key.substr(0, key.size() - 2) : key;
      if (!output_keys.emplace(output_key).second) {
        Report("The field '" + std::string(output_key) +
                   "' is defined more than once after the '.$' suffixes are removed",
               member_location);
        continue;
      }
      TemplateNode child;
      if (dynamic) {
        child = CompileExpression(m.value, std::string(key), member_location);
      } else {
        child = Compile(m.value, member_location);
      }
      all_literal = all_literal && child.kind == TemplateNode::Kind::kLiteral;
      node.keys.push_back(json::Value::String(output_key));
      node.values.push_back(std::move(child));
    }
    if (all_literal && !failed_) return Literal(object);
    return node;
  }

  TemplateNode CompileExpression(const json::Value& value, std::string field_name,
                                 const std::string& location) {
    TemplateNode node;
    if (!value.is_string()) {
      Report("The value for the field '" + field_name +
                 "' must be a STRING that contains a JSONPath or an intrinsic function",
             location);
      return node;
    }
    Result<ValueExpression> compiled = ValueExpression::Compile(value.as_string());
    if (!compiled.ok()) {
      Report("The value for the field '" + field_name +
                 "' must be a valid JSONPath or a valid intrinsic function call: " +
                 compiled.error().message(),
             location);
      return node;
    }
    node.kind = TemplateNode::Kind::kExpression;
    node.expression = compiled.release_value();
    node.field_name = std::move(field_name);
    return node;
  }

  std::vector<Diagnostic>* diagnostics_;
  bool failed_ = false;
};

void CollectFields(const TemplateNode& node, std::vector<PayloadTemplate::Field>* out) {
  switch (node.kind) {
    case TemplateNode::Kind::kLiteral: return;
    case TemplateNode::Kind::kExpression:
      out->push_back(PayloadTemplate::Field{node.field_name, &*node.expression});
      return;
    case TemplateNode::Kind::kObject:
      for (const TemplateNode& child : node.values) CollectFields(child, out);
      return;
    case TemplateNode::Kind::kArray:
      for (const TemplateNode& child : node.items) CollectFields(child, out);
      return;
  }
}

std::string DescribeInput(const jsonpath::Roots& roots) {
  return roots.input != nullptr ? json::WriteForMessage(*roots.input) : "null";
}

Result<json::Value> Fill(const TemplateNode& node, const jsonpath::Roots& roots,
                         const IntrinsicContext& context) {
  switch (node.kind) {
    case TemplateNode::Kind::kLiteral: return node.literal;
    case TemplateNode::Kind::kExpression: {
      std::optional<json::Value> value = TRY(node.expression->Evaluate(roots, context));
      if (!value) {
        // ASL "Parameters": a path that matches nothing fails the state.
        return Error("States.Runtime", "The JSONPath '" + node.expression->text() +
                                           "' specified for the field '" + node.field_name +
                                           "' could not be found in the input '" +
                                           DescribeInput(roots) + "'");
      }
      return std::move(*value);
    }
    case TemplateNode::Kind::kObject: {
      // On the stack for the usual few fields: the object node is the one allocation.
      boost::container::small_vector<json::Member, 8> members;
      members.reserve(node.keys.size());
      for (size_t i = 0; i < node.keys.size(); ++i) {
        members.emplace_back(node.keys[i], TRY(Fill(node.values[i], roots, context)));
      }
      return json::Value::ObjectWithDistinctKeys(std::span<json::Member>(members.data(), members.size()));
    }
    case TemplateNode::Kind::kArray: {
      std::vector<json::Value> items;
      items.reserve(node.items.size());
      for (const TemplateNode& child : node.items) items.push_back(TRY(Fill(child, roots, context)));
      return json::Value::Array(std::move(items));
    }
  }
  return json::Value();
}

}  // namespace

std::optional<PayloadTemplate> PayloadTemplate::Compile(const json::Value& written,
                                                        std::string_view location,
                                                        std::vector<Diagnostic>* diagnostics) {
  Compiler compiler(diagnostics);
  TemplateNode root = compiler.Compile(written, std::string(location));
  if (compiler.failed()) return std::nullopt;
  return PayloadTemplate(written, std::make_shared<const TemplateNode>(std::move(root)));
}

std::vector<PayloadTemplate::Field> PayloadTemplate::Fields() const {
  std::vector<Field> fields;
  CollectFields(*root_, &fields);
  return fields;
}

bool PayloadTemplate::ReadsContext() const {
  for (const Field& field : Fields()) {
    if (field.expression->ReadsContext()) return true;
  }
  return false;
}

Result<json::Value> PayloadTemplate::Evaluate(const jsonpath::Roots& roots,
                                              const IntrinsicContext& context) const {
  return Fill(*root_, roots, context);
}

}  // namespace stepwise::asl
