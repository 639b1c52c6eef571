#include "asl/intrinsics/intrinsic_call.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "asl/intrinsics/test_util.h"

namespace stepwise::asl {
namespace {

using testing::Eval;

TEST(IntrinsicCallTest, KeepsItsText) {
  Result<IntrinsicCall> call = IntrinsicCall::Compile("States.Array( 1 )");
  ASSERT_TRUE(call.ok());
  EXPECT_EQ(call.value().text(), "States.Array( 1 )");
}

TEST(IntrinsicCallTest, PathsListsEveryPathArgument) {
  Result<IntrinsicCall> call = IntrinsicCall::Compile(
      "States.Format('{} {} {}', $.a, States.Array($$.Execution.Id, $v.x), $)");
  ASSERT_TRUE(call.ok());
  std::vector<std::string> texts;
  for (const jsonpath::Path& path : call.value().Paths()) texts.push_back(path.text());
  EXPECT_EQ(texts, (std::vector<std::string>{"$.a", "$$.Execution.Id", "$v.x", "$"}));
}

TEST(IntrinsicCallTest, CopiesShareTheCompiledCall) {
  Result<IntrinsicCall> call = IntrinsicCall::Compile("States.MathAdd($.n, 1)");
  ASSERT_TRUE(call.ok());
  const IntrinsicCall copy = call.value();
  const json::Value input = testing::Json(R"({"n":41})");
  Result<json::Value> result = copy.Evaluate(jsonpath::Roots{&input}, IntrinsicContext{});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(json::Write(result.value()), "42");
}

TEST(IntrinsicCallTest, MissingInputPathFails) {
  EXPECT_EQ(Eval("States.Array($.missing)", R"({"a":1})"),
            "States.IntrinsicFailure: There was an error while evaluating the intrinsic function: "
            "States.Array($.missing). The JsonPath argument for the field '$.missing' could not be "
            R"(found in the input '{"a":1}')");
}

TEST(IntrinsicCallTest, MissingPathNamesTheCallThatReadsIt) {
  EXPECT_EQ(Eval("States.Array(1, States.MathAdd($$.Map.Item.Index, 1))"),
            "States.IntrinsicFailure: There was an error while evaluating the intrinsic function: "
            "States.MathAdd($$.Map.Item.Index, 1). The JsonPath argument for the field "
            "'$$.Map.Item.Index' could not be found in the context object '{}'");
}

TEST(IntrinsicCallTest, MissingVariableFails) {
  testing::MapVariables variables;
  variables.Set("v", testing::Json(R"({"a":1})"));
  EXPECT_EQ(Eval("States.Array($v.b)", "{}", nullptr, "{}", &variables),
            "States.IntrinsicFailure: There was an error while evaluating the intrinsic function: "
            "States.Array($v.b). The JsonPath argument for the field '$v.b' could not be found in "
            R"(the variable '$v' '{"a":1}')");
  EXPECT_EQ(Eval("States.Array($w)", "{}", nullptr, "{}", &variables),
            "States.IntrinsicFailure: There was an error while evaluating the intrinsic function: "
            "States.Array($w). The JsonPath argument for the field '$w' could not be found in the "
            "variable '$w' 'null'");
}

TEST(IntrinsicCallTest, AbsentRootsMatchNothing) {
  Result<IntrinsicCall> call = IntrinsicCall::Compile("States.Array($.a)");
  ASSERT_TRUE(call.ok());
  Result<json::Value> result = call.value().Evaluate(jsonpath::Roots{}, IntrinsicContext{});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().name(), "States.IntrinsicFailure");
}

TEST(IntrinsicCallTest, PathValueOfTheWrongKindFailsWhenItRuns) {
  EXPECT_EQ(Eval("States.MathAdd($.n, 1)", R"({"n":"1"})"),
            testing::InvalidArguments("States.MathAdd($.n, 1)", "States.MathAdd"));
}

TEST(IntrinsicCallTest, NestedResultOfTheWrongKindFailsWhenItRuns) {
  EXPECT_EQ(Eval("States.MathAdd(States.ArrayGetItem($.a, 0), 1)", R"({"a":["x"]})"),
            testing::InvalidArguments("States.MathAdd(States.ArrayGetItem($.a, 0), 1)",
                                      "States.MathAdd"));
}

TEST(IntrinsicCallTest, NestedFailureNamesTheInnermostCall) {
  EXPECT_EQ(
      Eval("States.Array(1, States.ArrayGetItem(States.Array(), 0))"),
      testing::InvalidArguments("States.ArrayGetItem(States.Array(), 0)", "States.ArrayGetItem"));
}

TEST(IntrinsicCallTest, ResultsShareTheInputsNodes) {
  Result<IntrinsicCall> call = IntrinsicCall::Compile("States.Array($.big)");
  ASSERT_TRUE(call.ok());
  const json::Value input = testing::Json(R"({"big":{"a":[1,2,3],"b":"a long string value"}})");
  Result<json::Value> result = call.value().Evaluate(jsonpath::Roots{&input}, IntrinsicContext{});
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result.value().At(0)->SharesNodeWith(*input.Find("big")));
}

}  // namespace
}  // namespace stepwise::asl
