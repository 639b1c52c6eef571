#include "asl/choice_rule.h"

#include <array>

#include "asl/timestamp.h"

namespace stepwise::asl {
namespace {

using Op = ChoiceOperator;

constexpr std::array<ChoiceOperatorInfo, 23> kOperators = {{
    {Op::kStringEquals, "StringEquals", OperandType::kString, true},
    {Op::kStringLessThan, "StringLessThan", OperandType::kString, true},
    {Op::kStringGreaterThan, "StringGreaterThan", OperandType::kString, true},
    {Op::kStringLessThanEquals, "StringLessThanEquals", OperandType::kString, true},
    {Op::kStringGreaterThanEquals, "StringGreaterThanEquals", OperandType::kString, true},
    {Op::kStringMatches, "StringMatches", OperandType::kString, false},
    {Op::kNumericEquals, "NumericEquals", OperandType::kNumber, true},
    {Op::kNumericLessThan, "NumericLessThan", OperandType::kNumber, true},
    {Op::kNumericGreaterThan, "NumericGreaterThan", OperandType::kNumber, true},
    {Op::kNumericLessThanEquals, "NumericLessThanEquals", OperandType::kNumber, true},
    {Op::kNumericGreaterThanEquals, "NumericGreaterThanEquals", OperandType::kNumber, true},
    {Op::kBooleanEquals, "BooleanEquals", OperandType::kBoolean, true},
    {Op::kTimestampEquals, "TimestampEquals", OperandType::kTimestamp, true},
    {Op::kTimestampLessThan, "TimestampLessThan", OperandType::kTimestamp, true},
    {Op::kTimestampGreaterThan, "TimestampGreaterThan", OperandType::kTimestamp, true},
    {Op::kTimestampLessThanEquals, "TimestampLessThanEquals", OperandType::kTimestamp, true},
    {Op::kTimestampGreaterThanEquals, "TimestampGreaterThanEquals", OperandType::kTimestamp, true},
    {Op::kIsNull, "IsNull", OperandType::kBoolean, false},
    {Op::kIsPresent, "IsPresent", OperandType::kBoolean, false},
    {Op::kIsNumeric, "IsNumeric", OperandType::kBoolean, false},
    {Op::kIsString, "IsString", OperandType::kBoolean, false},
    {Op::kIsBoolean, "IsBoolean", OperandType::kBoolean, false},
    {Op::kIsTimestamp, "IsTimestamp", OperandType::kBoolean, false},
}};

// -1, 0 or 1, comparing a with b; numbers compare exactly when both are integers.
int CompareNumbers(const json::Value& a, const json::Value& b) {
  if (a.is_int() && b.is_int()) {
    return a.as_int() < b.as_int() ? -1 : a.as_int() > b.as_int() ? 1 : 0;
  }
  double x = a.as_number();
  double y = b.as_number();
  return x < y ? -1 : x > y ? 1 : 0;
}

template <typename T>
int Compare(const T& a, const T& b) {
  return a < b ? -1 : b < a ? 1 : 0;
}

// Whether ordering result `order` (a compared with b) satisfies the operator's relation.
bool Satisfies(int order, Op op) {
  switch (op) {
    case Op::kStringEquals:
    case Op::kNumericEquals:
    case Op::kTimestampEquals: return order == 0;
    case Op::kStringLessThan:
    case Op::kNumericLessThan:
    case Op::kTimestampLessThan: return order < 0;
    case Op::kStringGreaterThan:
    case Op::kNumericGreaterThan:
    case Op::kTimestampGreaterThan: return order > 0;
    case Op::kStringLessThanEquals:
    case Op::kNumericLessThanEquals:
    case Op::kTimestampLessThanEquals: return order <= 0;
    case Op::kStringGreaterThanEquals:
    case Op::kNumericGreaterThanEquals:
    case Op::kTimestampGreaterThanEquals: return order >= 0;
    default: return false;
  }
}

bool IsTimestampString(const json::Value& v) {
  return v.is_string() && ParseTimestamp(v.as_string()).has_value();
}

// Applies a comparison to the variable's value and the operand's value.
bool Compare(Op op, const json::Value& value, const json::Value& operand) {
  switch (op) {
    case Op::kIsNull: return value.is_null() == operand.as_bool();
    case Op::kIsNumeric: return value.is_number() == operand.as_bool();
    case Op::kIsString: return value.is_string() == operand.as_bool();
    case Op::kIsBoolean: return value.is_bool() == operand.as_bool();
    case Op::kIsTimestamp: return IsTimestampString(value) == operand.as_bool();
    case Op::kIsPresent: return operand.as_bool();  // reached only when the value is present
    case Op::kStringMatches:
      return value.is_string() && operand.is_string() &&
             StringMatchesPattern(value.as_string(), operand.as_string());
    case Op::kBooleanEquals:
      return value.is_bool() && operand.is_bool() && value.as_bool() == operand.as_bool();
    case Op::kStringEquals:
    case Op::kStringLessThan:
    case Op::kStringGreaterThan:
    case Op::kStringLessThanEquals:
    case Op::kStringGreaterThanEquals:
      return value.is_string() && operand.is_string() &&
             Satisfies(Compare(value.as_string(), operand.as_string()), op);
    case Op::kNumericEquals:
    case Op::kNumericLessThan:
    case Op::kNumericGreaterThan:
    case Op::kNumericLessThanEquals:
    case Op::kNumericGreaterThanEquals:
      return value.is_number() && operand.is_number() &&
             Satisfies(CompareNumbers(value, operand), op);
    case Op::kTimestampEquals:
    case Op::kTimestampLessThan:
    case Op::kTimestampGreaterThan:
    case Op::kTimestampLessThanEquals:
    case Op::kTimestampGreaterThanEquals: {
      if (!value.is_string() || !operand.is_string()) return false;
      auto a = ParseTimestamp(value.as_string());
      auto b = ParseTimestamp(operand.as_string());
      return a && b && Satisfies(Compare(*a, *b), op);
    }
  }
  return false;
}

Error InvalidPath(const jsonpath::Path& path) {
  return Error("States.Runtime", "Invalid path '" + path.text() +
                                     "': The choice state's condition path references an "
                                     "invalid value.");
}

}  // namespace

const ChoiceOperatorInfo* FindChoiceOperator(std::string_view name, bool* is_path) {
  *is_path = false;
  for (const ChoiceOperatorInfo& info : kOperators) {
    if (info.name == name) return &info;
  }
  if (name.ends_with("Path")) {
    std::string_view base = name.substr(0, name.size() - 4);
    for (const ChoiceOperatorInfo& info : kOperators) {
      if (info.name == base && info.has_path_variant) {
        *is_path = true;
        return &info;
      }
    }
  }
  return nullptr;
}

Result<bool> EvaluateChoiceRule(const ChoiceRule& rule, const jsonpath::Roots& roots) {
  switch (rule.kind) {
    case ChoiceRule::Kind::kAnd:
      for (const ChoiceRule& child : rule.children) {
        if (!TRY(EvaluateChoiceRule(child, roots))) return false;
      }
      return true;
    case ChoiceRule::Kind::kOr:
      for (const ChoiceRule& child : rule.children) {
        if (TRY(EvaluateChoiceRule(child, roots))) return true;
      }
      return false;
    case ChoiceRule::Kind::kNot:
      if (rule.children.size() != 1) return Error("States.Runtime", "Malformed Not rule");
      return !TRY(EvaluateChoiceRule(rule.children[0], roots));
    case ChoiceRule::Kind::kCondition:
      return Error("States.Runtime", "JSONata conditions are evaluated by the JSONata engine");
    case ChoiceRule::Kind::kComparison:
      break;
  }
  std::optional<json::Value> value = rule.variable->Evaluate(roots);
  if (rule.op == Op::kIsPresent) {
    return value.has_value() == rule.operand.as_bool();
  }
  if (!value) return InvalidPath(*rule.variable);
  if (rule.operand_path) {
    std::optional<json::Value> operand = rule.operand_path->Evaluate(roots);
    if (!operand) return InvalidPath(*rule.operand_path);
    return Compare(rule.op, *value, *operand);
  }
  return Compare(rule.op, *value, rule.operand);
}

bool StringMatchesPattern(std::string_view text, std::string_view pattern) {
  // Iterative wildcard matching with backtracking to the last '*'.
  size_t t = 0, p = 0;
  size_t star_p = std::string_view::npos, star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star_p = ++p;
      star_t = t;
      continue;
    }
    if (p < pattern.size()) {
      char expected = pattern[p];
      size_t width = 1;
      if (expected == '\\' && p + 1 < pattern.size()) {
        expected = pattern[p + 1];
        width = 2;
      }
      if (expected == text[t]) {
        p += width;
        ++t;
        continue;
      }
    }
    if (star_p == std::string_view::npos) return false;
    p = star_p;
    t = ++star_t;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace stepwise::asl
