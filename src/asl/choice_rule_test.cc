#include "asl/choice_rule.h"

#include <gtest/gtest.h>

#include "json/parse.h"

namespace stepwise::asl {
namespace {

json::Value P(std::string_view text) { return json::Parse(text).value(); }

ChoiceRule Comparison(std::string_view variable, ChoiceOperator op, json::Value operand) {
  ChoiceRule rule;
  rule.variable = jsonpath::Path::Compile(variable).value();
  rule.op = op;
  rule.operand = std::move(operand);
  return rule;
}

bool Eval(const ChoiceRule& rule, const json::Value& input) {
  jsonpath::Roots roots{.input = &input};
  Result<bool> r = EvaluateChoiceRule(rule, roots);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message());
  return r.ok() && r.value();
}

TEST(ChoiceRuleTest, FindsOperatorsAndPathVariants) {
  bool is_path = false;
  EXPECT_EQ(FindChoiceOperator("NumericLessThan", &is_path)->op, ChoiceOperator::kNumericLessThan);
  EXPECT_FALSE(is_path);
  EXPECT_EQ(FindChoiceOperator("NumericLessThanPath", &is_path)->op,
            ChoiceOperator::kNumericLessThan);
  EXPECT_TRUE(is_path);
  EXPECT_EQ(FindChoiceOperator("StringMatchesPath", &is_path), nullptr);
  EXPECT_EQ(FindChoiceOperator("IsNullPath", &is_path), nullptr);
  EXPECT_EQ(FindChoiceOperator("Numeric", &is_path), nullptr);
}

TEST(ChoiceRuleTest, NumericComparisons) {
  json::Value input = P(R"({"n": 5, "d": 2.5})");
  EXPECT_TRUE(Eval(Comparison("$.n", ChoiceOperator::kNumericEquals, json::Value::Double(5.0)),
                   input));
  EXPECT_TRUE(Eval(Comparison("$.d", ChoiceOperator::kNumericLessThan, json::Value::Int(3)), input));
  EXPECT_FALSE(Eval(Comparison("$.n", ChoiceOperator::kNumericGreaterThan, json::Value::Int(5)),
                    input));
  EXPECT_TRUE(Eval(Comparison("$.n", ChoiceOperator::kNumericGreaterThanEquals,
                              json::Value::Int(5)),
                   input));
}

// Comparing values of different types is false, not an error.
TEST(ChoiceRuleTest, MismatchedTypesAreFalse) {
  json::Value input = P(R"({"s": "5"})");
  EXPECT_FALSE(Eval(Comparison("$.s", ChoiceOperator::kNumericEquals, json::Value::Int(5)), input));
  EXPECT_FALSE(Eval(Comparison("$.s", ChoiceOperator::kBooleanEquals, json::Value::Bool(true)),
                    input));
}

TEST(ChoiceRuleTest, TypeTests) {
  json::Value input = P(R"({"n": null, "t": "2016-03-14T01:59:00Z", "x": 1})");
  EXPECT_TRUE(Eval(Comparison("$.n", ChoiceOperator::kIsNull, json::Value::Bool(true)), input));
  EXPECT_TRUE(Eval(Comparison("$.t", ChoiceOperator::kIsTimestamp, json::Value::Bool(true)), input));
  EXPECT_TRUE(Eval(Comparison("$.x", ChoiceOperator::kIsNumeric, json::Value::Bool(true)), input));
  EXPECT_TRUE(Eval(Comparison("$.x", ChoiceOperator::kIsString, json::Value::Bool(false)), input));
  EXPECT_TRUE(Eval(Comparison("$.missing", ChoiceOperator::kIsPresent, json::Value::Bool(false)),
                   input));
  EXPECT_FALSE(Eval(Comparison("$.x", ChoiceOperator::kIsPresent, json::Value::Bool(false)), input));
}

TEST(ChoiceRuleTest, MissingVariableIsARuntimeError) {
  json::Value input = P(R"({})");
  ChoiceRule rule = Comparison("$.missing", ChoiceOperator::kStringEquals, json::Value::String("a"));
  jsonpath::Roots roots{.input = &input};
  Result<bool> r = EvaluateChoiceRule(rule, roots);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().name(), "States.Runtime");
  EXPECT_EQ(r.error().message(),
            "Invalid path '$.missing': The choice state's condition path references an invalid "
            "value.");
}

TEST(ChoiceRuleTest, TimestampComparisonsUseInstants) {
  json::Value input = P(R"({"t": "2016-03-14T02:59:00+01:00"})");
  EXPECT_TRUE(Eval(Comparison("$.t", ChoiceOperator::kTimestampEquals,
                              json::Value::String("2016-03-14T01:59:00Z")),
                   input));
  EXPECT_TRUE(Eval(Comparison("$.t", ChoiceOperator::kTimestampLessThan,
                              json::Value::String("2016-03-14T01:59:01Z")),
                   input));
}

TEST(ChoiceRuleTest, PathOperands) {
  json::Value input = P(R"({"a": 3, "b": 4})");
  ChoiceRule rule = Comparison("$.a", ChoiceOperator::kNumericLessThan, json::Value());
  rule.operand_path = jsonpath::Path::Compile("$.b").value();
  EXPECT_TRUE(Eval(rule, input));
}

TEST(ChoiceRuleTest, BooleanCombinations) {
  json::Value input = P(R"({"a": 1, "b": "x"})");
  ChoiceRule all;
  all.kind = ChoiceRule::Kind::kAnd;
  all.children.push_back(Comparison("$.a", ChoiceOperator::kNumericEquals, json::Value::Int(1)));
  all.children.push_back(Comparison("$.b", ChoiceOperator::kStringEquals, json::Value::String("y")));
  EXPECT_FALSE(Eval(all, input));
  ChoiceRule any = all;
  any.kind = ChoiceRule::Kind::kOr;
  EXPECT_TRUE(Eval(any, input));
  ChoiceRule negation;
  negation.kind = ChoiceRule::Kind::kNot;
  negation.children.push_back(all);
  EXPECT_TRUE(Eval(negation, input));
}

TEST(ChoiceRuleTest, StringMatchesWildcards) {
  EXPECT_TRUE(StringMatchesPattern("log-2024.txt", "log-*.txt"));
  EXPECT_TRUE(StringMatchesPattern("abc", "*"));
  EXPECT_TRUE(StringMatchesPattern("", "*"));
  EXPECT_TRUE(StringMatchesPattern("a*b", "a\\*b"));
  EXPECT_FALSE(StringMatchesPattern("axb", "a\\*b"));
  EXPECT_TRUE(StringMatchesPattern("a\\b", "a\\\\b"));
  EXPECT_FALSE(StringMatchesPattern("log.txt", "log-*.txt"));
  EXPECT_TRUE(StringMatchesPattern("aaa", "a*a*a"));
  EXPECT_FALSE(StringMatchesPattern("ab", "a*a"));
}

}  // namespace
}  // namespace stepwise::asl
