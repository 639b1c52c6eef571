#include "tasks/exec_invoker.h"

#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "json/parse.h"
#include "json/write.h"
#include "tasks/test_util.h"

namespace stepwise::tasks {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

json::Value P(std::string_view text) { return json::Parse(text).value(); }

engine::TaskRequest Request(json::Value input, std::string state_name = "Work") {
  engine::TaskRequest request;
  request.resource = "arn:aws:states:::lambda:invoke";
  request.state_name = std::move(state_name);
  request.input = std::move(input);
  return request;
}

// Runs one invocation to its end.
engine::TaskOutcome RunOnce(ExecInvoker& invoker, json::Value input) {
  OutcomeCollector collector;
  invoker.Invoke(Request(std::move(input)), collector.Completion());
  EXPECT_TRUE(collector.WaitForAll());
  return collector.outcome();
}

engine::TaskOutcome RunOnce(std::string command, json::Value input = json::Value::Null()) {
  ExecInvoker invoker(std::move(command));
  return RunOnce(invoker, std::move(input));
}

// A directory of named pipes for tests that must know a command has started, or hold it back,
// without sleeping: opening a FIFO blocks until the other side opens it too.
class FifoDirectory {
 public:
  FifoDirectory() {
    std::string pattern = (std::filesystem::temp_directory_path() / "stepwise_tasks_XXXXXX");
    path_ = mkdtemp(pattern.data());
  }
  ~FifoDirectory() { std::filesystem::remove_all(path_); }

  std::string Make(const std::string& name) {
    const std::string fifo = path_ + "/" + name;
    EXPECT_EQ(mkfifo(fifo.c_str(), 0600), 0);
    return fifo;
  }

 private:
  std::string path_;
};

// Opens path for writing, writes text and closes it; blocks until a reader opens it.
void WriteFifo(const std::string& path, std::string_view text) {
  const int fd = open(path.c_str(), O_WRONLY);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(write(fd, text.data(), text.size()), static_cast<ssize_t>(text.size()));
  close(fd);
}

// Opens path for reading and reads to end-of-file; blocks until a writer opens it.
std::string ReadFifo(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY);
  EXPECT_GE(fd, 0);
  std::string text;
  char buffer[256];
  ssize_t n;
  while ((n = read(fd, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<size_t>(n));
  close(fd);
  return text;
}

TEST(ExecInvokerTest, CatEchoesTheEvent) {
  const json::Value event = P(R"({"a":[1,2.5,"x"],"b":{"c":null},"d":"\u00e9\n"})");
  engine::TaskOutcome outcome = RunOnce("cat", event);
  ASSERT_TRUE(outcome.ok) << outcome.cause;
  EXPECT_EQ(outcome.output, event);
}

TEST(ExecInvokerTest, TheEventIsCompactJson) {
  engine::TaskOutcome outcome = RunOnce("wc -c", P(R"({ "a" : [ 1 , 2 ] })"));
  ASSERT_TRUE(outcome.ok) << outcome.cause;
  EXPECT_EQ(outcome.output.as_int(), static_cast<int64_t>(json::Write(P(R"({"a":[1,2]})")).size()));
}

TEST(ExecInvokerTest, CommandPrintingJson) {
  engine::TaskOutcome outcome = RunOnce(R"(echo '{"ok":true,"n":[1,2]}')");
  ASSERT_TRUE(outcome.ok) << outcome.cause;
  EXPECT_EQ(outcome.output, P(R"({"ok":true,"n":[1,2]})"));
}

TEST(ExecInvokerTest, EmptyOutputIsNull) {
  engine::TaskOutcome outcome = RunOnce("true", P("[1]"));
  ASSERT_TRUE(outcome.ok) << outcome.cause;
  EXPECT_TRUE(outcome.output.is_null());
}

TEST(ExecInvokerTest, FunctionErrorBecomesErrorAndCause) {
  engine::TaskOutcome outcome =
      RunOnce(R"(echo '{"errorType":"MyError","errorMessage":"boom"}'; exit 3)");
  ASSERT_FALSE(outcome.ok);
  EXPECT_EQ(outcome.error, "MyError");
  EXPECT_EQ(outcome.cause, R"({"errorType":"MyError","errorMessage":"boom"})");
}

TEST(ExecInvokerTest, FunctionErrorOnStderr) {
  engine::TaskOutcome outcome =
      RunOnce(R"(echo '{"errorType":"Oops","errorMessage":"x"}' >&2; exit 1)");
  ASSERT_FALSE(outcome.ok);
  EXPECT_EQ(outcome.error, "Oops");
}

TEST(ExecInvokerTest, OutputThatIsNotJson) {
  engine::TaskOutcome outcome = RunOnce("echo hello world");
  ASSERT_FALSE(outcome.ok);
  EXPECT_EQ(outcome.error, "States.TaskFailed");
  EXPECT_THAT(outcome.cause, StartsWith("The command's output is not JSON: "));
  EXPECT_THAT(outcome.cause, HasSubstr("Output: hello world"));
}

TEST(ExecInvokerTest, OutputOverTheCapFails) {
  // A valid JSON string just over the default cap.
  engine::TaskOutcome outcome =
      RunOnce("printf '\"'; head -c 270000 /dev/zero | tr '\\0' a; printf '\"'");
  ASSERT_FALSE(outcome.ok);
  EXPECT_EQ(outcome.error, "States.TaskFailed");
  EXPECT_EQ(outcome.cause,
            "The command's output exceeded 263168 bytes, so the command was killed.");
}

TEST(ExecInvokerTest, OutputJustUnderTheCapSucceeds) {
  engine::TaskOutcome outcome =
      RunOnce("printf '\"'; head -c 263000 /dev/zero | tr '\\0' a; printf '\"'");
  ASSERT_TRUE(outcome.ok) << outcome.cause;
  EXPECT_EQ(outcome.output.as_string().size(), 263000u);
}

TEST(ExecInvokerTest, RunawayOutputIsStopped) {
  ExecInvoker invoker("yes", {.max_output_bytes = 4096});
  engine::TaskOutcome outcome = RunOnce(invoker, json::Value::Null());
  ASSERT_FALSE(outcome.ok);
  EXPECT_EQ(outcome.cause, "The command's output exceeded 4096 bytes, so the command was killed.");
}

TEST(ExecInvokerTest, StderrIsInTheCause) {
  engine::TaskOutcome outcome = RunOnce("echo 'first line' >&2; echo oops >&2; exit 2");
  ASSERT_FALSE(outcome.ok);
  EXPECT_EQ(outcome.error, "States.TaskFailed");
  EXPECT_EQ(outcome.cause, "The command exited with status 2. stderr: first line\noops");
}

TEST(ExecInvokerTest, StderrOfASuccessfulCommandIsIgnored) {
  engine::TaskOutcome outcome = RunOnce("echo progress >&2; echo 42");
  ASSERT_TRUE(outcome.ok) << outcome.cause;
  EXPECT_EQ(outcome.output.as_int(), 42);
}

TEST(ExecInvokerTest, LargeEventToACommandThatReadsNothing) {
  const json::Value event = json::Value::String(std::string(1 << 20, 'e'));
  engine::TaskOutcome outcome = RunOnce("true", event);
  ASSERT_TRUE(outcome.ok) << outcome.cause;
  EXPECT_TRUE(outcome.output.is_null());
}

TEST(ExecInvokerTest, LargeEventRoundTrips) {
  const json::Value event = json::Value::String(std::string(200 * 1024, 'e'));
  engine::TaskOutcome outcome = RunOnce("cat", event);
  ASSERT_TRUE(outcome.ok) << outcome.cause;
  EXPECT_EQ(outcome.output, event);
}

TEST(ExecInvokerTest, CommandNotFoundIsANonZeroExit) {
  engine::TaskOutcome outcome = RunOnce("stepwise-no-such-command");
  ASSERT_FALSE(outcome.ok);
  EXPECT_EQ(outcome.error, "States.TaskFailed");
  EXPECT_THAT(outcome.cause, StartsWith("The command exited with status 127. stderr: "));
  EXPECT_THAT(outcome.cause, HasSubstr("not found"));
}

TEST(ExecInvokerTest, KilledBySignal) {
  engine::TaskOutcome outcome = RunOnce("kill -KILL $$");
  ASSERT_FALSE(outcome.ok);
  EXPECT_EQ(outcome.error, "States.TaskFailed");
  EXPECT_EQ(outcome.cause, "The command was killed by signal 9 (SIGKILL).");
}

TEST(ExecInvokerTest, EnvironmentIsInheritedPlusStateNameAndResource) {
  ASSERT_EQ(setenv("STEPWISE_TASKS_TEST_VARIABLE", "inherited", 1), 0);
  ASSERT_EQ(setenv("STEPWISE_STATE_NAME", "stale", 1), 0);
  ExecInvoker invoker(R"(printf '["%s","%s","%s"]' "$STEPWISE_STATE_NAME" "$STEPWISE_RESOURCE" )"
                      R"("$STEPWISE_TASKS_TEST_VARIABLE")");
  unsetenv("STEPWISE_TASKS_TEST_VARIABLE");
  unsetenv("STEPWISE_STATE_NAME");
  OutcomeCollector collector;
  invoker.Invoke(Request(json::Value::Null(), "Charge Card"), collector.Completion());
  ASSERT_TRUE(collector.WaitForAll());
  ASSERT_TRUE(collector.outcome().ok) << collector.outcome().cause;
  EXPECT_EQ(collector.outcome().output,
            P(R"(["Charge Card","arn:aws:states:::lambda:invoke","inherited"])"));
}

TEST(ExecInvokerTest, InvokeReturnsBeforeTheCommandFinishes) {
  FifoDirectory directory;
  const std::string gate = directory.Make("gate");
  ExecInvoker invoker("cat '" + gate + "'");
  OutcomeCollector collector;
  invoker.Invoke(Request(json::Value::Null()), collector.Completion());
  // The command cannot finish before the test writes to the gate.
  EXPECT_EQ(collector.total_calls(), 0u);
  WriteFifo(gate, R"({"late":true})");
  ASSERT_TRUE(collector.WaitForAll());
  ASSERT_TRUE(collector.outcome().ok) << collector.outcome().cause;
  EXPECT_EQ(collector.outcome().output, P(R"({"late":true})"));
}

TEST(ExecInvokerTest, TwoHundredConcurrentInvocationsComplete) {
  constexpr size_t kCount = 200;
  ExecInvoker invoker("cat");
  OutcomeCollector collector(kCount);
  for (size_t i = 0; i < kCount; ++i) {
    invoker.Invoke(Request(P(R"({"i":)" + std::to_string(i) + "}")), collector.Completion(i));
  }
  ASSERT_TRUE(collector.WaitForAll());
  invoker.Shutdown();
  for (size_t i = 0; i < kCount; ++i) {
    const engine::TaskOutcome outcome = collector.outcome(i);
    ASSERT_TRUE(outcome.ok) << i << ": " << outcome.cause;
    EXPECT_EQ(outcome.output.Find("i")->as_int(), static_cast<int64_t>(i));
    EXPECT_EQ(collector.calls(i), 1u) << i;
  }
}

TEST(ExecInvokerTest, EachCompletionIsCalledExactlyOnce) {
  // Every way a command can end, many times over, on a small pool.
  const std::vector<std::string> commands = {"cat",    "echo not-json",
                                             "exit 4", "kill -KILL $$",
                                             "yes",    R"(echo '{"errorType":"E"}'; exit 1)"};
  std::vector<std::unique_ptr<ExecInvoker>> invokers;
  for (const std::string& command : commands) {
    invokers.push_back(std::make_unique<ExecInvoker>(
        command, ExecOptions{.max_processes = 2, .max_output_bytes = 1000}));
  }
  constexpr size_t kRounds = 20;
  OutcomeCollector collector(commands.size() * kRounds);
  for (size_t round = 0; round < kRounds; ++round) {
    for (size_t c = 0; c < commands.size(); ++c) {
      invokers[c]->Invoke(Request(P("[1]")), collector.Completion(round * commands.size() + c));
    }
  }
  ASSERT_TRUE(collector.WaitForAll());
  for (auto& invoker : invokers) invoker->Shutdown();
  EXPECT_EQ(collector.total_calls(), commands.size() * kRounds);
  for (size_t slot = 0; slot < commands.size() * kRounds; ++slot) {
    EXPECT_EQ(collector.calls(slot), 1u) << slot;
    EXPECT_EQ(collector.outcome(slot).ok, slot % commands.size() == 0) << slot;
  }
}

TEST(ExecInvokerTest, ShutdownKillsRunningCommandsAndFailsQueuedOnes) {
  FifoDirectory directory;
  const std::string started = directory.Make("started");
  ExecInvoker invoker("echo started > '" + started + "'; sleep 60", {.max_processes = 1});
  OutcomeCollector collector(2);
  invoker.Invoke(Request(json::Value::Null()), collector.Completion(0));
  invoker.Invoke(Request(json::Value::Null()), collector.Completion(1));  // queued behind it
  EXPECT_EQ(ReadFifo(started), "started\n");  // the first command is running
  invoker.Shutdown();
  EXPECT_EQ(collector.calls(0), 1u);
  EXPECT_EQ(collector.calls(1), 1u);
  EXPECT_EQ(collector.outcome(0).error, "States.TaskFailed");
  EXPECT_EQ(collector.outcome(0).cause,
            "The command was killed because the exec invoker shut down.");
  EXPECT_EQ(collector.outcome(1).error, "States.TaskFailed");
  EXPECT_EQ(collector.outcome(1).cause,
            "The exec invoker had shut down, so the command was not started.");
}

TEST(ExecInvokerTest, InvokeAfterShutdownFailsAtOnce) {
  ExecInvoker invoker("cat");
  invoker.Shutdown();
  invoker.Shutdown();  // idempotent
  OutcomeCollector collector;
  invoker.Invoke(Request(json::Value::Null()), collector.Completion());
  EXPECT_EQ(collector.calls(), 1u);  // completed inside Invoke
  EXPECT_FALSE(collector.outcome().ok);
  EXPECT_EQ(collector.outcome().error, "States.TaskFailed");
}

TEST(ExecInvokerTest, InvokeFromInsideACompletion) {
  // The engine starts the next Task state from a completion, on the worker's thread.
  ExecInvoker invoker("cat", {.max_processes = 1});
  OutcomeCollector collector;
  invoker.Invoke(Request(P("1")), [&](engine::TaskOutcome first) {
    invoker.Invoke(Request(P(json::Write(first.output) + "0")), collector.Completion());
  });
  ASSERT_TRUE(collector.WaitForAll());
  EXPECT_EQ(collector.outcome().output.as_int(), 10);
}

TEST(ExecInvokerTest, DefaultPoolSize) {
  ExecInvoker invoker("cat");
  EXPECT_GE(invoker.max_processes(), 4u);
  EXPECT_EQ(ExecInvoker("cat", {.max_processes = 3}).max_processes(), 3u);
}

}  // namespace
}  // namespace stepwise::tasks
