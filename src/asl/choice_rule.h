#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asl/jsonata_template.h"
#include "asl/payload_template.h"
#include "asl/state_index.h"
#include "common/result.h"
#include "json/value.h"
#include "jsonpath/path.h"
#include "jsonpath/roots.h"

namespace stepwise::asl {

// The comparison operators of a Choice rule.
// https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
enum class ChoiceOperator {
  kStringEquals, kStringLessThan, kStringGreaterThan, kStringLessThanEquals,
  kStringGreaterThanEquals, kStringMatches,
  kNumericEquals, kNumericLessThan, kNumericGreaterThan, kNumericLessThanEquals,
  kNumericGreaterThanEquals,
  kBooleanEquals,
  kTimestampEquals, kTimestampLessThan, kTimestampGreaterThan, kTimestampLessThanEquals,
  kTimestampGreaterThanEquals,
  kIsNull, kIsPresent, kIsNumeric, kIsString, kIsBoolean, kIsTimestamp,
};

// What an operator's operand must be when given as a literal.
enum class OperandType { kString, kNumber, kBoolean, kTimestamp };

struct ChoiceOperatorInfo {
  ChoiceOperator op;
  std::string_view name;   // "StringEquals"
  OperandType operand;     // the literal's type (Is* operators take a boolean)
  bool has_path_variant;   // "StringEqualsPath" exists
};

// The operator named name ("NumericLessThan"), or, when name ends in "Path" and the operator has
// a path variant, that operator with *is_path set. nullptr for unknown names.
const ChoiceOperatorInfo* FindChoiceOperator(std::string_view name, bool* is_path);

// A compiled Choice rule: a comparison, a boolean combination, or (JSONata) a Condition.
struct ChoiceRule {
  enum class Kind { kComparison, kAnd, kOr, kNot, kCondition };
  Kind kind = Kind::kComparison;

  // kComparison: Variable <operator> operand.
  std::optional<jsonpath::Path> variable;
  ChoiceOperator op = ChoiceOperator::kIsPresent;
  json::Value operand;                        // the literal operand
  std::optional<jsonpath::Path> operand_path;  // set for the *Path variants

  // kAnd / kOr: one or more rules; kNot: exactly one.
  std::vector<ChoiceRule> children;

  // kCondition: a JSONata expression (inside {% %}), or else a literal boolean.
  std::optional<JsonataExpression> condition_expression;
  bool condition = false;

  // Top-level rules only: where to go when the rule matches, and what to assign or output then.
  StateIndex next = kNoState;
  std::optional<PayloadTemplate> assign;
  std::optional<JsonataTemplate> jsonata_assign;
  std::optional<JsonataTemplate> jsonata_output;
};

// Evaluates a JSONPath-mode rule (Kind::kComparison / kAnd / kOr / kNot) against roots.
// Comparisons of mismatched types are false. A Variable or operand path that matches nothing is
// States.Runtime ("Invalid path '$.x': The choice state's condition path references an invalid
// value."), except for IsPresent, which is then false.
Result<bool> EvaluateChoiceRule(const ChoiceRule& rule, const jsonpath::Roots& roots);

// StringMatches: '*' matches any run of characters; "\*" and "\\" are a literal '*' and '\'.
bool StringMatchesPattern(std::string_view text, std::string_view pattern);

}  // namespace stepwise::asl
