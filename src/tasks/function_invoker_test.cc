#include "tasks/function_invoker.h"

#include <gtest/gtest.h>

#include "json/parse.h"
#include "tasks/test_util.h"

namespace stepwise::tasks {
namespace {

engine::TaskRequest Request(json::Value input) {
  engine::TaskRequest request;
  request.resource = "arn:aws:states:::lambda:invoke";
  request.state_name = "Work";
  request.input = std::move(input);
  return request;
}

TEST(FunctionInvokerTest, CompletesInsideInvoke) {
  FunctionInvoker invoker([](const engine::TaskRequest& request) {
    return engine::TaskOutcome::Success(json::Value::String(request.state_name));
  });
  OutcomeCollector collector;
  invoker.Invoke(Request(json::Value::Null()), collector.Completion());
  EXPECT_EQ(collector.calls(), 1u);
  ASSERT_TRUE(collector.outcome().ok);
  EXPECT_EQ(collector.outcome().output.as_string(), "Work");
}

TEST(FunctionInvokerTest, FailuresPassThrough) {
  FunctionInvoker invoker([](const engine::TaskRequest&) {
    return engine::TaskOutcome::Failure("Custom.Error", "because");
  });
  OutcomeCollector collector;
  invoker.Invoke(Request(json::Value::Null()), collector.Completion());
  EXPECT_EQ(collector.calls(), 1u);
  EXPECT_FALSE(collector.outcome().ok);
  EXPECT_EQ(collector.outcome().error, "Custom.Error");
  EXPECT_EQ(collector.outcome().cause, "because");
}

TEST(FunctionInvokerTest, AnswersAtOnceThroughInvokeNow) {
  int calls = 0;
  FunctionInvoker invoker([&calls](const engine::TaskRequest& request) {
    ++calls;
    return engine::TaskOutcome::Success(json::Value::String(request.state_name));
  });
  std::optional<engine::TaskOutcome> outcome = invoker.InvokeNow(Request(json::Value::Null()));
  ASSERT_TRUE(outcome.has_value());
  EXPECT_EQ(calls, 1);
  ASSERT_TRUE(outcome->ok);
  EXPECT_EQ(outcome->output.as_string(), "Work");
}

TEST(EchoInvokerTest, ReturnsItsInputWithoutCopying) {
  const json::Value input = json::Parse(R"({"a":[1,2,3],"b":"a string of some length"})").value();
  std::shared_ptr<engine::TaskInvoker> echo = MakeEchoInvoker();
  OutcomeCollector collector;
  echo->Invoke(Request(input), collector.Completion());
  ASSERT_EQ(collector.calls(), 1u);
  ASSERT_TRUE(collector.outcome().ok);
  EXPECT_EQ(collector.outcome().output, input);
  EXPECT_TRUE(collector.outcome().output.SharesNodeWith(input));
}

}  // namespace
}  // namespace stepwise::tasks
