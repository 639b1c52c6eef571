// The actions end to end through Service::Handle, on a real store in a temporary directory.
#include "api/service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include <atomic>
#include <filesystem>
#include <future>
#include <mutex>
#include <thread>

#include "json/parse.h"
#include "json/write.h"
#include "api/testing/service_harness.h"
#include "api/testing/token_inbox.h"
#include "tasks/function_invoker.h"

namespace stepwise::api {
namespace {

using ::testing::ElementsAre;

constexpr std::string_view kRole = "arn:aws:iam::123456789012:role/test";
constexpr std::string_view kMachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:";

json::Value J(std::string_view text) { return json::Parse(text).value(); }

class ServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto router = std::make_shared<engine::TaskRouter>();
    router->RouteState("Echo", tasks::MakeEchoInvoker());
    // Notify hands its task token to the test, as a message to a worker would.
    router->RouteState("Notify", tokens_.Invoker());
    // Flaky fails while flaky_failures_ is above zero (counting down), then echoes its input.
    router->RouteState("Flaky", std::make_shared<tasks::FunctionInvoker>(
                                    [this](const engine::TaskRequest& request) {
                                      if (flaky_failures_.fetch_sub(1) > 0) {
                                        return engine::TaskOutcome::Failure("Flaked", "try again");
                                      }
                                      return engine::TaskOutcome::Success(request.input);
                                    }));
    // Probe records, when it runs, the committed history's last event type (GetExecutionHistory
    // shows what the store has committed): what a worker could rely on after a crash.
    router->RouteState("Probe", std::make_shared<tasks::FunctionInvoker>(
                                    [this](const engine::TaskRequest& request) {
                                      std::string arn(request.input.Find("arn")->as_string());
                                      std::vector<std::string> types = EventTypes(arn, true);
                                      probed_ = types.empty() ? "" : types.front();
                                      return engine::TaskOutcome::Success(json::Value());
                                    }));
    ServiceOptions options_for_service;
    options_for_service.activity_poll_ms = 300;
    harness_ = std::make_unique<testing::ServiceHarness>(router, options_for_service);
  }
  void TearDown() override { harness_.reset(); }

  Result<json::Value> Call(const std::string& action, std::string_view request) {
    return harness_->Call(action, J(request));
  }
  json::Value Ok(const std::string& action, std::string_view request) {
    Result<json::Value> r = Call(action, request);
    EXPECT_TRUE(r.ok()) << action << ": " << (r.ok() ? "" : r.error().name() + ": " + r.error().message());
    return r.ok() ? r.value() : json::Value();
  }
  std::string ErrorOf(const std::string& action, std::string_view request) {
    Result<json::Value> r = Call(action, request);
    return r.ok() ? "ok" : r.error().name();
  }
  std::string Create(const std::string& name, std::string_view definition,
                     std::string_view type = "STANDARD") {
    json::Value request = json::Value::Object(
        {{"name", json::Value::String(name)}, {"definition", json::Value::String(definition)},
         {"roleArn", json::Value::String(kRole)}, {"type", json::Value::String(type)}});
    return std::string(Ok("CreateStateMachine", json::Write(request)).Find("stateMachineArn")->as_string());
  }
  std::string Start(const std::string& machine, std::string_view input = "{}",
                    std::string_view name = "") {
    std::vector<json::Member> members = {{"stateMachineArn", json::Value::String(machine)},
                                         {"input", json::Value::String(input)}};
    if (!name.empty()) members.emplace_back("name", json::Value::String(name));
    json::Value r = Ok("StartExecution", json::Write(json::Value::Object(std::move(members))));
    return r.is_null() ? "" : std::string(r.Find("executionArn")->as_string());
  }
  // DescribeExecution once the execution has left RUNNING.
  json::Value WaitEnded(const std::string& execution) { return harness_->WaitEnded(execution); }
  std::vector<json::Value> Events(const std::string& execution) {
    json::Value history = Ok("GetExecutionHistory",
                             json::Write(json::Value::Object({{"executionArn", json::Value::String(execution)}})));
    std::span<const json::Value> events = history.Find("events")->items();
    return std::vector<json::Value>(events.begin(), events.end());
  }
  std::vector<std::string> EventTypes(const std::string& execution, bool reverse = false) {
    json::Value history = Ok("GetExecutionHistory",
                             json::Write(json::Value::Object({{"executionArn", json::Value::String(execution)},
                                                              {"reverseOrder", json::Value::Bool(reverse)}})));
    std::vector<std::string> types;
    for (const json::Value& e : history.Find("events")->items()) {
      types.emplace_back(e.Find("type")->as_string());
    }
    return types;
  }

  // The next token Notify handed over (waits for it).
  std::string NextToken() { return tokens_.Next(); }

  testing::TokenInbox tokens_;  // declared before the harness, which it must outlive
  std::unique_ptr<testing::ServiceHarness> harness_;
  std::atomic<int> flaky_failures_{0};
  std::string probed_;
};

constexpr std::string_view kPass =
    R"({"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"ok":true},"End":true}}})";
constexpr std::string_view kWaitLong =
    R"({"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}})";

TEST_F(ServiceTest, CreatesDescribesAndListsMachines) {
  std::string arn = Create("orders", kPass);
  EXPECT_EQ(arn, std::string(kMachineArn) + "orders");
  json::Value described = Ok("DescribeStateMachine", R"({"stateMachineArn":")" + arn + R"("})");
  EXPECT_EQ(described.Find("name")->as_string(), "orders");
  EXPECT_EQ(described.Find("definition")->as_string(), kPass);
  EXPECT_EQ(described.Find("status")->as_string(), "ACTIVE");
  EXPECT_EQ(json::Write(*described.Find("loggingConfiguration")),
            R"({"level":"OFF","includeExecutionData":false})");
  Create("billing", kPass);
  json::Value listed = Ok("ListStateMachines", R"({"maxResults":1})");
  ASSERT_EQ(listed.Find("stateMachines")->size(), 1u);
  EXPECT_EQ(listed.Find("stateMachines")->At(0)->Find("name")->as_string(), "billing");
  std::string token(listed.Find("nextToken")->as_string());
  json::Value next = Ok("ListStateMachines", R"({"maxResults":1,"nextToken":")" + token + R"("})");
  EXPECT_EQ(next.Find("stateMachines")->At(0)->Find("name")->as_string(), "orders");
  EXPECT_EQ(next.Find("nextToken"), nullptr);
  EXPECT_EQ(ErrorOf("ListStateMachines", R"({"nextToken":"garbage"})"), "InvalidToken");
}

TEST_F(ServiceTest, CreateIsIdempotentButRefusesAnotherDefinition) {
  std::string arn = Create("orders", kPass);
  EXPECT_EQ(Create("orders", kPass), arn);
  std::string other = json::Write(json::Value::Object(
      {{"name", json::Value::String("orders")}, {"definition", json::Value::String(kWaitLong)},
       {"roleArn", json::Value::String(kRole)}}));
  EXPECT_EQ(ErrorOf("CreateStateMachine", other), "StateMachineAlreadyExists");
}

TEST_F(ServiceTest, RejectsBadMachinesWithAwsErrors) {
  auto create = [&](std::string_view name, std::string_view definition, std::string_view role) {
    return ErrorOf("CreateStateMachine",
                   json::Write(json::Value::Object({{"name", json::Value::String(name)},
                                                    {"definition", json::Value::String(definition)},
                                                    {"roleArn", json::Value::String(role)}})));
  };
  EXPECT_EQ(create("a b", kPass, kRole), "InvalidName");
  EXPECT_EQ(create("ok", R"({"StartAt":"X","States":{}})", kRole), "InvalidDefinition");
  EXPECT_EQ(create("ok", "not json", kRole), "InvalidDefinition");
  EXPECT_EQ(create("ok", kPass, "role"), "InvalidArn");
  EXPECT_EQ(ErrorOf("CreateStateMachine", R"({"name":"x","roleArn":"r"})"), "ValidationException");
  EXPECT_EQ(ErrorOf("CreateStateMachine", R"({"name":5})"), "SerializationException");
  Result<json::Value> invalid = Call("CreateStateMachine",
      json::Write(json::Value::Object({{"name", json::Value::String("x")},
                                       {"definition", json::Value::String(R"({"StartAt":"A","States":{"A":{"Type":"Pass"}}})")},
                                       {"roleArn", json::Value::String(kRole)}})));
  ASSERT_FALSE(invalid.ok());
  EXPECT_TRUE(invalid.error().message().starts_with("Invalid State Machine Definition: '"))
      << invalid.error().message();
  EXPECT_EQ(ErrorOf("DescribeStateMachine", R"({"stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:none"})"),
            "StateMachineDoesNotExist");
  EXPECT_EQ(ErrorOf("DescribeStateMachine", R"({"stateMachineArn":"nope"})"), "InvalidArn");
  EXPECT_EQ(ErrorOf("NoSuchAction", "{}"), "UnknownOperationException");
}

TEST_F(ServiceTest, UpdatesAndDeletesMachines) {
  std::string arn = Create("orders", kPass);
  std::string revision(Ok("DescribeStateMachine", R"({"stateMachineArn":")" + arn + R"("})")
                           .Find("revisionId")->as_string());
  json::Value updated = Ok("UpdateStateMachine",
      json::Write(json::Value::Object({{"stateMachineArn", json::Value::String(arn)},
                                       {"definition", json::Value::String(kWaitLong)}})));
  EXPECT_NE(updated.Find("revisionId")->as_string(), revision);
  EXPECT_EQ(Ok("DescribeStateMachine", R"({"stateMachineArn":")" + arn + R"("})")
                .Find("definition")->as_string(), kWaitLong);
  EXPECT_EQ(ErrorOf("UpdateStateMachine", R"({"stateMachineArn":")" + arn + R"("})"),
            "MissingRequiredParameter");
  Ok("DeleteStateMachine", R"({"stateMachineArn":")" + arn + R"("})");
  EXPECT_EQ(ErrorOf("DescribeStateMachine", R"({"stateMachineArn":")" + arn + R"("})"),
            "StateMachineDoesNotExist");
  Ok("DeleteStateMachine", R"({"stateMachineArn":")" + arn + R"("})");  // idempotent
}

TEST_F(ServiceTest, RunsAStandardExecutionAndStoresItsHistory) {
  std::string machine = Create("flow", R"({"StartAt":"Echo","States":{
      "Echo":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"v.$":"$.v"},"Next":"P"},
      "P":{"Type":"Pass","End":true}}})");
  std::string execution = Start(machine, R"({"v":41})", "first");
  EXPECT_EQ(execution, "arn:aws:states:us-east-1:123456789012:execution:flow:first");
  json::Value described = WaitEnded(execution);
  EXPECT_EQ(described.Find("status")->as_string(), "SUCCEEDED");
  EXPECT_EQ(described.Find("output")->as_string(), R"({"v":41})");
  EXPECT_EQ(described.Find("input")->as_string(), R"({"v":41})");
  EXPECT_NE(described.Find("stopDate"), nullptr);
  std::vector<std::string> expected = {
      "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded",
      "TaskStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"};
  EXPECT_EQ(EventTypes(execution), expected);
  std::vector<std::string> reversed(expected.rbegin(), expected.rend());
  EXPECT_EQ(EventTypes(execution, /*reverse=*/true), reversed);
}

// "A transition's history is committed before its effects are visible to anyone": a task reaches
// its worker only once the checkpoint recording its start is durable, so that no crash can undo
// a start some worker has seen.
TEST_F(ServiceTest, ATaskIsDispatchedOnlyOnceItsStartIsCommitted) {
  std::string machine = Create("probe", R"({"StartAt":"Probe","States":{
      "Probe":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
               "Parameters":{"arn.$":"$$.Execution.Id"},"End":true}}})");
  for (int i = 0; i < 5; ++i) {
    std::string execution = Start(machine, "{}", "probe-" + std::to_string(i));
    EXPECT_EQ(WaitEnded(execution).Find("status")->as_string(), "SUCCEEDED");
    EXPECT_EQ(probed_, "TaskStarted") << "the task ran before its start was committed";
  }
}

TEST_F(ServiceTest, PagesHistory) {
  std::string machine = Create("flow", kPass);
  std::string execution = Start(machine);
  WaitEnded(execution);
  std::string request = R"({"executionArn":")" + execution + R"(","maxResults":2)";
  json::Value first = Ok("GetExecutionHistory", request + "}");
  ASSERT_EQ(first.Find("events")->size(), 2u);
  EXPECT_EQ(first.Find("events")->At(1)->Find("id")->as_int(), 2);
  std::string token(first.Find("nextToken")->as_string());
  json::Value second = Ok("GetExecutionHistory", request + R"(,"nextToken":")" + token + R"("})");
  ASSERT_EQ(second.Find("events")->size(), 2u);
  EXPECT_EQ(second.Find("events")->At(0)->Find("id")->as_int(), 3);
  EXPECT_EQ(second.Find("nextToken"), nullptr);
  json::Value without = Ok("GetExecutionHistory", R"({"executionArn":")" + execution +
                                                      R"(","includeExecutionData":false})");
  EXPECT_EQ(without.Find("events")->At(0)->Find("executionStartedEventDetails")->Find("input"),
            nullptr);
}

TEST_F(ServiceTest, StartIsIdempotentByNameWhileRunning) {
  std::string machine = Create("waits", kWaitLong);
  std::string execution = Start(machine, R"({"a":1})", "once");
  EXPECT_EQ(Start(machine, R"({"a":1})", "once"), execution);
  EXPECT_EQ(ErrorOf("StartExecution", R"({"stateMachineArn":")" + machine +
                                          R"(","name":"once","input":"{\"a\":2}"})"),
            "ExecutionAlreadyExists");
  EXPECT_EQ(ErrorOf("StartExecution", R"({"stateMachineArn":")" + machine + R"(","input":"{bad"})"),
            "InvalidExecutionInput");
  EXPECT_EQ(ErrorOf("StartExecution", R"({"stateMachineArn":")" + machine + R"(","name":"a:b"})"),
            "InvalidName");
}

TEST_F(ServiceTest, StopsAnExecution) {
  std::string machine = Create("waits", kWaitLong);
  std::string execution = Start(machine);
  Ok("StopExecution", R"({"executionArn":")" + execution + R"(","error":"Operator","cause":"by hand"})");
  json::Value described = WaitEnded(execution);
  EXPECT_EQ(described.Find("status")->as_string(), "ABORTED");
  EXPECT_EQ(described.Find("error")->as_string(), "Operator");
  EXPECT_EQ(described.Find("cause")->as_string(), "by hand");
  std::vector<std::string> types = EventTypes(execution);
  ASSERT_FALSE(types.empty());
  EXPECT_EQ(types.back(), "ExecutionAborted");
  EXPECT_EQ(ErrorOf("StopExecution", R"({"executionArn":"arn:aws:states:us-east-1:123456789012:execution:waits:none"})"),
            "ExecutionDoesNotExist");
}

TEST_F(ServiceTest, ListsExecutionsNewestFirstByStatus) {
  std::string machine = Create("flow", kPass);
  std::vector<std::string> done;
  for (int i = 0; i < 3; ++i) {
    done.push_back(Start(machine, "{}", "e" + std::to_string(i)));
    WaitEnded(done.back());
    std::this_thread::sleep_for(std::chrono::milliseconds(2));  // distinct start times
  }
  json::Value page = Ok("ListExecutions", R"({"stateMachineArn":")" + machine +
                                              R"(","maxResults":2,"statusFilter":"SUCCEEDED"})");
  ASSERT_EQ(page.Find("executions")->size(), 2u);
  EXPECT_EQ(page.Find("executions")->At(0)->Find("name")->as_string(), "e2");
  std::string token(page.Find("nextToken")->as_string());
  json::Value rest = Ok("ListExecutions", R"({"stateMachineArn":")" + machine +
                                              R"(","maxResults":2,"nextToken":")" + token + R"("})");
  ASSERT_EQ(rest.Find("executions")->size(), 1u);
  EXPECT_EQ(rest.Find("executions")->At(0)->Find("name")->as_string(), "e0");
  json::Value running = Ok("ListExecutions", R"({"stateMachineArn":")" + machine +
                                                 R"(","statusFilter":"RUNNING"})");
  EXPECT_EQ(running.Find("executions")->size(), 0u);
}

TEST_F(ServiceTest, StartSyncExecutionRunsExpressMachines) {
  std::string express = Create("fast", kPass, "EXPRESS");
  json::Value result = Ok("StartSyncExecution", R"({"stateMachineArn":")" + express + R"(","input":"{}"})");
  EXPECT_EQ(result.Find("status")->as_string(), "SUCCEEDED");
  EXPECT_EQ(result.Find("output")->as_string(), R"({"ok":true})");
  EXPECT_TRUE(result.Find("executionArn")->as_string().starts_with(
      "arn:aws:states:us-east-1:123456789012:express:fast:"));
  std::string standard = Create("slow", kPass);
  EXPECT_EQ(ErrorOf("StartSyncExecution", R"({"stateMachineArn":")" + standard + R"("})"),
            "StateMachineTypeNotSupported");
  EXPECT_EQ(ErrorOf("ListExecutions", R"({"stateMachineArn":")" + express + R"("})"),
            "StateMachineTypeNotSupported");
}

TEST_F(ServiceTest, ActivitiesAndTags) {
  json::Value created = Ok("CreateActivity", R"({"name":"review","tags":[{"key":"team","value":"a"}]})");
  std::string arn(created.Find("activityArn")->as_string());
  EXPECT_EQ(arn, "arn:aws:states:us-east-1:123456789012:activity:review");
  EXPECT_EQ(Ok("DescribeActivity", R"({"activityArn":")" + arn + R"("})").Find("name")->as_string(),
            "review");
  EXPECT_EQ(Ok("ListActivities", "{}").Find("activities")->size(), 1u);
  Ok("TagResource", R"({"resourceArn":")" + arn + R"(","tags":[{"key":"team","value":"b"},{"key":"env","value":"dev"}]})");
  EXPECT_EQ(json::Write(Ok("ListTagsForResource", R"({"resourceArn":")" + arn + R"("})")),
            R"({"tags":[{"key":"env","value":"dev"},{"key":"team","value":"b"}]})");
  Ok("UntagResource", R"({"resourceArn":")" + arn + R"(","tagKeys":["team"]})");
  EXPECT_EQ(json::Write(Ok("ListTagsForResource", R"({"resourceArn":")" + arn + R"("})")),
            R"({"tags":[{"key":"env","value":"dev"}]})");
  Ok("DeleteActivity", R"({"activityArn":")" + arn + R"("})");
  EXPECT_EQ(ErrorOf("DescribeActivity", R"({"activityArn":")" + arn + R"("})"),
            "ActivityDoesNotExist");
  EXPECT_EQ(ErrorOf("ListTagsForResource", R"({"resourceArn":")" + arn + R"("})"),
            "ResourceNotFound");
}

constexpr std::string_view kCallback = R"({"StartAt":"Notify","States":{
    "Notify":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
      "Parameters":{"token.$":"$$.Task.Token"},"HeartbeatSeconds":1,
      "Catch":[{"ErrorEquals":["Rejected"],"ResultPath":"$.error","Next":"Caught"}],"End":true},
    "Caught":{"Type":"Pass","End":true}}})";

TEST_F(ServiceTest, SendTaskSuccessCompletesACallbackTask) {
  std::string machine = Create("callback", kCallback);
  std::string execution = Start(machine);
  std::string token = NextToken();
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(ErrorOf("SendTaskSuccess", R"({"taskToken":")" + token + R"(","output":"{oops"})"),
            "InvalidOutput");
  Ok("SendTaskSuccess", R"({"taskToken":")" + token + R"(","output":"{\"approved\":true}"})");
  json::Value described = WaitEnded(execution);
  EXPECT_EQ(described.Find("status")->as_string(), "SUCCEEDED");
  EXPECT_EQ(described.Find("output")->as_string(), R"({"approved":true})");
  // The integration's own response (Notify's null) is TaskSubmitted; the token's output ends it.
  EXPECT_THAT(EventTypes(execution),
              ElementsAre("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted",
                          "TaskSubmitted", "TaskSucceeded", "TaskStateExited",
                          "ExecutionSucceeded"));
  json::Value scheduled = Events(execution)[2];
  EXPECT_EQ(scheduled.Find("taskScheduledEventDetails")->Find("heartbeatInSeconds")->as_number(), 1);
  EXPECT_EQ(Events(execution)[4].Find("taskSubmittedEventDetails")->Find("output")->as_string(),
            "null");
  // A token is spent once used.
  EXPECT_EQ(ErrorOf("SendTaskSuccess", R"({"taskToken":")" + token + R"(","output":"{}"})"),
            "TaskDoesNotExist");
  EXPECT_EQ(ErrorOf("SendTaskSuccess", R"({"taskToken":"not a token!","output":"{}"})"),
            "InvalidToken");
}

TEST_F(ServiceTest, SendTaskFailureFailsTheTaskIntoItsCatch) {
  std::string machine = Create("callback", kCallback);
  std::string execution = Start(machine, R"({"order":7})");
  std::string token = NextToken();
  Ok("SendTaskFailure", R"({"taskToken":")" + token + R"(","error":"Rejected","cause":"no stock"})");
  json::Value described = WaitEnded(execution);
  EXPECT_EQ(described.Find("status")->as_string(), "SUCCEEDED");
  EXPECT_EQ(described.Find("output")->as_string(),
            R"({"order":7,"error":{"Error":"Rejected","Cause":"no stock"}})");
}

TEST_F(ServiceTest, HeartbeatsKeepACallbackTaskAlive) {
  std::string machine = Create("callback", kCallback);
  std::string beating = Start(machine, "{}", "beating");
  std::string beating_token = NextToken();
  std::string silent = Start(machine, "{}", "silent");
  NextToken();
  // HeartbeatSeconds is 1: beat every 300 ms for 1.5 s, then answer.
  for (int i = 0; i < 5; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    Ok("SendTaskHeartbeat", R"({"taskToken":")" + beating_token + R"("})");
  }
  Ok("SendTaskSuccess", R"({"taskToken":")" + beating_token + R"(","output":"1"})");
  EXPECT_EQ(WaitEnded(beating).Find("status")->as_string(), "SUCCEEDED");
  json::Value timed_out = WaitEnded(silent);
  EXPECT_EQ(timed_out.Find("status")->as_string(), "FAILED");
  // A missed heartbeat is reported as States.Timeout, as AWS recorded it (Catch and Retry can
  // still tell it apart by States.HeartbeatTimeout: engine_test).
  EXPECT_EQ(timed_out.Find("error")->as_string(), "States.Timeout");
  EXPECT_EQ(EventTypes(silent).at(5), "TaskTimedOut");
}

TEST_F(ServiceTest, ActivityWorkersPollAndComplete) {
  std::string activity(Ok("CreateActivity", R"({"name":"review"})").Find("activityArn")->as_string());
  std::string machine = Create("reviewed", R"({"StartAt":"Review","States":{
      "Review":{"Type":"Task","Resource":")" + activity + R"(","End":true}}})");
  // No task yet: the poll ends without one (after activity_poll_ms).
  json::Value empty = Ok("GetActivityTask", R"({"activityArn":")" + activity + R"(","workerName":"w"})");
  EXPECT_EQ(empty.Find("taskToken"), nullptr);
  std::string execution = Start(machine, R"({"doc":"a.pdf"})");
  json::Value task = Ok("GetActivityTask", R"({"activityArn":")" + activity + R"(","workerName":"w"})");
  ASSERT_NE(task.Find("taskToken"), nullptr);
  EXPECT_EQ(task.Find("input")->as_string(), R"({"doc":"a.pdf"})");
  std::string token(task.Find("taskToken")->as_string());
  Ok("SendTaskSuccess", R"({"taskToken":")" + token + R"(","output":"{\"ok\":1}"})");
  json::Value described = WaitEnded(execution);
  EXPECT_EQ(described.Find("status")->as_string(), "SUCCEEDED");
  EXPECT_EQ(described.Find("output")->as_string(), R"({"ok":1})");
  EXPECT_EQ(ErrorOf("GetActivityTask", R"({"activityArn":"arn:aws:states:us-east-1:123456789012:activity:none"})"),
            "ActivityDoesNotExist");
  // AWS's activity events: started when the worker took the task, with its name.
  // https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html
  EXPECT_THAT(EventTypes(execution),
              ElementsAre("ExecutionStarted", "TaskStateEntered", "ActivityScheduled",
                          "ActivityStarted", "ActivitySucceeded", "TaskStateExited",
                          "ExecutionSucceeded"));
  std::vector<json::Value> events = Events(execution);
  EXPECT_EQ(events[2].Find("activityScheduledEventDetails")->Find("resource")->as_string(), activity);
  EXPECT_EQ(events[2].Find("activityScheduledEventDetails")->Find("input")->as_string(),
            R"({"doc":"a.pdf"})");
  EXPECT_EQ(events[3].Find("activityStartedEventDetails")->Find("workerName")->as_string(), "w");
  EXPECT_EQ(events[4].Find("activitySucceededEventDetails")->Find("output")->as_string(),
            R"({"ok":1})");
}

TEST_F(ServiceTest, ActivityTasksFailAndTimeOutWithActivityEvents) {
  std::string activity(Ok("CreateActivity", R"({"name":"slow"})").Find("activityArn")->as_string());
  std::string machine = Create("slow", R"({"StartAt":"Work","States":{
      "Work":{"Type":"Task","Resource":")" + activity + R"(","TimeoutSeconds":1,"End":true}}})");
  std::string failed = Start(machine, "{}", "failed");
  json::Value task = Ok("GetActivityTask", R"({"activityArn":")" + activity + R"("})");
  Ok("SendTaskFailure", R"({"taskToken":")" + std::string(task.Find("taskToken")->as_string()) +
                            R"(","error":"Bad","cause":"bad doc"})");
  EXPECT_EQ(WaitEnded(failed).Find("error")->as_string(), "Bad");
  EXPECT_THAT(EventTypes(failed),
              ElementsAre("ExecutionStarted", "TaskStateEntered", "ActivityScheduled",
                          "ActivityStarted", "ActivityFailed", "ExecutionFailed"));
  EXPECT_EQ(Events(failed)[4].Find("activityFailedEventDetails")->Find("cause")->as_string(),
            "bad doc");

  // Taken by a worker (no name) that never answers: TimeoutSeconds ends it.
  std::string timed_out = Start(machine, "{}", "timed-out");
  Ok("GetActivityTask", R"({"activityArn":")" + activity + R"("})");
  json::Value described = WaitEnded(timed_out);
  EXPECT_EQ(described.Find("error")->as_string(), "States.Timeout");
  EXPECT_THAT(EventTypes(timed_out),
              ElementsAre("ExecutionStarted", "TaskStateEntered", "ActivityScheduled",
                          "ActivityStarted", "ActivityTimedOut", "ExecutionFailed"));
  EXPECT_EQ(Events(timed_out)[3].Find("activityStartedEventDetails"), nullptr);
}

TEST_F(ServiceTest, AnActivityDeletedBeforeItsTaskFailsTheExecution) {
  std::string activity(Ok("CreateActivity", R"({"name":"gone"})").Find("activityArn")->as_string());
  std::string machine = Create("orphan", R"({"StartAt":"Work","States":{
      "Work":{"Type":"Task","Resource":")" + activity + R"(","End":true}}})");
  Ok("DeleteActivity", R"({"activityArn":")" + activity + R"("})");
  json::Value described = WaitEnded(Start(machine));
  // As recorded against AWS: no Activity* event, States.Runtime naming the activity.
  EXPECT_EQ(described.Find("error")->as_string(), "States.Runtime");
  EXPECT_EQ(described.Find("cause")->as_string(),
            "An error occurred while executing the state 'Work' (entered at the event id #2). "
            "The activity " + activity + " does not exist.");
}

TEST_F(ServiceTest, APollWaitingWhenATaskArrivesGetsIt) {
  std::string activity(Ok("CreateActivity", R"({"name":"late"})").Find("activityArn")->as_string());
  std::string machine = Create("later", R"({"StartAt":"Work","States":{
      "Work":{"Type":"Task","Resource":")" + activity + R"(","End":true}}})");
  std::promise<Result<json::Value>> polled;
  harness_->service().Handle("GetActivityTask", J(R"({"activityArn":")" + activity + R"("})"),
                   [&](Result<json::Value> r) { polled.set_value(std::move(r)); });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  Start(machine, R"({"n":1})");
  Result<json::Value> task = polled.get_future().get();
  ASSERT_TRUE(task.ok());
  ASSERT_NE(task.value().Find("taskToken"), nullptr);
  EXPECT_EQ(task.value().Find("input")->as_string(), R"({"n":1})");
}

TEST_F(ServiceTest, RedriveGoesOnFromTheFailedState) {
  std::string machine = Create("flaky", R"({"StartAt":"First","States":{
      "First":{"Type":"Pass","Result":{"n":1},"Next":"Flaky"},
      "Flaky":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Next":"Last"},
      "Last":{"Type":"Pass","End":true}}})");
  flaky_failures_ = 1;
  std::string execution = Start(machine);
  json::Value failed = WaitEnded(execution);
  ASSERT_EQ(failed.Find("status")->as_string(), "FAILED");
  EXPECT_EQ(failed.Find("redriveStatus")->as_string(), "REDRIVABLE");
  std::string request = R"({"executionArn":")" + execution + R"("})";
  EXPECT_NE(Ok("RedriveExecution", request).Find("redriveDate"), nullptr);
  json::Value redriven = WaitEnded(execution);
  ASSERT_EQ(redriven.Find("status")->as_string(), "SUCCEEDED");
  EXPECT_EQ(redriven.Find("output")->as_string(), R"({"n":1})");
  EXPECT_EQ(redriven.Find("redriveCount")->as_int(), 1);
  std::vector<std::string> types = EventTypes(execution);
  std::vector<std::string> expected = {
      "ExecutionStarted", "PassStateEntered", "PassStateExited", "TaskStateEntered",
      "TaskScheduled", "TaskStarted", "TaskFailed", "ExecutionFailed", "ExecutionRedriven",
      "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited",
      "PassStateEntered", "PassStateExited", "ExecutionSucceeded"};
  EXPECT_EQ(types, expected);
  EXPECT_EQ(ErrorOf("RedriveExecution", request), "ExecutionNotRedrivable");  // it succeeded
}

// A Map redriven after one iteration failed runs that iteration and those that never started,
// not the one that succeeded: AWS "reschedules and redrives only the iterations and branches that
// failed or aborted" (https://docs.aws.amazon.com/step-functions/latest/apireference/
// API_RedriveExecution.html).
TEST_F(ServiceTest, ARedrivenMapRunsOnlyWhatDidNotSucceed) {
  std::string machine = Create("fanout", R"({"StartAt":"Each","States":{"Each":{
      "Type":"Map","MaxConcurrency":1,"End":true,
      "ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"Which","States":{
        "Which":{"Type":"Choice","Default":"Echo",
                 "Choices":[{"Variable":"$.fail","IsPresent":true,"Next":"Flaky"}]},
        "Echo":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true},
        "Flaky":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}}}}})");
  flaky_failures_ = 1;
  std::string execution = Start(machine, R"([{"v":1},{"v":2,"fail":true},{"v":3}])");
  ASSERT_EQ(WaitEnded(execution).Find("status")->as_string(), "FAILED");
  Ok("RedriveExecution", R"({"executionArn":")" + execution + R"("})");
  json::Value redriven = WaitEnded(execution);
  ASSERT_EQ(redriven.Find("status")->as_string(), "SUCCEEDED");
  EXPECT_EQ(redriven.Find("output")->as_string(), R"([{"v":1},{"v":2,"fail":true},{"v":3}])");
  std::vector<std::string> types = EventTypes(execution);
  auto redrive = std::find(types.begin(), types.end(), "ExecutionRedriven");
  ASSERT_NE(redrive, types.end());
  // Before: item 1 succeeded, item 2 failed, item 3 never started. After: items 2 and 3.
  EXPECT_EQ(std::count(types.begin(), redrive, "MapIterationSucceeded"), 1);
  EXPECT_EQ(std::count(redrive, types.end(), "MapIterationStarted"), 2);
  EXPECT_EQ(std::count(redrive, types.end(), "MapIterationSucceeded"), 2);
  EXPECT_EQ(std::vector<std::string>(redrive, redrive + 3),
            (std::vector<std::string>{"ExecutionRedriven", "MapStateEntered", "MapStateStarted"}));
}

}  // namespace
}  // namespace stepwise::api
