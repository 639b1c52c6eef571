#include "jsonpath/filter.h"

#include <algorithm>
#include <optional>

#include "jsonpath/evaluate.h"

namespace stepwise::jsonpath::detail {

namespace {

using json::Value;

// What an operand stands for at `current`: a literal's value, or what its path yields. nullopt
// is Jayway's "undefined": a definite path that matches nothing.
std::optional<Value> OperandValue(const Operand& operand, const Value& current,
                                  const Roots& roots) {
  if (operand.kind == Operand::Kind::kPath) return Evaluate(*operand.path, roots, &current);
  return operand.literal;
}

// The order of two values of the same comparable type (numbers, or strings by code point, which
// for UTF-8 is byte order); nullopt for any other pair.
std::optional<int> Order(const Value& a, const Value& b) {
  if (a.is_int() && b.is_int()) return (a.as_int() > b.as_int()) - (a.as_int() < b.as_int());
  if (a.is_number() && b.is_number()) {
    double x = a.as_number();
    double y = b.as_number();
    return (x > y) - (x < y);
  }
  if (a.is_string() && b.is_string()) {
    int c = a.as_string().compare(b.as_string());
    return (c > 0) - (c < 0);
  }
  return std::nullopt;
}

bool Compare(const FilterExpr& expr, const Value& current, const Roots& roots) {
  if (expr.op == CompareOp::kMatch) {
    // Only strings match; the compiler put the regex on exactly one side.
    bool regex_on_left = expr.left.kind == Operand::Kind::kRegex;
    const Regex& regex = regex_on_left ? *expr.left.regex : *expr.right.regex;
    std::optional<Value> value =
        OperandValue(regex_on_left ? expr.right : expr.left, current, roots);
    return value && value->is_string() && regex.FullMatch(value->as_string());
  }
  std::optional<Value> left = OperandValue(expr.left, current, roots);
  std::optional<Value> right = OperandValue(expr.right, current, roots);
  // == is deep equality with numbers by value (1 == 1.0); values of different types are unequal.
  // != is its negation, so, as in Jayway, a missing operand is != anything.
  bool equal = left && right && *left == *right;
  if (expr.op == CompareOp::kEq) return equal;
  if (expr.op == CompareOp::kNe) return !equal;
  if (!left || !right) return false;
  std::optional<int> order = Order(*left, *right);
  if (!order) return false;  // type mismatch: false rather than an error
  switch (expr.op) {
    case CompareOp::kLt:
      return *order < 0;
    case CompareOp::kLe:
      return *order <= 0;
    case CompareOp::kGt:
      return *order > 0;
    case CompareOp::kGe:
      return *order >= 0;
    default:
      return false;
  }
}

// `[?(@.isbn)]`: a single-result path exists when it matches (even a null); an indefinite one
// when it matches at least one node.
bool Exists(const CompiledPath& path, const Value& current, const Roots& roots) {
  std::optional<Value> value = Evaluate(path, roots, &current);
  if (!value) return false;
  if (path.single_result) return true;
  return value->size() > 0;
}

}  // namespace

bool FilterAccepts(const FilterExpr& filter, const Value& current, const Roots& roots) {
  auto accepts = [&](const FilterExpr& child) { return FilterAccepts(child, current, roots); };
  switch (filter.kind) {
    case FilterExpr::Kind::kOr:
      return std::any_of(filter.children.begin(), filter.children.end(), accepts);
    case FilterExpr::Kind::kAnd:
      return std::all_of(filter.children.begin(), filter.children.end(), accepts);
    case FilterExpr::Kind::kNot:
      return !accepts(filter.children.front());
    case FilterExpr::Kind::kExists:
      return Exists(*filter.left.path, current, roots);
    case FilterExpr::Kind::kCompare:
      return Compare(filter, current, roots);
  }
  return false;
}

}  // namespace stepwise::jsonpath::detail
