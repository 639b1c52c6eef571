#include "tasks/command_outcome.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <string>

#include "json/parse.h"

namespace stepwise::tasks {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr size_t kLimit = 1000;

SubprocessResult Exited(int code, std::string out, std::string err = "") {
  SubprocessResult result;
  result.end = SubprocessResult::End::kExited;
  result.exit_code = code;
  result.stdout_text = std::move(out);
  result.stderr_text = std::move(err);
  return result;
}

TEST(CommandOutcomeTest, SuccessfulOutputIsTheResult) {
  engine::TaskOutcome outcome = CommandOutcome(Exited(0, " {\"a\":[1,\"x\"]}\n"), kLimit);
  ASSERT_TRUE(outcome.ok);
  EXPECT_EQ(outcome.output, json::Parse(R"({"a":[1,"x"]})").value());
}

TEST(CommandOutcomeTest, EmptyOrBlankOutputIsNull) {
  for (const char* text : {"", "\n", "  \t\n"}) {
    engine::TaskOutcome outcome = CommandOutcome(Exited(0, text), kLimit);
    ASSERT_TRUE(outcome.ok) << text;
    EXPECT_TRUE(outcome.output.is_null());
  }
}

TEST(CommandOutcomeTest, OutputThatIsNotJsonFails) {
  engine::TaskOutcome outcome = CommandOutcome(Exited(0, "hello world\n"), kLimit);
  ASSERT_FALSE(outcome.ok);
  EXPECT_EQ(outcome.error, "States.TaskFailed");
  EXPECT_THAT(outcome.cause, StartsWith("The command's output is not JSON: "));
  EXPECT_THAT(outcome.cause, HasSubstr("at line 1, column"));
  EXPECT_THAT(outcome.cause, EndsWith(". Output: hello world\n"));
}

TEST(CommandOutcomeTest, NotJsonCauseQuotesOnlyTheBeginning) {
  const std::string output = "<" + std::string(5000, 'x');
  engine::TaskOutcome outcome = CommandOutcome(Exited(0, output), kLimit);
  ASSERT_FALSE(outcome.ok);
  EXPECT_THAT(outcome.cause,
              EndsWith(". Output: <" + std::string(kMaxOutputInCause - 1, 'x') + "\xE2\x80\xA6"));
}

TEST(CommandOutcomeTest, TwoDocumentsAreNotJson) {
  engine::TaskOutcome outcome = CommandOutcome(Exited(0, "{}\n{}\n"), kLimit);
  ASSERT_FALSE(outcome.ok);
  EXPECT_THAT(outcome.cause, StartsWith("The command's output is not JSON: "));
}

TEST(CommandOutcomeTest, FunctionErrorOnStdoutNamesTheError) {
  const std::string payload = R"({"errorType":"MyError","errorMessage":"boom"})";
  engine::TaskOutcome outcome = CommandOutcome(Exited(3, payload + "\n", "ignored"), kLimit);
  ASSERT_FALSE(outcome.ok);
  EXPECT_EQ(outcome.error, "MyError");
  // As AWS does for a Lambda function error, the Cause is the whole error payload.
  EXPECT_EQ(outcome.cause, payload);
}

TEST(CommandOutcomeTest, FunctionErrorOnStderrWhenStdoutHasNone) {
  const std::string payload = R"({"errorMessage": "x", "errorType": "Oops", "stackTrace": []})";
  engine::TaskOutcome outcome = CommandOutcome(Exited(1, "partial output", payload), kLimit);
  ASSERT_FALSE(outcome.ok);
  EXPECT_EQ(outcome.error, "Oops");
  EXPECT_EQ(outcome.cause, payload);
}

TEST(CommandOutcomeTest, FunctionErrorWithoutMessageKeepsThePayload) {
  engine::TaskOutcome outcome = CommandOutcome(Exited(1, R"({"errorType":"Bare"})"), kLimit);
  EXPECT_EQ(outcome.error, "Bare");
  EXPECT_EQ(outcome.cause, R"({"errorType":"Bare"})");
}

TEST(CommandOutcomeTest, ErrorTypeMustBeANonEmptyString) {
  for (const char* text : {R"({"errorType":7})", R"({"errorType":""})", R"({"error":"x"})",
                           R"(["errorType"])", R"({"errorType":"X")"}) {
    engine::TaskOutcome outcome = CommandOutcome(Exited(2, text), kLimit);
    EXPECT_EQ(outcome.error, "States.TaskFailed") << text;
    EXPECT_EQ(outcome.cause, "The command exited with status 2.") << text;
  }
}

TEST(CommandOutcomeTest, ErrorTypeOnSuccessIsJustAResult) {
  engine::TaskOutcome outcome = CommandOutcome(Exited(0, R"({"errorType":"X"})"), kLimit);
  ASSERT_TRUE(outcome.ok);
  EXPECT_EQ(outcome.output.Find("errorType")->as_string(), "X");
}

TEST(CommandOutcomeTest, NonZeroExitQuotesStderr) {
  engine::TaskOutcome outcome =
      CommandOutcome(Exited(127, "", "sh: 1: frobnicate: not found\n"), kLimit);
  EXPECT_EQ(outcome.error, "States.TaskFailed");
  EXPECT_EQ(outcome.cause,
            "The command exited with status 127. stderr: sh: 1: frobnicate: not found");
}

TEST(CommandOutcomeTest, LongStderrIsQuotedByItsEnd) {
  const std::string err = std::string(10000, 'x') + "\nValueError: the real reason\n";
  engine::TaskOutcome outcome = CommandOutcome(Exited(1, "", err), kLimit);
  EXPECT_THAT(outcome.cause, StartsWith("The command exited with status 1. stderr: \xE2\x80\xA6"));
  EXPECT_THAT(outcome.cause, EndsWith("ValueError: the real reason"));
  EXPECT_LT(outcome.cause.size(), kMaxStderrInCause + 100);
}

TEST(CommandOutcomeTest, StderrIsMadeValidUtf8) {
  engine::TaskOutcome outcome = CommandOutcome(Exited(1, "", "bad \xFF byte"), kLimit);
  EXPECT_EQ(outcome.cause, "The command exited with status 1. stderr: bad \xEF\xBF\xBD byte");
}

TEST(CommandOutcomeTest, SignalIsNamed) {
  SubprocessResult result;
  result.end = SubprocessResult::End::kSignaled;
  result.signal = SIGKILL;
  engine::TaskOutcome outcome = CommandOutcome(result, kLimit);
  EXPECT_EQ(outcome.error, "States.TaskFailed");
  EXPECT_EQ(outcome.cause, "The command was killed by signal 9 (SIGKILL).");
}

TEST(CommandOutcomeTest, OutputOverTheLimit) {
  SubprocessResult result;
  result.end = SubprocessResult::End::kStdoutLimit;
  engine::TaskOutcome outcome = CommandOutcome(result, kLimit);
  EXPECT_EQ(outcome.error, "States.TaskFailed");
  EXPECT_EQ(outcome.cause, "The command's output exceeded 1000 bytes, so the command was killed.");
}

TEST(CommandOutcomeTest, Killed) {
  SubprocessResult result;
  result.end = SubprocessResult::End::kKilled;
  engine::TaskOutcome outcome = CommandOutcome(result, kLimit);
  EXPECT_EQ(outcome.error, "States.TaskFailed");
  EXPECT_EQ(outcome.cause, "The command was killed before it finished.");
}

}  // namespace
}  // namespace stepwise::tasks
