#include "jsonata/ast.h"

namespace stepwise::jsonata {

std::string_view NodeTypeName(const Node& node) {
  switch (node.kind) {
    case NodeKind::kPath:
      return "path";
    case NodeKind::kName:
      return "name";
    case NodeKind::kLiteral: {
      const json::Value& value = static_cast<const LiteralNode&>(node).value;
      if (value.is_string()) return "string";
      return value.is_number() ? "number" : "value";
    }
    case NodeKind::kVariable:
      return "variable";
    case NodeKind::kRegex:
      return "regex";
    case NodeKind::kWildcard:
      return "wildcard";
    case NodeKind::kDescendant:
      return "descendant";
    case NodeKind::kParent:
      return "parent";
    case NodeKind::kBinary:
      return "binary";
    case NodeKind::kNegate:
      return "unary";
    case NodeKind::kArray:
      return "unary";
    case NodeKind::kObject:
      return "unary";
    case NodeKind::kFunction:
      return "function";
    case NodeKind::kPartial:
      return "partial";
    case NodeKind::kPlaceholder:
      return "operator";
    case NodeKind::kLambda:
      return "lambda";
    case NodeKind::kCondition:
      return "condition";
    case NodeKind::kCoalesce:
      return "condition";
    case NodeKind::kDefault:
      return "condition";
    case NodeKind::kTransform:
      return "transform";
    case NodeKind::kBlock:
      return "block";
    case NodeKind::kBind:
      return "bind";
    case NodeKind::kApply:
      return "apply";
    case NodeKind::kSort:
      return "sort";
  }
  return "unknown";
}

std::string_view BinaryOpText(BinaryOp op) {
  switch (op) {
    case BinaryOp::kAdd:
      return "+";
    case BinaryOp::kSubtract:
      return "-";
    case BinaryOp::kMultiply:
      return "*";
    case BinaryOp::kDivide:
      return "/";
    case BinaryOp::kModulo:
      return "%";
    case BinaryOp::kEqual:
      return "=";
    case BinaryOp::kNotEqual:
      return "!=";
    case BinaryOp::kLess:
      return "<";
    case BinaryOp::kLessEqual:
      return "<=";
    case BinaryOp::kGreater:
      return ">";
    case BinaryOp::kGreaterEqual:
      return ">=";
    case BinaryOp::kConcat:
      return "&";
    case BinaryOp::kAnd:
      return "and";
    case BinaryOp::kOr:
      return "or";
    case BinaryOp::kIn:
      return "in";
    case BinaryOp::kRange:
      return "..";
  }
  return "?";
}

}  // namespace stepwise::jsonata
