#include "asl/load.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace stepwise::asl {
namespace {

// The diagnostics of a definition, as "CODE@location" strings.
std::vector<std::string> Problems(std::string_view definition, LoadOptions options = {}) {
  std::vector<std::string> out;
  for (const Diagnostic& d : LoadDefinition(definition, options).diagnostics) {
    if (d.severity == Severity::kError) out.push_back(d.code + "@" + d.location);
  }
  return out;
}

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(LoadTest, CompilesAMachine) {
  LoadResult r = LoadDefinition(R"({
    "Comment": "two states", "StartAt": "A",
    "States": {
      "A": {"Type": "Pass", "Result": {"x": 1}, "ResultPath": "$.r", "Next": "B"},
      "B": {"Type": "Succeed"}
    }})");
  ASSERT_TRUE(r.ok());
  const StateMachine& m = *r.machine;
  ASSERT_EQ(m.states.size(), 2u);
  EXPECT_EQ(m.start_at, 0u);
  EXPECT_EQ(m.states[0].next, 1u);
  EXPECT_EQ(m.states[0].result_path.kind, PathField::Kind::kPath);
  EXPECT_EQ(m.states[1].type, StateType::kSucceed);
  EXPECT_EQ(m.Find("B"), &m.states[1]);
}

TEST(LoadTest, NotJson) {
  LoadResult r = LoadDefinition("not a definition");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, "INVALID_JSON_DESCRIPTION");
  EXPECT_EQ(r.diagnostics[0].location,
            "[Source: (String)\"not a definition\"; line: 1, column: 4]");
  EXPECT_EQ(r.diagnostics[0].message,
            "Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token "
            "'null', 'true' or 'false')\n at [Source: (String)\"not a definition\"; line: 1, "
            "column: 4]");
}

TEST(LoadTest, BlankOrNotAnObject) {
  EXPECT_THAT(Problems(" "), ElementsAre("SCHEMA_VALIDATION_FAILED@"));
  EXPECT_THAT(Problems("[1]"), ElementsAre("SCHEMA_VALIDATION_FAILED@"));
}

TEST(LoadTest, DuplicateFieldsAreJsonErrors) {
  EXPECT_THAT(Problems(R"({"StartAt":"A","StartAt":"A","States":{"A":{"Type":"Succeed"}}})"),
              ElementsAre("INVALID_JSON_DESCRIPTION@[Source: (String)\"{\"StartAt\":\"A\","
                          "\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Succeed\"}}}\"; line: "
                          "1, column: 25]"));
}

TEST(LoadTest, MissingStartAt) {
  LoadResult r = LoadDefinition(R"({"States": {"S": {"Type": "Pass", "End": true}}})");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].message, "These fields are required: [StartAt]");
  EXPECT_EQ(r.diagnostics[0].location, "/");
}

TEST(LoadTest, ReportsEveryProblemAtOnce) {
  EXPECT_THAT(Problems(R"({"StartAt": "A", "States": {
      "A": {"Type": "Pass", "Next": "Nowhere", "Bogus": 1},
      "B": {"Type": "Wait", "End": true},
      "C": {"Type": "Task", "Resource": "not-an-arn", "End": true}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED@/States/A/Bogus",
                          "MISSING_TRANSITION_TARGET@/States/A/Next",
                          "SCHEMA_VALIDATION_FAILED@/States/B",
                          "INVALID_RESOURCE@/States/C/Resource",
                          "SCHEMA_VALIDATION_FAILED@/States/B",
                          "SCHEMA_VALIDATION_FAILED@/States/C"));
}

TEST(LoadTest, NextAndEndAreExclusiveAndOneIsRequired) {
  EXPECT_THAT(Problems(R"({"StartAt":"A","States":{"A":{"Type":"Pass","Next":"A","End":true}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED@/States/A", "MISSING_END_STATE@/States"));
  EXPECT_THAT(Problems(R"({"StartAt":"A","States":{"A":{"Type":"Pass"}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED@/States/A", "MISSING_END_STATE@/States"));
}

TEST(LoadTest, StateNamesAreUniqueAcrossNestedMachines) {
  EXPECT_THAT(Problems(R"({"StartAt":"M","States":{
      "M":{"Type":"Map","Iterator":{"StartAt":"F","States":{"F":{"Type":"Succeed"}}},"Next":"F"},
      "F":{"Type":"Succeed"}}})"),
              ElementsAre("DUPLICATE_STATE_NAME@/States/M/Iterator/States/F"));
}

TEST(LoadTest, TransitionsStayInsideTheirMachine) {
  EXPECT_THAT(Problems(R"({"StartAt":"P","States":{
      "P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","Next":"Out"}}}],
           "End":true},
      "Out":{"Type":"Succeed"}}})"),
              ElementsAre("MISSING_TRANSITION_TARGET@/States/P/Branches/0/States/B/Next",
                          "MISSING_END_STATE@/States/P/Branches/0/States",
                          "SCHEMA_VALIDATION_FAILED@/States/Out"));
}

TEST(LoadTest, StateNameLength) {
  std::string name(81, 'x');
  EXPECT_THAT(Problems(R"({"StartAt":")" + name + R"(","States":{")" + name +
                       R"(":{"Type":"Succeed"}}})"),
              ElementsAre("INVALID_STATE_NAME@/States/" + name));
}

TEST(LoadTest, ChoiceRules) {
  LoadResult r = LoadDefinition(R"({"StartAt":"C","States":{
      "C":{"Type":"Choice","Default":"D","Choices":[
        {"Variable":"$.n","NumericGreaterThanPath":"$.limit","Next":"D"},
        {"And":[{"Variable":"$.s","StringMatches":"a*"},{"Not":{"Variable":"$.b","IsNull":true}}],
         "Next":"D"}]},
      "D":{"Type":"Succeed"}}})");
  ASSERT_TRUE(r.ok());
  const auto& choices = FieldsOf<ChoiceFields>(r.machine->states[0]).choices;
  ASSERT_EQ(choices.size(), 2u);
  EXPECT_TRUE(choices[0].operand_path.has_value());
  EXPECT_EQ(choices[1].kind, ChoiceRule::Kind::kAnd);
  EXPECT_EQ(choices[1].children[1].kind, ChoiceRule::Kind::kNot);
}

TEST(LoadTest, ChoiceRuleProblems) {
  EXPECT_THAT(Problems(R"j({"StartAt":"C","States":{"C":{"Type":"Choice","Default":"D","Choices":[
        {"Variable":"$.n","NumericEquals":"1","Next":"D"},
        {"Variable":"States.ArrayLength($.a)","NumericEquals":1,"Next":"D"},
        {"Variable":"$.n","NumericEquals":1,"StringEquals":"x","Next":"D"},
        {"Variable":"$.n","NumericEquals":1,"End":true}]},
      "D":{"Type":"Succeed"}}})j"),
              ElementsAre("SCHEMA_VALIDATION_FAILED@/States/C/Choices/0/NumericEquals",
                          "SCHEMA_VALIDATION_FAILED@/States/C/Choices/1/Variable",
                          "SCHEMA_VALIDATION_FAILED@/States/C/Choices/2",
                          "SCHEMA_VALIDATION_FAILED@/States/C/Choices/3/End",
                          "SCHEMA_VALIDATION_FAILED@/States/C/Choices/3"));
}

TEST(LoadTest, RetryAndCatch) {
  LoadResult r = LoadDefinition(R"({"StartAt":"T","States":{
      "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true,
           "Retry":[{"ErrorEquals":["Lambda.ServiceException"],"IntervalSeconds":2,"MaxAttempts":0,
                     "BackoffRate":1.5,"MaxDelaySeconds":10,"JitterStrategy":"FULL"},
                    {"ErrorEquals":["States.ALL"]}],
           "Catch":[{"ErrorEquals":["States.ALL"],"Next":"F","ResultPath":"$.error"}]},
      "F":{"Type":"Fail","Error":"E","Cause":"C"}}})");
  ASSERT_TRUE(r.ok());
  const State& t = r.machine->states[0];
  ASSERT_EQ(t.retry.size(), 2u);
  EXPECT_EQ(t.retry[0].max_attempts, 0);
  EXPECT_EQ(t.retry[0].backoff_rate, 1.5);
  EXPECT_EQ(t.retry[0].jitter, JitterStrategy::kFull);
  EXPECT_EQ(t.retry[1].max_attempts, 3);  // the default
  ASSERT_EQ(t.catchers.size(), 1u);
  EXPECT_EQ(t.catchers[0].next, 1u);
}

TEST(LoadTest, StatesAllMustBeAloneAndLast) {
  EXPECT_THAT(Problems(R"({"StartAt":"T","States":{
      "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true,
           "Retry":[{"ErrorEquals":["States.ALL"]},{"ErrorEquals":["X"]}],
           "Catch":[{"ErrorEquals":["States.ALL","X"],"Next":"T"}]}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED@/States/T/Retry/0/ErrorEquals",
                          "SCHEMA_VALIDATION_FAILED@/States/T/Catch/0/ErrorEquals"));
}

TEST(LoadTest, ResultPathCannotBeAVariableOrTheContext) {
  EXPECT_THAT(Problems(R"({"StartAt":"A","States":{"A":{"Type":"Pass","ResultPath":"$foo","End":true}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED@/States/A/ResultPath"));
  EXPECT_THAT(Problems(R"({"StartAt":"A","States":{"A":{"Type":"Pass","ResultPath":"$$.x","End":true}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED@/States/A/ResultPath"));
  EXPECT_THAT(Problems(R"({"StartAt":"A","States":{"A":{"Type":"Pass","ResultPath":"$.a[*]","End":true}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED@/States/A/ResultPath"));
}

TEST(LoadTest, WaitNeedsExactlyOneDuration) {
  EXPECT_THAT(
      Problems(R"({"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1,"SecondsPath":"$.s","End":true}}})"),
      ElementsAre("SCHEMA_VALIDATION_FAILED@/States/W"));
  EXPECT_THAT(
      Problems(R"({"StartAt":"W","States":{"W":{"Type":"Wait","Timestamp":"2016-13-05T21:29:29Z","End":true}}})"),
      ElementsAre("SCHEMA_VALIDATION_FAILED@/States/W/Timestamp"));
}

TEST(LoadTest, FailFieldsAndPaths) {
  LoadResult r = LoadDefinition(R"j({"StartAt":"F","States":{"F":{"Type":"Fail",
      "ErrorPath":"States.Format('{}{}', $.a, $b)","CausePath":"$.cause"}}})j");
  ASSERT_TRUE(r.ok());
  const auto& fail = FieldsOf<FailFields>(r.machine->states[0]);
  EXPECT_TRUE(fail.error.expression->is_intrinsic());
  EXPECT_FALSE(fail.cause.expression->is_intrinsic());
  EXPECT_THAT(Problems(R"({"StartAt":"F","States":{"F":{"Type":"Fail","Cause":"a","CausePath":"$.c"}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED@/States/F"));
}

TEST(LoadTest, TaskTimeouts) {
  EXPECT_THAT(Problems(R"({"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::x",
      "TimeoutSeconds":10,"HeartbeatSeconds":10,"End":true}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED@/States/T/HeartbeatSeconds"));
  EXPECT_THAT(Problems(R"({"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::x",
      "TimeoutSeconds":0,"End":true}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED@/States/T/TimeoutSeconds"));
}

TEST(LoadTest, ExpressMachinesCannotWaitForTokens) {
  std::string definition = R"({"StartAt":"T","States":{"T":{"Type":"Task",
      "Resource":"arn:aws:states:::sns:publish.waitForTaskToken","End":true}}})";
  EXPECT_THAT(Problems(definition), IsEmpty());
  EXPECT_THAT(Problems(definition, {.type = MachineType::kExpress}),
              ElementsAre("SCHEMA_VALIDATION_FAILED@/States/T/Resource"));
}

TEST(LoadTest, MapFields) {
  LoadResult r = LoadDefinition(R"({"StartAt":"M","States":{"M":{"Type":"Map",
      "ItemsPath":"$.items","ItemSelector":{"v.$":"$$.Map.Item.Value"},"MaxConcurrency":2,
      "ToleratedFailurePercentage":10,"ItemBatcher":{"MaxItemsPerBatch":5},
      "ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"P",
                       "States":{"P":{"Type":"Pass","End":true}}},"End":true}}})");
  ASSERT_TRUE(r.ok());
  const State& state = r.machine->states[0];
  const auto& map = FieldsOf<MapFields>(state);
  EXPECT_TRUE(state.reads_context);
  EXPECT_EQ(*map.max_concurrency.value, 2);
  EXPECT_EQ(*map.tolerated_failure_percentage.value, 10);
  EXPECT_EQ(*map.item_batcher->max_items_per_batch.value, 5);
  ASSERT_NE(map.processor, nullptr);
  EXPECT_EQ(map.processor->states[0].name, "P");
}

TEST(LoadTest, MapProblems) {
  EXPECT_THAT(Problems(R"({"StartAt":"M","States":{"M":{"Type":"Map","ToleratedFailurePercentage":105,
      "ToleratedFailureCount":0,"ToleratedFailureCountPath":"$.c","End":true}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED@/States/M",  // Count and CountPath
                          "SCHEMA_VALIDATION_FAILED@/States/M/ToleratedFailurePercentage",
                          "SCHEMA_VALIDATION_FAILED@/States/M"));  // no ItemProcessor
}

TEST(LoadTest, QueryLanguages) {
  // A JSONata state in a JSONPath machine, and a JSONPath state inside it, are fine.
  EXPECT_THAT(Problems(R"({"StartAt":"Map","QueryLanguage":"JSONPath","States":{"Map":{"Type":"Map",
      "QueryLanguage":"JSONata","ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"Pass",
      "States":{"Pass":{"QueryLanguage":"JSONPath","Type":"Pass","End":true}}},"End":true}}})"),
              IsEmpty());
  // A JSONata machine cannot have JSONPath states.
  EXPECT_THAT(Problems(R"({"StartAt":"Pass","States":{"Pass":{"Type":"Pass","End":true,
      "QueryLanguage":"JSONPath"}},"QueryLanguage":"JSONata"})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED@/States/Pass"));
  // Each language's fields are rejected in the other's states.
  EXPECT_THAT(Problems(R"({"StartAt":"P","QueryLanguage":"JSONata","States":{"P":{"Type":"Pass",
      "Parameters":{},"ResultPath":"$.x","End":true}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED@/States/P/Parameters",
                          "SCHEMA_VALIDATION_FAILED@/States/P/ResultPath"));
  EXPECT_THAT(Problems(R"({"StartAt":"P","States":{"P":{"Type":"Pass","Output":{},"End":true}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED@/States/P/Output"));
}

TEST(LoadTest, JsonataDelimiters) {
  EXPECT_THAT(Problems(R"({"StartAt":"X","QueryLanguage":"JSONata","States":{"X":{"Type":"Pass",
      "Output":{"a":"{% 1 + 2 %}","b":"plain","c":"{% 10 %","d":"10 %}"},"End":true}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED@/States/X/Output/c",
                          "SCHEMA_VALIDATION_FAILED@/States/X/Output/d"));
}

TEST(LoadTest, CredentialsNeedARoleArn) {
  EXPECT_THAT(Problems(R"({"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::x",
      "Credentials":{},"End":true}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED@/States/T/Credentials"));
  EXPECT_THAT(Problems(R"({"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::x",
      "Credentials":null,"End":true}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED@/States/T/Credentials"));
}

TEST(LoadTest, HostileNestingIsBounded) {
  std::string definition;
  for (int i = 0; i < 100; ++i) {
    definition += R"({"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[)";
  }
  definition += R"({"StartAt":"S","States":{"S":{"Type":"Succeed"}}})";
  for (int i = 0; i < 100; ++i) definition += "]}}}";
  LoadResult r = LoadDefinition(definition);
  EXPECT_FALSE(r.ok());
  bool too_deep = false;
  for (const Diagnostic& d : r.diagnostics) too_deep = too_deep || d.code == "TOO_DEEPLY_NESTED";
  EXPECT_TRUE(too_deep);
}

}  // namespace
}  // namespace stepwise::asl
