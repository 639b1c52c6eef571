#include "asl/payload_template.h"

#include <gtest/gtest.h>

#include "json/parse.h"
#include "json/write.h"
#include "jsonpath/map_variables.h"

namespace stepwise::asl {
namespace {

json::Value P(std::string_view text) { return json::Parse(text).value(); }

PayloadTemplate Compile(std::string_view text) {
  std::vector<Diagnostic> diagnostics;
  auto compiled = PayloadTemplate::Compile(P(text), "/States/S/Parameters", &diagnostics);
  EXPECT_TRUE(compiled.has_value()) << (diagnostics.empty() ? "" : diagnostics[0].message);
  return *compiled;
}

TEST(PayloadTemplateTest, FillsPathsAndKeepsLiterals) {
  PayloadTemplate t = Compile(R"({"static": "Hello", "title.$": "$.title",
                                   "nested": {"list": [1, {"id.$": "$.id"}], "flag": true}})");
  json::Value input = P(R"({"title": "Doctor", "id": 7})");
  json::Value out = t.Evaluate({.input = &input}, {}).value();
  EXPECT_EQ(json::Write(out),
            R"({"static":"Hello","title":"Doctor","nested":{"list":[1,{"id":7}],"flag":true}})");
}

// A subtree without dynamic fields is one literal: evaluating it shares the definition's node.
TEST(PayloadTemplateTest, StaticSubtreesAreShared) {
  PayloadTemplate t = Compile(R"({"big": {"a": [1, 2, 3], "b": "a string on the heap side"},
                                   "x.$": "$"})");
  json::Value input = P("1");
  json::Value out = t.Evaluate({.input = &input}, {}).value();
  EXPECT_TRUE(out.Find("big")->SharesNodeWith(*t.written().Find("big")));
  PayloadTemplate all_static = Compile(R"({"a": [1, 2]})");
  EXPECT_TRUE(all_static.Evaluate({.input = &input}, {}).value().SharesNodeWith(
      all_static.written()));
}

TEST(PayloadTemplateTest, ContextAndVariables) {
  jsonpath::MapVariables vars;
  vars.Set("customer", json::Value::String("María"));
  json::Value input = P("{}");
  json::Value context = P(R"({"Execution": {"Id": "arn:exec"}})");
  PayloadTemplate t = Compile(R"({"name.$": "$customer", "id.$": "$$.Execution.Id"})");
  EXPECT_TRUE(t.ReadsContext());
  json::Value out =
      t.Evaluate({.input = &input, .context = &context, .variables = &vars}, {}).value();
  EXPECT_EQ(json::Write(out), R"({"name":"María","id":"arn:exec"})");
}

TEST(PayloadTemplateTest, MissingPathIsARuntimeErrorNamingTheField) {
  PayloadTemplate t = Compile(R"({"x.$": "$.missing"})");
  json::Value input = P(R"({"a":1})");
  Result<json::Value> out = t.Evaluate({.input = &input}, {});
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().name(), "States.Runtime");
  EXPECT_EQ(out.error().message(),
            "The JSONPath '$.missing' specified for the field 'x.$' could not be found in the "
            "input '{\"a\":1}'");
}

TEST(PayloadTemplateTest, IndefinitePathsYieldArrays) {
  PayloadTemplate t = Compile(R"({"ids.$": "$.items[*].id"})");
  json::Value input = P(R"({"items": [{"id": 1}, {"id": 2}]})");
  EXPECT_EQ(json::Write(t.Evaluate({.input = &input}, {}).value()), R"({"ids":[1,2]})");
}

TEST(PayloadTemplateTest, IntrinsicValues) {
  PayloadTemplate t = Compile(R"j({"greeting.$": "States.Format('Hi {}', $.name)"})j");
  json::Value input = P(R"({"name": "Ana"})");
  EXPECT_EQ(json::Write(t.Evaluate({.input = &input}, {}).value()), R"({"greeting":"Hi Ana"})");
}

TEST(PayloadTemplateTest, ReportsEveryProblem) {
  std::vector<Diagnostic> diagnostics;
  auto compiled = PayloadTemplate::Compile(
      P(R"({"conflict": 1, "conflict.$": "$.a", "bad.$": "ipsum", "num.$": 3,
            "deep": [{"f.$": "$..["}]})"),
      "/States/S/Parameters", &diagnostics);
  EXPECT_FALSE(compiled.has_value());
  ASSERT_EQ(diagnostics.size(), 4u);
  EXPECT_EQ(diagnostics[0].location, "/States/S/Parameters/conflict.$");
  EXPECT_EQ(diagnostics[1].location, "/States/S/Parameters/bad.$");
  EXPECT_EQ(diagnostics[2].location, "/States/S/Parameters/num.$");
  EXPECT_EQ(diagnostics[3].location, "/States/S/Parameters/deep/0/f.$");
  for (const Diagnostic& d : diagnostics) EXPECT_EQ(d.code, "SCHEMA_VALIDATION_FAILED");
}

}  // namespace
}  // namespace stepwise::asl
