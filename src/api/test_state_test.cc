// TestState end to end through Service::Handle, on a real store in a temporary directory.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>

#include "api/service.h"
#include "json/parse.h"
#include "json/write.h"
#include "store/sqlite/sqlite_store.h"
#include "tasks/function_invoker.h"

namespace stepwise::api {
namespace {

constexpr std::string_view kRole = "arn:aws:iam::123456789012:role/test";
constexpr std::string_view kDouble = "arn:aws:lambda:us-east-1:123456789012:function:double";
constexpr std::string_view kBroken = "arn:aws:lambda:us-east-1:123456789012:function:broken";

json::Value J(std::string_view text) { return json::Parse(text).value(); }

class TestStateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() /
                 ("stepwise-test-state-test-" + std::to_string(::getpid()) + "-" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(directory_);
    store::SqliteOptions options;
    options.sync = false;
    auto router = std::make_shared<engine::TaskRouter>();
    // double: {"n": 2n}, by Resource ARN (a definition of one state names it "StateName").
    router->RouteResource(
        std::string(kDouble),
        std::make_shared<tasks::FunctionInvoker>([this](const engine::TaskRequest& request) {
          ++calls_;
          int64_t n = request.input.Find("n")->as_int();
          return engine::TaskOutcome::Success(
              json::Value::Object({{"n", json::Value::Int(2 * n)}}));
        }));
    router->RouteResource(
        std::string(kBroken),
        std::make_shared<tasks::FunctionInvoker>([this](const engine::TaskRequest&) {
          ++calls_;
          return engine::TaskOutcome::Failure("Custom.Error", "it broke");
        }));
    // Lookup: routed by state name, for a state tested by stateName.
    router->RouteState(
        "Lookup",
        std::make_shared<tasks::FunctionInvoker>([this](const engine::TaskRequest& request) {
          ++calls_;
          return engine::TaskOutcome::Success(
              json::Value::Object({{"state", json::Value::String(request.state_name)}}));
        }));
    service_ = std::make_unique<Service>(
        ServiceOptions{}, store::SqliteStore::Open(directory_, options).release_value(), router);
  }
  void TearDown() override {
    service_.reset();
    std::filesystem::remove_all(directory_);
  }

  // TestState of `state` (JSON text) on `input`, with any other request members.
  Result<json::Value> Call(std::string_view state, std::string_view input,
                           std::vector<json::Member> more = {}) {
    std::vector<json::Member> members = {{"definition", json::Value::String(state)},
                                         {"input", json::Value::String(input)}};
    for (json::Member& m : more) members.push_back(std::move(m));
    std::promise<Result<json::Value>> promise;
    service_->Handle("TestState", json::Value::Object(std::move(members)),
                     [&](Result<json::Value> r) { promise.set_value(std::move(r)); });
    return promise.get_future().get();
  }
  json::Value Ok(std::string_view state, std::string_view input,
                 std::vector<json::Member> more = {}) {
    Result<json::Value> r = Call(state, input, std::move(more));
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().name() + ": " + r.error().message());
    return r.ok() ? r.value() : json::Value::EmptyObject();
  }
  std::string ErrorOf(std::string_view state, std::string_view input,
                      std::vector<json::Member> more = {}) {
    Result<json::Value> r = Call(state, input, std::move(more));
    return r.ok() ? "ok" : r.error().name();
  }

  static std::string Text(const json::Value& response, std::string_view member) {
    const json::Value* value = response.Find(member);
    return value != nullptr && value->is_string() ? std::string(value->as_string()) : "<absent>";
  }
  // A member that carries JSON as text (output, inspectionData's payloads), parsed.
  static json::Value Payload(const json::Value& object, std::string_view member) {
    const json::Value* value = object.Find(member);
    if (value == nullptr || !value->is_string()) return J(R"("<absent>")");
    return J(value->as_string());
  }
  static json::Member Debug() { return {"inspectionLevel", json::Value::String("DEBUG")}; }
  static json::Member Role() { return {"roleArn", json::Value::String(kRole)}; }

  std::filesystem::path directory_;
  std::unique_ptr<Service> service_;
  std::atomic<int> calls_{0};
};

TEST_F(TestStateTest, PassAppliesInputPathParametersAndResultPath) {
  json::Value r = Ok(R"({"Type":"Pass","InputPath":"$.order",
                        "Parameters":{"id.$":"$.id","fixed":1},"ResultPath":"$.summary",
                        "Next":"Ship"})",
                     R"({"order":{"id":7,"x":1},"other":true})", {Debug()});
  EXPECT_EQ(Text(r, "status"), "SUCCEEDED");
  EXPECT_EQ(Text(r, "nextState"), "Ship");
  json::Value output = J(R"({"order":{"id":7,"x":1},"other":true,"summary":{"id":7,"fixed":1}})");
  EXPECT_EQ(Payload(r, "output"), output);
  const json::Value& data = *r.Find("inspectionData");
  EXPECT_EQ(Payload(data, "input"), J(R"({"order":{"id":7,"x":1},"other":true})"));
  EXPECT_EQ(Payload(data, "afterInputPath"), J(R"({"id":7,"x":1})"));
  EXPECT_EQ(Payload(data, "afterParameters"), J(R"({"id":7,"fixed":1})"));
  EXPECT_EQ(Payload(data, "afterResultSelector"), J(R"({"id":7,"fixed":1})"));
  EXPECT_EQ(Payload(data, "afterResultPath"), output);
  EXPECT_EQ(data.Find("result"), nullptr);  // AWS shows no result for a Pass without Result
}

TEST_F(TestStateTest, InfoLevelShowsTheOutputAndNoNextStateAtTheEnd) {
  json::Value r = Ok(R"({"Type":"Pass","Result":{"a":1},"End":true})", "{}");
  EXPECT_EQ(Text(r, "status"), "SUCCEEDED");
  EXPECT_EQ(Payload(r, "output"), J(R"({"a":1})"));
  EXPECT_EQ(r.Find("nextState"), nullptr);
  EXPECT_EQ(r.Find("inspectionData"), nullptr);
}

TEST_F(TestStateTest, ChoiceReportsTheChosenBranchOrTheDefault) {
  constexpr std::string_view kChoice = R"({"Type":"Choice",
      "Choices":[{"Variable":"$.value","NumericGreaterThanEquals":20,"Next":"Big"}],
      "Default":"Small"})";
  json::Value big = Ok(kChoice, R"({"value":22})");
  EXPECT_EQ(Text(big, "status"), "SUCCEEDED");
  EXPECT_EQ(Text(big, "nextState"), "Big");
  EXPECT_EQ(Payload(big, "output"), J(R"({"value":22})"));
  EXPECT_EQ(Text(Ok(kChoice, R"({"value":3})"), "nextState"), "Small");
}

TEST_F(TestStateTest, FailReportsItsErrorAndCause) {
  json::Value r = Ok(R"({"Type":"Fail","Error":"SomeFailure","Cause":"it had to"})", "{}");
  EXPECT_EQ(Text(r, "status"), "FAILED");
  EXPECT_EQ(Text(r, "error"), "SomeFailure");
  EXPECT_EQ(Text(r, "cause"), "it had to");
  EXPECT_EQ(r.Find("output"), nullptr);
  EXPECT_EQ(r.Find("nextState"), nullptr);
}

TEST_F(TestStateTest, TaskRunsItsResourceThroughTheServicesRoutes) {
  json::Value r = Ok(R"({"Type":"Task","Resource":")" + std::string(kDouble) + R"(",
                        "Parameters":{"n.$":"$.x"},"ResultSelector":{"doubled.$":"$.n"},
                        "ResultPath":"$.r","Next":"After"})",
                     R"({"x":21})", {Role(), Debug()});
  EXPECT_EQ(calls_, 1);
  EXPECT_EQ(Text(r, "status"), "SUCCEEDED");
  EXPECT_EQ(Text(r, "nextState"), "After");
  EXPECT_EQ(Payload(r, "output"), J(R"({"x":21,"r":{"doubled":42}})"));
  const json::Value& data = *r.Find("inspectionData");
  EXPECT_EQ(Payload(data, "afterInputPath"), J(R"({"x":21})"));
  EXPECT_EQ(Payload(data, "afterParameters"), J(R"({"n":21})"));
  EXPECT_EQ(Payload(data, "result"), J(R"({"n":42})"));
  EXPECT_EQ(Payload(data, "afterResultSelector"), J(R"({"doubled":42})"));
  EXPECT_EQ(Payload(data, "afterResultPath"), J(R"({"x":21,"r":{"doubled":42}})"));
}

TEST_F(TestStateTest, TaskFailureIsFailedWithTheDataFlowUpToTheTask) {
  json::Value r = Ok(R"({"Type":"Task","Resource":")" + std::string(kBroken) + R"(",
                        "End":true})",
                     R"({"x":1})", {Role(), Debug()});
  EXPECT_EQ(Text(r, "status"), "FAILED");
  EXPECT_EQ(Text(r, "error"), "Custom.Error");
  EXPECT_EQ(Text(r, "cause"), "it broke");
  EXPECT_EQ(r.Find("output"), nullptr);
  const json::Value& data = *r.Find("inspectionData");
  EXPECT_EQ(Payload(data, "afterParameters"), J(R"({"x":1})"));
  EXPECT_EQ(data.Find("result"), nullptr);
  EXPECT_EQ(data.Find("afterResultPath"), nullptr);
}

TEST_F(TestStateTest, RetryIsNotCarriedOutButReportedRetriable) {
  std::string state = R"({"Type":"Task","Resource":")" + std::string(kBroken) + R"(",
      "Retry":[{"ErrorEquals":["Other"]},
               {"ErrorEquals":["States.ALL"],"IntervalSeconds":2,"BackoffRate":3,"MaxAttempts":2}],
      "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Recover"}],
      "Next":"After"})";
  json::Value r = Ok(state, "{}", {Role(), Debug()});
  EXPECT_EQ(calls_, 1);  // the task ran once: no retry
  EXPECT_EQ(Text(r, "status"), "RETRIABLE");
  EXPECT_EQ(Text(r, "error"), "Custom.Error");
  EXPECT_EQ(Text(r, "cause"), "it broke");
  EXPECT_EQ(r.Find("output"), nullptr);
  EXPECT_EQ(r.Find("nextState"), nullptr);
  EXPECT_EQ(json::Write(*r.Find("inspectionData")->Find("errorDetails")),
            R"({"retryBackoffIntervalSeconds":2,"retryIndex":1})");

  // After one retry the next backoff is 2 * 3 seconds; after MaxAttempts the Catch applies.
  json::Value second =
      Ok(state, "{}", {Role(), Debug(), {"stateConfiguration", J(R"({"retrierRetryCount":1})")}});
  EXPECT_EQ(Text(second, "status"), "RETRIABLE");
  EXPECT_EQ(json::Write(*second.Find("inspectionData")->Find("errorDetails")),
            R"({"retryBackoffIntervalSeconds":6,"retryIndex":1})");
  json::Value exhausted =
      Ok(state, "{}", {Role(), {"stateConfiguration", J(R"({"retrierRetryCount":2})")}});
  EXPECT_EQ(Text(exhausted, "status"), "CAUGHT_ERROR");
  EXPECT_EQ(Text(exhausted, "nextState"), "Recover");
}

TEST_F(TestStateTest, CatchReportsCaughtErrorWithTheCatchersNextAndOutput) {
  json::Value r = Ok(R"({"Type":"Task","Resource":")" + std::string(kBroken) + R"(",
      "Catch":[{"ErrorEquals":["Other"],"Next":"Elsewhere"},
               {"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Recover"}],
      "Next":"After"})",
                     R"({"a":1})", {Role(), Debug()});
  EXPECT_EQ(Text(r, "status"), "CAUGHT_ERROR");
  EXPECT_EQ(Text(r, "nextState"), "Recover");
  EXPECT_EQ(Text(r, "error"), "Custom.Error");
  EXPECT_EQ(Text(r, "cause"), "it broke");
  EXPECT_EQ(Payload(r, "output"),
            J(R"({"a":1,"error":{"Error":"Custom.Error","Cause":"it broke"}})"));
  EXPECT_EQ(json::Write(*r.Find("inspectionData")->Find("errorDetails")), R"({"catchIndex":1})");
}

TEST_F(TestStateTest, WaitDoesNotWait) {
  auto start = std::chrono::steady_clock::now();
  json::Value r = Ok(R"({"Type":"Wait","Seconds":3600,"OutputPath":"$.keep","Next":"Later"})",
                     R"({"keep":{"k":1},"drop":2})", {Debug()});
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_EQ(Text(r, "status"), "SUCCEEDED");
  EXPECT_EQ(Text(r, "nextState"), "Later");
  EXPECT_EQ(Payload(r, "output"), J(R"({"k":1})"));
  EXPECT_EQ(Payload(*r.Find("inspectionData"), "afterInputPath"),
            J(R"({"keep":{"k":1},"drop":2})"));
}

TEST_F(TestStateTest, InvalidStateDefinitionIsInvalidDefinition) {
  EXPECT_EQ(ErrorOf(R"({"Type":"Pass"})", "{}"), "InvalidDefinition");  // neither Next nor End
  EXPECT_EQ(ErrorOf(R"({"Type":"Bogus","End":true})", "{}"), "InvalidDefinition");
  EXPECT_EQ(ErrorOf("not json", "{}"), "InvalidDefinition");
  EXPECT_EQ(ErrorOf("[1]", "{}"), "InvalidDefinition");
  Result<json::Value> r = Call(R"({"Type":"Pass"})", "{}");
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.error().message().starts_with("Invalid State Machine Definition: '"))
      << r.error().message();
}

TEST_F(TestStateTest, BadInputIsInvalidExecutionInput) {
  EXPECT_EQ(ErrorOf(R"({"Type":"Pass","End":true})", "{bad"), "InvalidExecutionInput");
  EXPECT_EQ(
      ErrorOf(R"({"Type":"Pass","End":true})", "{}", {{"variables", json::Value::String("[1]")}}),
      "InvalidExecutionInput");
}

TEST_F(TestStateTest, VariablesAreReadAndReportedWithTheAssignedOnes) {
  json::Value r = Ok(R"({"Type":"Pass","Parameters":{"limit.$":"$limit"},
                        "Assign":{"seen.$":"$.limit"},"End":true})",
                     "{}", {Debug(), {"variables", json::Value::String(R"({"limit":10})")}});
  EXPECT_EQ(Text(r, "status"), "SUCCEEDED");
  EXPECT_EQ(Payload(r, "output"), J(R"({"limit":10})"));
  EXPECT_EQ(Payload(*r.Find("inspectionData"), "variables"), J(R"({"limit":10,"seen":10})"));
}

TEST_F(TestStateTest, StateNameTestsOneStateOfAMachine) {
  std::string machine = R"({"StartAt":"Lookup","States":{
      "Lookup":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Next":"Check"},
      "Check":{"Type":"Choice","Choices":[{"Variable":"$.state","StringEquals":"Lookup",
                                           "Next":"Lookup"}],"Default":"Done"},
      "Done":{"Type":"Succeed"}}})";
  // Routed by its own name; a Next naming another state of the machine does not run it.
  json::Value lookup = Ok(machine, "{}", {Role(), {"stateName", json::Value::String("Lookup")}});
  EXPECT_EQ(calls_, 1);
  EXPECT_EQ(Payload(lookup, "output"), J(R"({"state":"Lookup"})"));
  EXPECT_EQ(Text(lookup, "nextState"), "Check");
  json::Value check =
      Ok(machine, R"({"state":"Lookup"})", {{"stateName", json::Value::String("Check")}});
  EXPECT_EQ(Text(check, "nextState"), "Lookup");
  EXPECT_EQ(calls_, 1);
  EXPECT_EQ(ErrorOf(machine, "{}", {{"stateName", json::Value::String("Nope")}}),
            "ValidationException");
}

TEST_F(TestStateTest, TheContextObjectNamesAStateOfItsOwnStateName) {
  json::Value r =
      Ok(R"({"Type":"Pass","Parameters":{"context.$":"$$"},"End":true})", R"({"a":1})", {Debug()});
  json::Value context = *Payload(r, "output").Find("context");
  EXPECT_EQ(context.Find("State")->Find("Name")->as_string(), "StateName");
  EXPECT_EQ(*context.Find("Execution")->Find("Input"), J(R"({"a":1})"));
  EXPECT_TRUE(context.Find("Execution")->Find("Id")->as_string().find(":express:TestState:") !=
              std::string_view::npos);
  // The inspection data's steps see the same $$ as the run.
  EXPECT_EQ(Payload(*r.Find("inspectionData"), "afterParameters"), Payload(r, "output"));
}

TEST_F(TestStateTest, ANextNamingTheStateItselfDoesNotRunItAgain) {
  json::Value r = Ok(R"({"Type":"Task","Resource":")" + std::string(kDouble) + R"(",
                        "Next":"StateName"})",
                     R"({"n":1})", {Role()});
  EXPECT_EQ(calls_, 1);
  EXPECT_EQ(Text(r, "nextState"), "StateName");
  EXPECT_EQ(Payload(r, "output"), J(R"({"n":2})"));
}

TEST_F(TestStateTest, AMockStandsInForTheTask) {
  std::string state = R"({"Type":"Task","Resource":")" + std::string(kDouble) + R"(",
      "Catch":[{"ErrorEquals":["Mock.Error"],"Next":"Handle"}],"End":true})";
  json::Value result = Ok(state, R"({"n":1})", {{"mock", J(R"({"result":"{\"mocked\":true}"})")}});
  EXPECT_EQ(Text(result, "status"), "SUCCEEDED");
  EXPECT_EQ(Payload(result, "output"), J(R"({"mocked":true})"));
  json::Value failure =
      Ok(state, R"({"n":1})",
         {{"mock", J(R"({"errorOutput":{"error":"Mock.Error","cause":"mocked"}})")}});
  EXPECT_EQ(Text(failure, "status"), "CAUGHT_ERROR");
  EXPECT_EQ(Text(failure, "nextState"), "Handle");
  EXPECT_EQ(calls_, 0);
  EXPECT_EQ(ErrorOf(state, "{}", {{"mock", J(R"({"result":"{bad"})")}}), "ValidationException");
}

TEST_F(TestStateTest, WhatTestStateDoesNotRunIsAValidationException) {
  std::string task = R"({"Type":"Task","Resource":")" + std::string(kDouble) + R"(","End":true})";
  EXPECT_EQ(ErrorOf(task, "{}"), "ValidationException");  // no roleArn and no mock
  EXPECT_EQ(ErrorOf(R"({"Type":"Task","Resource":
                        "arn:aws:states:us-east-1:123456789012:activity:work","End":true})",
                    "{}", {Role()}),
            "ValidationException");
  EXPECT_EQ(ErrorOf(R"({"Type":"Parallel","Branches":[{"StartAt":"P","States":{
                        "P":{"Type":"Pass","End":true}}}],"End":true})",
                    "{}", {Role()}),
            "ValidationException");
  EXPECT_EQ(ErrorOf(task, "{}", {{"roleArn", json::Value::String("not-an-arn")}}), "InvalidArn");
  EXPECT_EQ(calls_, 0);
}

}  // namespace
}  // namespace stepwise::api
