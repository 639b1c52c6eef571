// ListMapRuns, DescribeMapRun and UpdateMapRun end to end through Service::Handle, on a real
// store in a temporary directory.
#include <gtest/gtest.h>

#include <filesystem>
#include <future>
#include <mutex>
#include <set>
#include <thread>

#include "api/service.h"
#include "json/parse.h"
#include "json/write.h"
#include "api/testing/service_harness.h"
#include "api/testing/token_inbox.h"
#include "tasks/function_invoker.h"

namespace stepwise::api {
namespace {

constexpr std::string_view kRole = "arn:aws:iam::123456789012:role/test";
constexpr std::string_view kRunPrefix = "arn:aws:states:us-east-1:123456789012:mapRun:";

json::Value J(std::string_view text) { return json::Parse(text).value(); }

std::string Quoted(std::string_view text) { return json::Write(json::Value::String(text)); }

// A Distributed Map over the input, each item through a Pass state.
constexpr std::string_view kDistributed = R"({"StartAt":"Fan","States":{
    "Fan":{"Type":"Map","Label":"Items","MaxConcurrency":2,
      "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
        "StartAt":"Each","States":{"Each":{"Type":"Pass","End":true}}},
      "End":true}}})";

// Every item fails; ToleratedFailureCount 1 lets one failure pass.
constexpr std::string_view kTolerant = R"({"StartAt":"Fan","States":{
    "Fan":{"Type":"Map","ToleratedFailureCount":1,
      "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
        "StartAt":"Boom","States":{"Boom":{"Type":"Fail","Error":"Boom","Cause":"no"}}},
      "End":true}}})";

// Every item fails, no tolerance.
constexpr std::string_view kFailing = R"({"StartAt":"Fan","States":{
    "Fan":{"Type":"Map","Label":"Failing",
      "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
        "StartAt":"Boom","States":{"Boom":{"Type":"Fail","Error":"Boom","Cause":"no"}}},
      "End":true}}})";

// The same Map three times in a loop.
constexpr std::string_view kLoop = R"json({"StartAt":"Init","States":{
    "Init":{"Type":"Pass","Parameters":{"n":0,"items":[1,2]},"Next":"Fan"},
    "Fan":{"Type":"Map","Label":"Loop","ItemsPath":"$.items","ResultPath":"$.results",
      "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
        "StartAt":"Each","States":{"Each":{"Type":"Pass","End":true}}},
      "Next":"Count"},
    "Count":{"Type":"Pass","Parameters":{"n.$":"States.MathAdd($.n, 1)","items.$":"$.items"},
      "Next":"Again"},
    "Again":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericLessThan":3,"Next":"Fan"}],
      "Default":"Done"},
    "Done":{"Type":"Succeed"}}})json";

// Each item waits for its task token (Notify hands it to the test).
constexpr std::string_view kWaiting = R"({"StartAt":"Fan","States":{
    "Fan":{"Type":"Map","MaxConcurrency":1,
      "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
        "StartAt":"Notify","States":{"Notify":{"Type":"Task",
          "Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
          "Parameters":{"token.$":"$$.Task.Token"},"End":true}}},
      "End":true}}})";

class MapRunsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto router = std::make_shared<engine::TaskRouter>();
    router->RouteState("Notify", tokens_.Invoker());
    harness_ = std::make_unique<testing::ServiceHarness>(router);
  }
  void TearDown() override { harness_.reset(); }

  Result<json::Value> Call(const std::string& action, std::string_view request) {
    return harness_->Call(action, J(request));
  }
  json::Value Ok(const std::string& action, std::string_view request) {
    Result<json::Value> r = Call(action, request);
    EXPECT_TRUE(r.ok()) << action << ": "
                        << (r.ok() ? "" : r.error().name() + ": " + r.error().message());
    return r.ok() ? r.value() : json::Value();
  }
  std::string ErrorOf(const std::string& action, std::string_view request) {
    Result<json::Value> r = Call(action, request);
    return r.ok() ? "ok" : r.error().name();
  }
  std::string Create(const std::string& name, std::string_view definition) {
    json::Value request = json::Value::Object({{"name", json::Value::String(name)},
                                               {"definition", json::Value::String(definition)},
                                               {"roleArn", json::Value::String(kRole)}});
    return std::string(
        Ok("CreateStateMachine", json::Write(request)).Find("stateMachineArn")->as_string());
  }
  std::string Start(const std::string& machine, std::string_view input, std::string_view name) {
    json::Value request = json::Value::Object({{"stateMachineArn", json::Value::String(machine)},
                                               {"input", json::Value::String(input)},
                                               {"name", json::Value::String(name)}});
    json::Value r = Ok("StartExecution", json::Write(request));
    return r.is_null() ? "" : std::string(r.Find("executionArn")->as_string());
  }
  // The status an execution ended with ("" when it could not be described).
  std::string WaitEnded(const std::string& execution) {
    json::Value ended = harness_->WaitEnded(execution);
    const json::Value* status = ended.is_null() ? nullptr : ended.Find("status");
    return status != nullptr ? std::string(status->as_string()) : "";
  }
  json::Value List(const std::string& execution, std::string_view extra = "") {
    return Ok("ListMapRuns", R"({"executionArn":)" + Quoted(execution) + std::string(extra) + "}");
  }
  json::Value Describe(std::string_view run) {
    return Ok("DescribeMapRun", R"({"mapRunArn":)" + Quoted(run) + "}");
  }
  // The execution's one map run (waiting, while it runs, until its start is committed).
  std::string OnlyRun(const std::string& execution) {
    json::Value runs = List(execution);
    for (int i = 0; i < 1000 && !runs.is_null() && runs.Find("mapRuns")->size() == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      runs = List(execution);
    }
    const json::Value* list = runs.is_null() ? nullptr : runs.Find("mapRuns");
    if (list == nullptr || list->size() != 1) {
      ADD_FAILURE() << "expected one map run of " << execution;
      return "";
    }
    return std::string(list->items()[0].Find("mapRunArn")->as_string());
  }
  std::string NextToken() { return tokens_.Next(); }

  testing::TokenInbox tokens_;  // declared before the harness, which it must outlive
  std::unique_ptr<testing::ServiceHarness> harness_;
};

int64_t Count(const json::Value& describe, std::string_view counts, std::string_view member) {
  return describe.Find(counts)->Find(member)->as_int();
}

TEST_F(MapRunsTest, ListsTheRunOfAFinishedExecution) {
  std::string machine = Create("fan", kDistributed);
  std::string execution = Start(machine, "[1,2,3]", "first");
  ASSERT_EQ(WaitEnded(execution), "SUCCEEDED");
  json::Value runs = List(execution);
  ASSERT_EQ(runs.Find("mapRuns")->size(), 1u);
  EXPECT_EQ(runs.Find("nextToken"), nullptr);
  const json::Value& run = runs.Find("mapRuns")->items()[0];
  EXPECT_EQ(run.Find("executionArn")->as_string(), execution);
  EXPECT_TRUE(
      run.Find("mapRunArn")->as_string().starts_with(std::string(kRunPrefix) + "fan/Items:first-"))
      << run.Find("mapRunArn")->as_string();
  // AWS names the run's child workflow MACHINE/LABEL.
  EXPECT_EQ(run.Find("stateMachineArn")->as_string(), machine + "/Items");
  EXPECT_NE(run.Find("startDate"), nullptr);
  EXPECT_NE(run.Find("stopDate"), nullptr);
}

TEST_F(MapRunsTest, DescribesASucceededRun) {
  std::string execution = Start(Create("fan", kDistributed), "[1,2,3]", "first");
  ASSERT_EQ(WaitEnded(execution), "SUCCEEDED");
  std::string run = OnlyRun(execution);
  json::Value d = Describe(run);
  EXPECT_EQ(d.Find("mapRunArn")->as_string(), run);
  EXPECT_EQ(d.Find("executionArn")->as_string(), execution);
  EXPECT_EQ(d.Find("status")->as_string(), "SUCCEEDED");
  EXPECT_LE(d.Find("startDate")->as_number(), d.Find("stopDate")->as_number());
  EXPECT_EQ(d.Find("maxConcurrency")->as_int(), 2);
  EXPECT_EQ(d.Find("toleratedFailureCount")->as_int(), 0);
  EXPECT_EQ(d.Find("toleratedFailurePercentage")->as_number(), 0);
  EXPECT_EQ(d.Find("redriveCount")->as_int(), 0);
  for (std::string_view counts : {"itemCounts", "executionCounts"}) {
    EXPECT_EQ(Count(d, counts, "total"), 3);
    EXPECT_EQ(Count(d, counts, "succeeded"), 3);
    EXPECT_EQ(Count(d, counts, "resultsWritten"), 3);
    EXPECT_EQ(Count(d, counts, "failed"), 0);
    EXPECT_EQ(Count(d, counts, "pending"), 0);
    EXPECT_EQ(Count(d, counts, "running"), 0);
    EXPECT_EQ(Count(d, counts, "aborted"), 0);
    EXPECT_EQ(Count(d, counts, "timedOut"), 0);
    EXPECT_EQ(Count(d, counts, "failuresNotRedrivable"), 0);
    EXPECT_EQ(Count(d, counts, "pendingRedrive"), 0);
  }
}

TEST_F(MapRunsTest, DescribesAFailedRun) {
  std::string execution = Start(Create("failing", kFailing), "[1,2,3]", "one");
  ASSERT_EQ(WaitEnded(execution), "FAILED");
  json::Value d = Describe(OnlyRun(execution));
  EXPECT_EQ(d.Find("status")->as_string(), "FAILED");
  EXPECT_NE(d.Find("stopDate"), nullptr);
  EXPECT_EQ(Count(d, "itemCounts", "total"), 3);
  EXPECT_EQ(Count(d, "itemCounts", "failed"), 1);
  EXPECT_EQ(Count(d, "itemCounts", "aborted"), 2);
  EXPECT_EQ(Count(d, "itemCounts", "succeeded"), 0);
}

TEST_F(MapRunsTest, AFailedRunPastItsToleranceCountsTheToleratedFailures) {
  std::string execution = Start(Create("tolerant", kTolerant), "[1,2,3]", "one");
  ASSERT_EQ(WaitEnded(execution), "FAILED");
  std::string run = OnlyRun(execution);
  // Without a Label the run is named after the state.
  EXPECT_TRUE(run.starts_with(std::string(kRunPrefix) + "tolerant/Fan:one-")) << run;
  json::Value d = Describe(run);
  EXPECT_EQ(d.Find("status")->as_string(), "FAILED");
  EXPECT_EQ(d.Find("toleratedFailureCount")->as_int(), 1);
  EXPECT_EQ(Count(d, "executionCounts", "failed"), 2);
  EXPECT_EQ(Count(d, "executionCounts", "aborted"), 1);
}

TEST_F(MapRunsTest, AMapInALoopStartsANewRunEachTimeAndPages) {
  std::string execution = Start(Create("loop", kLoop), "{}", "looping");
  ASSERT_EQ(WaitEnded(execution), "SUCCEEDED");
  json::Value all = List(execution);
  ASSERT_EQ(all.Find("mapRuns")->size(), 3u);
  std::set<std::string> arns;
  for (const json::Value& run : all.Find("mapRuns")->items()) {
    arns.insert(std::string(run.Find("mapRunArn")->as_string()));
    json::Value d = Describe(run.Find("mapRunArn")->as_string());
    EXPECT_EQ(d.Find("status")->as_string(), "SUCCEEDED");
    EXPECT_EQ(Count(d, "itemCounts", "total"), 2);
    EXPECT_EQ(d.Find("stopDate")->as_number(), run.Find("stopDate")->as_number());
  }
  EXPECT_EQ(arns.size(), 3u);

  json::Value first = List(execution, R"(,"maxResults":2)");
  ASSERT_EQ(first.Find("mapRuns")->size(), 2u);
  ASSERT_NE(first.Find("nextToken"), nullptr);
  json::Value second = List(
      execution, R"(,"maxResults":2,"nextToken":)" + Quoted(first.Find("nextToken")->as_string()));
  ASSERT_EQ(second.Find("mapRuns")->size(), 1u);
  EXPECT_EQ(second.Find("nextToken"), nullptr);
  EXPECT_EQ(second.Find("mapRuns")->items()[0].Find("mapRunArn")->as_string(),
            all.Find("mapRuns")->items()[2].Find("mapRunArn")->as_string());
}

TEST_F(MapRunsTest, AnExecutionWithoutDistributedMapsHasNoRuns) {
  std::string execution =
      Start(Create("plain", R"({"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}})"), "{}",
            "plain");
  ASSERT_EQ(WaitEnded(execution), "SUCCEEDED");
  EXPECT_EQ(List(execution).Find("mapRuns")->size(), 0u);
}

TEST_F(MapRunsTest, ListMapRunsErrors) {
  EXPECT_EQ(ErrorOf("ListMapRuns", "{}"), "ValidationException");
  EXPECT_EQ(ErrorOf("ListMapRuns", R"({"executionArn":"nope"})"), "InvalidArn");
  EXPECT_EQ(ErrorOf("ListMapRuns",
                    R"({"executionArn":"arn:aws:states:us-east-1:123456789012:execution:m:none"})"),
            "ExecutionDoesNotExist");
  std::string execution = Start(Create("fan", kDistributed), "[1]", "e");
  ASSERT_EQ(WaitEnded(execution), "SUCCEEDED");
  EXPECT_EQ(ErrorOf("ListMapRuns",
                    R"({"executionArn":)" + Quoted(execution) + R"(,"nextToken":"forged"})"),
            "InvalidToken");
  EXPECT_EQ(
      ErrorOf("ListMapRuns", R"({"executionArn":)" + Quoted(execution) + R"(,"maxResults":1001})"),
      "ValidationException");
}

TEST_F(MapRunsTest, DescribeMapRunErrors) {
  EXPECT_EQ(ErrorOf("DescribeMapRun", "{}"), "ValidationException");
  EXPECT_EQ(ErrorOf("DescribeMapRun", R"({"mapRunArn":"nope"})"), "InvalidArn");
  EXPECT_EQ(ErrorOf("DescribeMapRun",
                    R"({"mapRunArn":"arn:aws:states:us-east-1:123456789012:execution:m:e"})"),
            "InvalidArn");
  std::string execution = Start(Create("fan", kDistributed), "[1]", "e");
  ASSERT_EQ(WaitEnded(execution), "SUCCEEDED");
  std::string run = OnlyRun(execution);
  // Another event of the same execution, another label, an ID this service does not make.
  for (std::string missing :
       {std::string(kRunPrefix) + "fan/Items:e-1", std::string(kRunPrefix) + "fan/Other:e-3",
        std::string(kRunPrefix) + "fan/Items:ad9b5f27-090b-3ac6-9beb-243cd77144a7",
        std::string(kRunPrefix) + "fan/Items:other-3"}) {
    EXPECT_EQ(ErrorOf("DescribeMapRun", R"({"mapRunArn":)" + Quoted(missing) + "}"),
              "ResourceNotFound")
        << missing;
  }
}

TEST_F(MapRunsTest, UpdateMapRunValidatesItsValues) {
  std::string execution = Start(Create("fan", kDistributed), "[1]", "e");
  ASSERT_EQ(WaitEnded(execution), "SUCCEEDED");
  std::string run = Quoted(OnlyRun(execution));
  EXPECT_EQ(ErrorOf("UpdateMapRun", R"({"maxConcurrency":1})"), "ValidationException");
  EXPECT_EQ(ErrorOf("UpdateMapRun", R"({"mapRunArn":)" + run + R"(,"maxConcurrency":-1})"),
            "ValidationException");
  EXPECT_EQ(ErrorOf("UpdateMapRun", R"({"mapRunArn":)" + run + R"(,"toleratedFailureCount":-1})"),
            "ValidationException");
  EXPECT_EQ(
      ErrorOf("UpdateMapRun", R"({"mapRunArn":)" + run + R"(,"toleratedFailurePercentage":100.5})"),
      "ValidationException");
  EXPECT_EQ(
      ErrorOf("UpdateMapRun", R"({"mapRunArn":)" + run + R"(,"toleratedFailurePercentage":"5"})"),
      "SerializationException");
  // None of the three values.
  EXPECT_EQ(ErrorOf("UpdateMapRun", R"({"mapRunArn":)" + run + "}"), "ValidationException");
  EXPECT_EQ(ErrorOf("UpdateMapRun", R"({"mapRunArn":"nope","maxConcurrency":1})"), "InvalidArn");
  EXPECT_EQ(ErrorOf("UpdateMapRun", R"({"mapRunArn":)" +
                                        Quoted(std::string(kRunPrefix) + "fan/Items:none-3") +
                                        R"(,"maxConcurrency":1})"),
            "ResourceNotFound");
  // The run has ended: AWS's CANNOT_UPDATE_COMPLETED_MAP_RUN.
  Result<json::Value> completed =
      Call("UpdateMapRun", R"({"mapRunArn":)" + run + R"(,"maxConcurrency":1})");
  ASSERT_FALSE(completed.ok());
  EXPECT_EQ(completed.error().name(), "ValidationException");
}

// A run in progress is listed and described as the engine has it, and UpdateMapRun changes its
// bound at once: with MaxConcurrency 1 one item waits at a time; raised to 3, the other two
// start without waiting for the first.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_UpdateMapRun.html
TEST_F(MapRunsTest, ARunInProgressIsListedAndUpdateMapRunRaisesItsBound) {
  std::string execution = Start(Create("waiting", kWaiting), "[1,2,3]", "w");
  std::string first = NextToken();
  // ExecutionStarted, MapStateEntered, then MapStateStarted: event 3.
  std::string run = std::string(kRunPrefix) + "waiting/Fan:w-3";
  EXPECT_EQ(OnlyRun(execution), run);
  json::Value d = Describe(run);
  EXPECT_EQ(d.Find("status")->as_string(), "RUNNING");
  EXPECT_EQ(Count(d, "executionCounts", "running"), 1);
  EXPECT_EQ(Count(d, "executionCounts", "pending"), 2);
  EXPECT_TRUE(tokens_.Empty()) << "a second item started under MaxConcurrency 1";
  Ok("UpdateMapRun", R"({"mapRunArn":)" + Quoted(run) + R"(,"maxConcurrency":3})");
  std::string second = NextToken();
  std::string third = NextToken();
  d = Describe(run);
  EXPECT_EQ(d.Find("maxConcurrency")->as_int(), 3);
  EXPECT_EQ(Count(d, "executionCounts", "running"), 3);
  EXPECT_EQ(Count(d, "executionCounts", "pending"), 0);
  for (const std::string& token : {first, second, third}) {
    Ok("SendTaskSuccess", R"({"taskToken":)" + Quoted(token) + R"(,"output":"{}"})");
  }
  ASSERT_EQ(WaitEnded(execution), "SUCCEEDED");
  d = Describe(run);
  EXPECT_EQ(d.Find("status")->as_string(), "SUCCEEDED");
  EXPECT_EQ(Count(d, "itemCounts", "succeeded"), 3);
  EXPECT_EQ(ErrorOf("UpdateMapRun", R"({"mapRunArn":)" + Quoted(run) + R"(,"maxConcurrency":1})"),
            "ValidationException");
}

// A run in progress survives a restart: the item that ended stays ended (its token is not
// handed out again), the one waiting for its token is dispatched again with the same token, and
// the run is still reachable by its ARN for DescribeMapRun and UpdateMapRun.
TEST_F(MapRunsTest, ARunInProgressGoesOnAfterARestart) {
  std::string execution = Start(Create("waiting", kWaiting), "[1,2,3]", "r");
  std::string run = OnlyRun(execution);
  Ok("SendTaskSuccess", R"({"taskToken":)" + Quoted(NextToken()) + R"(,"output":"{\"n\":1}"})");
  // The second item's token reaches it only once its start (and the first item's end) is
  // committed.
  std::string second = NextToken();
  EXPECT_EQ(harness_->Restart(), 1u);
  EXPECT_EQ(NextToken(), second);  // dispatched again: at least once
  json::Value d = Describe(run);
  EXPECT_EQ(d.Find("status")->as_string(), "RUNNING");
  EXPECT_EQ(Count(d, "executionCounts", "succeeded"), 1);
  EXPECT_EQ(Count(d, "executionCounts", "running"), 1);
  EXPECT_EQ(Count(d, "executionCounts", "pending"), 1);
  Ok("UpdateMapRun", R"({"mapRunArn":)" + Quoted(run) + R"(,"maxConcurrency":2})");
  std::string third = NextToken();
  EXPECT_TRUE(tokens_.Empty()) << "an item was handed out again";
  Ok("SendTaskSuccess", R"({"taskToken":)" + Quoted(second) + R"(,"output":"{\"n\":2}"})");
  Ok("SendTaskSuccess", R"({"taskToken":)" + Quoted(third) + R"(,"output":"{\"n\":3}"})");
  ASSERT_EQ(WaitEnded(execution), "SUCCEEDED");
  json::Value described =
      Ok("DescribeExecution", R"({"executionArn":)" + Quoted(execution) + "}");
  EXPECT_EQ(described.Find("output")->as_string(), R"([{"n":1},{"n":2},{"n":3}])");
  EXPECT_EQ(Count(Describe(run), "itemCounts", "succeeded"), 3);
}

// UpdateMapRun's tolerance applies to the running Map: a failure the Map started without
// tolerating is tolerated once the count is raised.
TEST_F(MapRunsTest, UpdateMapRunRaisesTheToleranceOfARunningMap) {
  std::string execution = Start(Create("waiting", kWaiting), "[1,2]", "t");
  std::string first = NextToken();
  std::string run = OnlyRun(execution);
  Ok("UpdateMapRun", R"({"mapRunArn":)" + Quoted(run) + R"(,"toleratedFailureCount":1})");
  Ok("SendTaskFailure", R"({"taskToken":)" + Quoted(first) + R"(,"error":"Bad"})");
  Ok("SendTaskSuccess", R"({"taskToken":)" + Quoted(NextToken()) + R"(,"output":"{}"})");
  EXPECT_EQ(WaitEnded(execution), "SUCCEEDED");
}

// The execution's end commits the Map's events: a run without an end event was aborted.
TEST_F(MapRunsTest, ARunOfAStoppedExecutionIsAborted) {
  std::string execution = Start(Create("waiting", kWaiting), "[1,2]", "w");
  NextToken();
  Ok("StopExecution", R"({"executionArn":)" + Quoted(execution) + "}");
  ASSERT_EQ(WaitEnded(execution), "ABORTED");
  std::string run = OnlyRun(execution);
  json::Value listed = List(execution);
  EXPECT_NE(listed.Find("mapRuns")->items()[0].Find("stopDate"), nullptr);
  json::Value d = Describe(run);
  EXPECT_EQ(d.Find("status")->as_string(), "ABORTED");
  EXPECT_NE(d.Find("stopDate"), nullptr);
  EXPECT_EQ(Count(d, "itemCounts", "aborted"), 2);
  EXPECT_EQ(Count(d, "executionCounts", "total"), 2);
}

}  // namespace
}  // namespace stepwise::api
