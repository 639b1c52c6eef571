#include "common/error_name.h"

#include <gtest/gtest.h>

namespace stepwise {
namespace {

TEST(ErrorNameTest, NamesRoundTrip) {
  for (auto error : {StatesError::kAll, StatesError::kRuntime, StatesError::kHttpSocket,
                     StatesError::kQueryEvaluationError}) {
    EXPECT_EQ(ParseStatesErrorName(StatesErrorName(error)), error);
  }
  EXPECT_EQ(ParseStatesErrorName("States.Nope"), std::nullopt);
  EXPECT_EQ(ParseStatesErrorName("Lambda.ServiceException"), std::nullopt);
}

TEST(ErrorNameTest, ExactNameMatches) {
  EXPECT_TRUE(ErrorEqualsMatches("MyError", "MyError"));
  EXPECT_FALSE(ErrorEqualsMatches("MyError", "myerror"));
}

// "States.ALL ... can't catch the States.DataLimitExceeded terminal error or Runtime error types."
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
TEST(ErrorNameTest, AllDoesNotMatchTerminalErrors) {
  EXPECT_TRUE(ErrorEqualsMatches("States.ALL", "MyError"));
  EXPECT_TRUE(ErrorEqualsMatches("States.ALL", "States.Timeout"));
  EXPECT_FALSE(ErrorEqualsMatches("States.ALL", "States.Runtime"));
  EXPECT_FALSE(ErrorEqualsMatches("States.ALL", "States.DataLimitExceeded"));
  // Not even by name: "A States.Runtime error isn't retriable, and will always cause the
  // execution to fail."
  EXPECT_FALSE(ErrorEqualsMatches("States.Runtime", "States.Runtime"));
  EXPECT_FALSE(ErrorEqualsMatches("States.DataLimitExceeded", "States.DataLimitExceeded"));
  EXPECT_TRUE(IsTerminalError("States.Runtime"));
  EXPECT_FALSE(IsTerminalError("States.Timeout"));
}

TEST(ErrorNameTest, TaskFailedMatchesAllButTimeout) {
  EXPECT_TRUE(ErrorEqualsMatches("States.TaskFailed", "Lambda.Unknown"));
  EXPECT_TRUE(ErrorEqualsMatches("States.TaskFailed", "States.HeartbeatTimeout"));
  EXPECT_FALSE(ErrorEqualsMatches("States.TaskFailed", "States.Timeout"));
}

}  // namespace
}  // namespace stepwise
