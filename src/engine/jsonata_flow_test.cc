// JSONata states end to end: $states, Arguments/Output/Assign, each state type, the functions
// Step Functions adds, and States.QueryEvaluationError.
// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html

#include "engine/jsonata_flow.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "asl/load.h"
#include "engine/run.h"
#include "json/parse.h"
#include "json/write.h"

namespace stepwise::engine {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;

json::Value J(std::string_view text) { return json::Parse(text).value(); }

RunResult RunDef(std::string_view definition, std::string_view input = "{}",
                 const TaskRouter& router = TaskRouter()) {
  asl::LoadResult loaded = asl::LoadDefinition(definition);
  EXPECT_TRUE(loaded.ok()) << (loaded.diagnostics.empty() ? "" : loaded.diagnostics[0].message);
  RunOptions options;
  options.clock = ClockKind::kSimulated;
  options.record_history = true;
  options.seed = 7;
  return RunExecution(loaded.machine, J(input), router, options);
}

std::string Out(const RunResult& r) { return json::Write(r.output); }

std::vector<std::string> EventTypes(const RunResult& result) {
  std::vector<std::string> types;
  for (const HistoryEvent& e : result.history->Snapshot()) {
    types.emplace_back(EventTypeName(e.type));
  }
  return types;
}

// A task that answers synchronously with fn(input), recording what it was given.
class FunctionTask : public TaskInvoker {
 public:
  explicit FunctionTask(std::function<TaskOutcome(const json::Value&)> fn) : fn_(std::move(fn)) {}
  void Invoke(const TaskRequest& request, TaskCompletion complete) override {
    inputs.push_back(request.input);
    complete(fn_(request.input));
  }
  std::vector<json::Value> inputs;

 private:
  std::function<TaskOutcome(const json::Value&)> fn_;
};

TaskRouter Echo(std::shared_ptr<FunctionTask>* task = nullptr) {
  auto echo = std::make_shared<FunctionTask>(
      [](const json::Value& in) { return TaskOutcome::Success(J(R"j({"Payload":)j" +
                                                                json::Write(in) + "}")); });
  if (task != nullptr) *task = echo;
  TaskRouter router;
  router.SetFallback(echo);
  return router;
}

TEST(JsonataFlowTest, TaskArgumentsOutputAndAssignSeeInputAndResult) {
  std::shared_ptr<FunctionTask> task;
  RunResult r = RunDef(R"j({"QueryLanguage":"JSONata","StartAt":"T","States":{
      "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
           "Arguments":{"n":"{% $states.input.n * 2 %}","fixed":"$.not.a.path"},
           "Assign":{"got":"{% $states.result.Payload.n %}"},
           "Output":{"from":"{% $states.input.n %}","result":"{% $states.result.Payload %}"},
           "Next":"P"},
      "P":{"Type":"Pass","Output":"{% $got + 1 %}","End":true}}})j",
                       R"j({"n":5})j", Echo(&task));
  ASSERT_EQ(r.status, ExecutionStatus::kSucceeded) << r.cause;
  ASSERT_EQ(task->inputs.size(), 1u);
  EXPECT_EQ(json::Write(task->inputs[0]), R"j({"n":10,"fixed":"$.not.a.path"})j");
  EXPECT_EQ(Out(r), "11");
}

TEST(JsonataFlowTest, OutputDefaultsToTheResultOrTheInput) {
  // A Task's output is its result; a Pass state's is its input.
  RunResult r = RunDef(R"j({"QueryLanguage":"JSONata","StartAt":"P","States":{
      "P":{"Type":"Pass","Next":"T"},
      "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}})j",
                       R"j({"a":1})j", Echo());
  ASSERT_EQ(r.status, ExecutionStatus::kSucceeded) << r.cause;
  EXPECT_EQ(Out(r), R"j({"Payload":{"a":1}})j");
}

TEST(JsonataFlowTest, AssignAndOutputOfOneStateSeeTheVariablesAsTheyWere) {
  // https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html: a state's
  // assignments take effect after it; its own Output reads the previous values.
  RunResult r = RunDef(R"j({"QueryLanguage":"JSONata","StartAt":"A","States":{
      "A":{"Type":"Pass","Assign":{"x":1},"Next":"B"},
      "B":{"Type":"Pass","Assign":{"x":"{% $x + 10 %}"},"Output":{"seen":"{% $x %}"},"Next":"C"},
      "C":{"Type":"Pass","Output":{"before":"{% $states.input.seen %}","now":"{% $x %}"},
           "End":true}}})j");
  ASSERT_EQ(r.status, ExecutionStatus::kSucceeded) << r.cause;
  EXPECT_EQ(Out(r), R"j({"before":1,"now":11})j");
}

TEST(JsonataFlowTest, ContextIsStatesContext) {
  RunResult r = RunDef(R"j({"QueryLanguage":"JSONata","StartAt":"P","States":{
      "P":{"Type":"Pass","Output":{"name":"{% $states.context.State.Name %}",
           "input":"{% $states.context.Execution.Input %}"},"End":true}}})j",
                       R"j({"k":"v"})j");
  ASSERT_EQ(r.status, ExecutionStatus::kSucceeded) << r.cause;
  EXPECT_EQ(Out(r), R"j({"name":"P","input":{"k":"v"}})j");
}

TEST(JsonataFlowTest, CatchOutputAndAssignSeeTheErrorOutput) {
  RunResult r = RunDef(R"j({"QueryLanguage":"JSONata","StartAt":"T","States":{
      "T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f",
           "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Done",
                     "Assign":{"why":"{% $states.errorOutput.Error %}"},
                     "Output":{"in":"{% $states.input %}","error":"{% $states.errorOutput %}"}}],
           "End":true},
      "Done":{"Type":"Pass","Output":{"why":"{% $why %}","error":"{% $states.input.error.Error %}",
              "in":"{% $states.input.in %}"},"End":true}}})j",
                       R"j({"a":1})j");
  ASSERT_EQ(r.status, ExecutionStatus::kSucceeded) << r.cause;
  EXPECT_EQ(Out(r), R"j({"why":"States.TaskFailed","error":"States.TaskFailed","in":{"a":1}})j");
}

TEST(JsonataFlowTest, CatchOutputDefaultsToTheErrorOutput) {
  RunResult r = RunDef(R"j({"QueryLanguage":"JSONata","StartAt":"F","States":{
      "F":{"Type":"Pass","Output":"{% $number('x') %}","End":true}}})j");
  ASSERT_EQ(r.status, ExecutionStatus::kFailed);
  RunResult caught = RunDef(R"j({"QueryLanguage":"JSONata","StartAt":"T","States":{
      "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
           "Arguments":"{% $undefinedVariable %}",
           "Catch":[{"ErrorEquals":["States.QueryEvaluationError"],"Next":"Done"}],"End":true},
      "Done":{"Type":"Succeed"}}})j");
  ASSERT_EQ(caught.status, ExecutionStatus::kSucceeded) << caught.cause;
  EXPECT_EQ(json::Write(*caught.output.Find("Error")), R"j("States.QueryEvaluationError")j");
}

TEST(JsonataFlowTest, ChoiceConditionsAndTheirAssignAndOutput) {
  std::string definition = R"j({"QueryLanguage":"JSONata","StartAt":"C","States":{
      "C":{"Type":"Choice","Choices":[
             {"Condition":"{% $states.input.n > 1 %}","Next":"Done",
              "Assign":{"branch":"big"},"Output":{"n":"{% $states.input.n %}"}}],
           "Default":"Done","Assign":{"branch":"default"},"Output":"small"},
      "Done":{"Type":"Pass","Output":{"branch":"{% $branch %}","in":"{% $states.input %}"},
              "End":true}}})j";
  EXPECT_EQ(Out(RunDef(definition, R"j({"n":2})j")), R"j({"branch":"big","in":{"n":2}})j");
  EXPECT_EQ(Out(RunDef(definition, R"j({"n":0})j")), R"j({"branch":"default","in":"small"})j");
}

TEST(JsonataFlowTest, AConditionThatIsNotBooleanIsAQueryEvaluationError) {
  RunResult r = RunDef(R"j({"QueryLanguage":"JSONata","StartAt":"C","States":{
      "C":{"Type":"Choice","Choices":[{"Condition":"{% $states.input.n %}","Next":"D"}]},
      "D":{"Type":"Succeed"}}})j",
                       R"j({"n":2})j");
  EXPECT_EQ(r.error, "States.QueryEvaluationError");
  EXPECT_EQ(r.cause,
            "An error occurred while executing the state 'C' (entered at the event id #2). The "
            "JSONata expression '$states.input.n' specified for the field 'Condition' returned an "
            "unexpected result type. Expected 'boolean', but was 'number' for value: 2");
}

TEST(JsonataFlowTest, MapItemsItemSelectorAndResult) {
  RunResult r = RunDef(R"j({"QueryLanguage":"JSONata","StartAt":"M","States":{
      "M":{"Type":"Map","Items":"{% $states.input.xs %}","MaxConcurrency":"{% 1 + 1 %}",
           "ItemSelector":{"v":"{% $states.context.Map.Item.Value %}",
                           "i":"{% $states.context.Map.Item.Index %}",
                           "k":"{% $states.input.k %}"},
           "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},
           "Output":{"count":"{% $count($states.result) %}","all":"{% $states.result %}"},
           "End":true}}})j",
                       R"j({"xs":["a","b"],"k":9})j");
  ASSERT_EQ(r.status, ExecutionStatus::kSucceeded) << r.cause;
  EXPECT_EQ(Out(r), R"j({"count":2,"all":[{"v":"a","i":0,"k":9},{"v":"b","i":1,"k":9}]})j");
}

TEST(JsonataFlowTest, MapItemsThatAreNotAnArrayFailTheMap) {
  RunResult r = RunDef(R"j({"QueryLanguage":"JSONata","StartAt":"M","States":{
      "M":{"Type":"Map","Items":"{% 'x' %}",
           "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},
           "End":true}}})j");
  EXPECT_EQ(r.error, "States.QueryEvaluationError");
  EXPECT_THAT(EventTypes(r), ElementsAre("ExecutionStarted", "MapStateEntered", "EvaluationFailed",
                                         "MapStateFailed", "ExecutionFailed"));
}

TEST(JsonataFlowTest, ParallelArgumentsAndResult) {
  RunResult r = RunDef(R"j({"QueryLanguage":"JSONata","StartAt":"P","States":{
      "P":{"Type":"Parallel","Arguments":{"v":"{% $states.input.v + 1 %}"},
           "Branches":[
             {"StartAt":"A","States":{"A":{"Type":"Pass","Output":"{% $states.input.v %}",
                                           "End":true}}},
             {"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}],
           "Output":"{% $states.result %}","End":true}}})j",
                       R"j({"v":1})j");
  ASSERT_EQ(r.status, ExecutionStatus::kSucceeded) << r.cause;
  EXPECT_EQ(Out(r), R"j([2,{"v":2}])j");
}

TEST(JsonataFlowTest, WaitSecondsAndTimestampExpressions) {
  RunResult r = RunDef(R"j({"QueryLanguage":"JSONata","StartAt":"W","States":{
      "W":{"Type":"Wait","Seconds":"{% $states.input.s %}","Next":"T"},
      "T":{"Type":"Wait","Timestamp":"{% $states.input.t %}","End":true}}})j",
                       R"j({"s":30,"t":"2016-03-14T01:59:00Z"})j");
  ASSERT_EQ(r.status, ExecutionStatus::kSucceeded) << r.cause;
  RunResult bad = RunDef(R"j({"QueryLanguage":"JSONata","StartAt":"W","States":{
      "W":{"Type":"Wait","Seconds":"{% 1.5 %}","End":true}}})j");
  EXPECT_EQ(bad.error, "States.QueryEvaluationError");
  EXPECT_THAT(bad.cause, HasSubstr("Expected 'integer', but was 'number' for value: 1.5"));
}

TEST(JsonataFlowTest, FailErrorAndCauseExpressions) {
  RunResult r = RunDef(R"j({"QueryLanguage":"JSONata","StartAt":"F","States":{
      "F":{"Type":"Fail","Error":"{% 'E.' & $states.input.code %}",
           "Cause":"{% $string($states.input.n) %}"}}})j",
                       R"j({"code":"Bad","n":3})j");
  EXPECT_EQ(r.error, "E.Bad");
  EXPECT_EQ(r.cause, "3");
}

TEST(JsonataFlowTest, MixedQueryLanguages) {
  // A JSONPath state's variables are read by a JSONata state, and the reverse.
  RunResult r = RunDef(R"j({"StartAt":"A","States":{
      "A":{"Type":"Pass","Assign":{"a":1},"Next":"B"},
      "B":{"Type":"Pass","QueryLanguage":"JSONata","Assign":{"b":"{% $a + 1 %}"},
           "Output":{"x":"{% $a %}"},"Next":"C"},
      "C":{"Type":"Pass","Parameters":{"x.$":"$.x","b.$":"$b"},"End":true}}})j");
  ASSERT_EQ(r.status, ExecutionStatus::kSucceeded) << r.cause;
  EXPECT_EQ(Out(r), R"j({"x":1,"b":2})j");
}

TEST(JsonataFlowTest, StepFunctionsFunctions) {
  RunResult r = RunDef(R"j({"QueryLanguage":"JSONata","StartAt":"P","States":{
      "P":{"Type":"Pass","Output":{
        "partition":"{% $partition([1,2,3,4,5], 2) %}",
        "range":"{% $range(0, 10, 5) %}",
        "hash":"{% $hash('abc', 'SHA-256') %}",
        "parse":"{% $parse('{\"a\":[1,true]}') %}",
        "seeded":"{% $random(42) = $random(42) %}",
        "unit":"{% $random() >= 0 and $random() < 1 %}",
        "uuid":"{% $uuid() %}"},"End":true}}})j");
  ASSERT_EQ(r.status, ExecutionStatus::kSucceeded) << r.cause;
  EXPECT_EQ(json::Write(*r.output.Find("partition")), "[[1,2],[3,4],[5]]");
  EXPECT_EQ(json::Write(*r.output.Find("range")), "[0,5,10]");
  EXPECT_EQ(json::Write(*r.output.Find("hash")),
            R"j("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")j");
  EXPECT_EQ(json::Write(*r.output.Find("parse")), R"j({"a":[1,true]})j");
  EXPECT_EQ(json::Write(*r.output.Find("seeded")), "true");
  EXPECT_EQ(json::Write(*r.output.Find("unit")), "true");
  EXPECT_THAT(std::string(r.output.Find("uuid")->as_string()),
              MatchesRegex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
}

TEST(JsonataFlowTest, InvalidArgumentsToAFunctionFailTheState) {
  RunResult r = RunDef(R"j({"QueryLanguage":"JSONata","StartAt":"P","States":{
      "P":{"Type":"Pass","Output":"{% $partition([1], 0) %}","End":true}}})j");
  EXPECT_EQ(r.error, "States.QueryEvaluationError");
  EXPECT_THAT(r.cause, HasSubstr("Invalid arguments in $partition"));
}

TEST(JsonataFlowTest, UndefinedResultsNameTheFieldAndRecordEvaluationFailed) {
  RunResult r = RunDef(R"j({"QueryLanguage":"JSONata","StartAt":"P","States":{
      "P":{"Type":"Pass","Output":{"deep":["{% $nothing %}"]},"End":true}}})j");
  EXPECT_EQ(r.error, "States.QueryEvaluationError");
  EXPECT_EQ(r.cause,
            "An error occurred while executing the state 'P' (entered at the event id #2). The "
            "JSONata expression '$nothing' specified for the field 'Output/deep/0' returned "
            "nothing (undefined).");
  EXPECT_THAT(EventTypes(r), ElementsAre("ExecutionStarted", "PassStateEntered",
                                         "EvaluationFailed", "ExecutionFailed"));
  json::Value event = EventToJson(r.history->Snapshot()[2]);
  EXPECT_EQ(json::Write(*event.Find("evaluationFailedEventDetails")->Find("location")),
            R"j("Output/deep/0")j");
}

TEST(JsonataFlowTest, AJsonataErrorBecomesTheCause) {
  RunResult r = RunDef(R"j({"QueryLanguage":"JSONata","StartAt":"P","States":{
      "P":{"Type":"Pass","Output":"{% $states.input.s + 1 %}","End":true}}})j",
                       R"j({"s":"text"})j");
  EXPECT_EQ(r.error, "States.QueryEvaluationError");
  EXPECT_THAT(r.cause, HasSubstr("specified for the field 'Output' threw an error during "
                                 "evaluation: T2001: "));
}

TEST(JsonataFlowTest, AHostileExpressionFailsInsteadOfHangingOrCrashing) {
  RunResult r = RunDef(R"j({"QueryLanguage":"JSONata","StartAt":"P","States":{
      "P":{"Type":"Pass","Output":"{% ($f := function($n){ $n + $f($n + 1) }; $f(0)) %}",
           "End":true}}})j");
  EXPECT_EQ(r.error, "States.QueryEvaluationError");
  EXPECT_THAT(r.cause, HasSubstr("U1001"));
}

}  // namespace
}  // namespace stepwise::engine
