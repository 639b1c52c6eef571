#include "jsonpath/context_object.h"

#include <gtest/gtest.h>

#include "json/write.h"
#include "jsonpath/path.h"
#include "jsonpath/test_util.h"

namespace stepwise::jsonpath {
namespace {

using testing::Eval;
using testing::Json;

ContextObject Sample() {
  ContextObject context;
  context.execution.id = "arn:aws:states:us-east-1:123456789012:execution:Machine:run-1";
  context.execution.input = Json(R"({"order":{"id":7}})");
  context.execution.name = "run-1";
  context.execution.role_arn = "arn:aws:iam::123456789012:role/Role";
  context.execution.start_time = "2019-03-26T20:14:13.192Z";
  context.state.name = "Charge";
  context.state.entered_time = "2019-03-26T20:14:13.192Z";
  context.state.retry_count = 2;
  context.state_machine.id = "arn:aws:states:us-east-1:123456789012:stateMachine:Machine";
  context.state_machine.name = "Machine";
  return context;
}

TEST(ContextObjectTest, ShapeAndOrderOfTheDocumentedFields) {
  // https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html
  EXPECT_EQ(json::Write(Sample().ToValue()),
            R"({"Execution":{"Id":"arn:aws:states:us-east-1:123456789012:execution:Machine:run-1",)"
            R"("Input":{"order":{"id":7}},"Name":"run-1",)"
            R"("RoleArn":"arn:aws:iam::123456789012:role/Role",)"
            R"("StartTime":"2019-03-26T20:14:13.192Z","RedriveCount":0},)"
            R"("State":{"EnteredTime":"2019-03-26T20:14:13.192Z","Name":"Charge","RetryCount":2},)"
            R"("StateMachine":{"Id":"arn:aws:states:us-east-1:123456789012:stateMachine:Machine",)"
            R"("Name":"Machine"}})");
}

TEST(ContextObjectTest, RedriveTimeOnlyAfterARedrive) {
  ContextObject context = Sample();
  context.execution.redrive_count = 1;
  context.execution.redrive_time = "2019-03-27T08:00:00.000Z";
  json::Value value = context.ToValue();
  const json::Value* execution = value.Find("Execution");
  EXPECT_EQ(execution->Find("RedriveCount")->as_int(), 1);
  EXPECT_EQ(execution->Find("RedriveTime")->as_string(), "2019-03-27T08:00:00.000Z");
  EXPECT_EQ(Sample().ToValue().Find("Execution")->Find("RedriveTime"), nullptr);
}

TEST(ContextObjectTest, TaskTokenOnlyWhileWaitingForOne) {
  ContextObject context = Sample();
  EXPECT_EQ(context.ToValue().Find("Task"), nullptr);
  context.task_token = "AAAAKgAAAAIAAAAAAAAAAQ==";
  json::Value value = context.ToValue();
  EXPECT_EQ(Eval("$$.Task.Token", Roots{.context = &value}), R"("AAAAKgAAAAIAAAAAAAAAAQ==")");
}

TEST(ContextObjectTest, MapItemOnlyInsideAMapIteration) {
  // https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemselector.html
  ContextObject context = Sample();
  EXPECT_EQ(context.ToValue().Find("Map"), nullptr);
  context.map_item = ContextObject::MapItem{.index = 3, .value = Json(R"({"resize":"true"})")};
  json::Value value = context.ToValue();
  Roots roots{.context = &value};
  EXPECT_EQ(Eval("$$.Map.Item.Index", roots), "3");
  EXPECT_EQ(Eval("$$.Map.Item.Value", roots), R"({"resize":"true"})");
}

TEST(ContextObjectTest, PathsReadItsFields) {
  json::Value value = Sample().ToValue();
  Roots roots{.context = &value};
  EXPECT_EQ(Eval("$$.Execution.Input.order.id", roots), "7");
  EXPECT_EQ(Eval("$$.State.RetryCount", roots), "2");
  EXPECT_EQ(Eval("$$.StateMachine.Name", roots), R"("Machine")");
}

TEST(ContextObjectTest, TheInputIsSharedNotCopied) {
  ContextObject context = Sample();
  json::Value value = context.ToValue();
  EXPECT_TRUE(value.Find("Execution")->Find("Input")->SharesNodeWith(context.execution.input));
}

}  // namespace
}  // namespace stepwise::jsonpath
