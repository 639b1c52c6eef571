#include "engine/run.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "asl/load.h"
#include "engine/scheduler.h"
#include "json/parse.h"
#include "json/write.h"

namespace stepwise::engine {
namespace {

using ::testing::ElementsAre;

std::shared_ptr<const asl::StateMachine> Load(std::string_view definition) {
  asl::LoadResult loaded = asl::LoadDefinition(definition);
  EXPECT_TRUE(loaded.ok()) << (loaded.diagnostics.empty() ? "" : loaded.diagnostics[0].message);
  return loaded.machine;
}

json::Value J(std::string_view text) { return json::Parse(text).value(); }

// Runs a definition on the simulated clock (so Waits and backoff take no time).
RunResult RunDef(std::string_view definition, std::string_view input = "{}",
              const TaskRouter& router = TaskRouter(), RunOptions options = {}) {
  options.clock = ClockKind::kSimulated;
  options.record_history = true;
  return RunExecution(Load(definition), J(input), router, options);
}

std::vector<std::string> EventTypes(const RunResult& result) {
  std::vector<std::string> types;
  if (result.history) for (const HistoryEvent& e : result.history->Snapshot()) types.emplace_back(EventTypeName(e.type));
  return types;
}

// A task invoker from a function, completing synchronously or on a thread of its own.
class FunctionTask : public TaskInvoker {
 public:
  explicit FunctionTask(std::function<TaskOutcome(const json::Value&)> fn, bool async = false)
      : fn_(std::move(fn)), async_(async) {}
  ~FunctionTask() override {
    for (auto& t : threads_) t.join();
  }
  void Invoke(const TaskRequest& request, TaskCompletion complete) override {
    calls.fetch_add(1);
    if (!async_) {
      complete(fn_(request.input));
      return;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    threads_.emplace_back([this, input = request.input, complete = std::move(complete)] {
      complete(fn_(input));
    });
  }
  std::atomic<int> calls{0};

 private:
  std::function<TaskOutcome(const json::Value&)> fn_;
  bool async_;
  std::mutex mutex_;
  std::vector<std::thread> threads_;
};

TEST(RunTest, PassChainAppliesTheDataFlowInOrder) {
  RunResult r = RunDef(R"j({"StartAt":"A","States":{
      "A":{"Type":"Pass","InputPath":"$.in","Parameters":{"x.$":"$.v","k":1},
           "ResultPath":"$.out","OutputPath":"$.out","Next":"B"},
      "B":{"Type":"Pass","Result":{"done":true},"ResultPath":"$.r","End":true}}})j",
                    R"j({"in":{"v":7}})j");
  ASSERT_EQ(r.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(json::Write(r.output), R"j({"x":7,"k":1,"r":{"done":true}})j");
  EXPECT_EQ(r.transitions, 2);
  EXPECT_THAT(EventTypes(r), ElementsAre("ExecutionStarted", "PassStateEntered", "PassStateExited",
                                         "PassStateEntered", "PassStateExited",
                                         "ExecutionSucceeded"));
}

// Event ids count from 1; the first state's Entered event has previousEventId 0, every later
// event follows the one before it in its frame.
TEST(RunTest, EventIdsAndPreviousIdsAsAwsNumbersThem) {
  RunResult r = RunDef(R"j({"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},
                       "B":{"Type":"Succeed"}}})j");
  std::vector<std::pair<int64_t, int64_t>> ids;
  for (const HistoryEvent& e : r.history->Snapshot()) ids.emplace_back(e.id, e.previous_id);
  EXPECT_THAT(ids, ElementsAre(std::pair<int64_t, int64_t>{1, 0}, std::pair<int64_t, int64_t>{2, 0},
                               std::pair<int64_t, int64_t>{3, 2}, std::pair<int64_t, int64_t>{4, 3},
                               std::pair<int64_t, int64_t>{5, 4}, std::pair<int64_t, int64_t>{6, 5}));
}

TEST(RunTest, ChoiceDefaultAndNoChoiceMatched) {
  std::string definition = R"j({"StartAt":"C","States":{
      "C":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":1,"Next":"Big"}]},
      "Big":{"Type":"Pass","Result":"big","End":true}}})j";
  EXPECT_EQ(json::Write(RunDef(definition, R"j({"n":2})j").output), R"j("big")j");
  RunResult none = RunDef(definition, R"j({"n":0})j");
  EXPECT_EQ(none.status, ExecutionStatus::kFailed);
  EXPECT_EQ(none.error, "States.NoChoiceMatched");
}

TEST(RunTest, FailStateErrorAndCausePaths) {
  RunResult r = RunDef(R"j({"StartAt":"F","States":{"F":{"Type":"Fail","ErrorPath":"$.e",
      "CausePath":"States.Format('because {}', $.why)"}}})j",
                    R"j({"e":"Custom","why":"reasons"})j");
  EXPECT_EQ(r.status, ExecutionStatus::kFailed);
  EXPECT_EQ(r.error, "Custom");
  EXPECT_EQ(r.cause, "because reasons");
}

TEST(RunTest, RuntimeErrorsCarryAwsPrefixAndEventId) {
  RunResult r = RunDef(R"j({"StartAt":"P","States":{"P":{"Type":"Pass","InputPath":"$.missing",
      "End":true}}})j");
  EXPECT_EQ(r.error, "States.Runtime");
  EXPECT_EQ(r.cause,
            "An error occurred while executing the state 'P' (entered at the event id #2). "
            "Invalid path '$.missing' : No results for path: $['missing']");
}

TEST(RunTest, WaitTakesNoTimeOnTheSimulatedClock) {
  auto started = std::chrono::steady_clock::now();
  RunResult r = RunDef(R"j({"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":31536000,
      "End":true}}})j");
  EXPECT_EQ(r.status, ExecutionStatus::kSucceeded);
  EXPECT_GE(r.stop_ms - r.start_ms, 31536000000LL);  // a year of simulated time passed
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
}

TEST(RunTest, WaitSecondsPathErrors) {
  std::string definition =
      R"j({"StartAt":"W","States":{"W":{"Type":"Wait","SecondsPath":"$.s","End":true}}})j";
  EXPECT_EQ(RunDef(definition, R"j({"s":-1})j").cause,
            "An error occurred while executing the state 'W' (entered at the event id #2). The "
            "SecondsPath parameter references a negative value: $.s == -1");
  EXPECT_EQ(RunDef(definition, R"j({"s":1.5})j").cause,
            "An error occurred while executing the state 'W' (entered at the event id #2). The "
            "SecondsPath parameter cannot be parsed as a long value: $.s == 1.5");
}

TEST(RunTest, RetryWithBackoffThenCatch) {
  TaskRouter router;
  auto task = std::make_shared<FunctionTask>(
      [](const json::Value&) { return TaskOutcome::Failure("Flaky", "try again"); });
  router.RouteState("T", task);
  RunResult r = RunDef(R"j({"StartAt":"T","States":{
      "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Retry":[{"ErrorEquals":
           ["Flaky"],"IntervalSeconds":10,"MaxAttempts":2,"BackoffRate":3}],
           "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Handled"}],
           "End":true},
      "Handled":{"Type":"Pass","End":true}}})j",
                    R"j({"x":1})j", router);
  EXPECT_EQ(task->calls.load(), 3);  // the first attempt and two retries
  ASSERT_EQ(r.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(json::Write(r.output), R"j({"x":1,"error":{"Error":"Flaky","Cause":"try again"}})j");
  // 10 s, then 30 s of backoff on the simulated clock.
  EXPECT_GE(r.stop_ms - r.start_ms, 40000);
}

TEST(RunTest, MaxAttemptsZeroDoesNotRetry) {
  TaskRouter router;
  auto task = std::make_shared<FunctionTask>(
      [](const json::Value&) { return TaskOutcome::Failure("Boom", ""); });
  router.RouteState("T", task);
  RunResult r = RunDef(R"j({"StartAt":"T","States":{"T":{"Type":"Task",
      "Resource":"arn:aws:states:::lambda:invoke","Retry":[{"ErrorEquals":["States.ALL"],
      "MaxAttempts":0}],"End":true}}})j",
                    "{}", router);
  EXPECT_EQ(task->calls.load(), 1);
  EXPECT_EQ(r.error, "Boom");
}

// "States.ALL ... can't catch the States.DataLimitExceeded terminal error or Runtime error types."
TEST(RunTest, StatesAllDoesNotCatchRuntimeErrors) {
  RunResult r = RunDef(R"j({"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.nope",
      "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},
      "Catch":[{"ErrorEquals":["States.ALL"],"Next":"C"}],"End":true},
      "C":{"Type":"Succeed"}}})j");
  EXPECT_EQ(r.status, ExecutionStatus::kFailed);
  EXPECT_EQ(r.error, "States.Runtime");
}

// A task in flight keeps real time even on the simulated clock, so this timeout takes one real
// second: the task is held until the run is over, and its late completion must then be dropped
// without touching what the run freed (the completion holds the scheduler; under ASan or TSan a
// dangling one shows here).
TEST(RunTest, TaskTimeoutFiresWhileTheTaskIsInFlight) {
  class HeldTask : public TaskInvoker {
   public:
    void Invoke(const TaskRequest&, TaskCompletion complete) override {
      held_ = std::move(complete);
    }
    void Release() {
      if (held_) held_(TaskOutcome::Success(json::Value()));
    }

   private:
    TaskCompletion held_;
  };
  auto held = std::make_shared<HeldTask>();
  TaskRouter router;
  router.RouteState("T", held);
  RunResult r = RunDef(R"j({"StartAt":"T","States":{"T":{"Type":"Task",
      "Resource":"arn:aws:states:::lambda:invoke","TimeoutSeconds":1,"End":true}}})j",
                    "{}", router);
  EXPECT_EQ(r.status, ExecutionStatus::kFailed);
  EXPECT_EQ(r.error, "States.Timeout");
  EXPECT_EQ(EventTypes(r)[4], "TaskTimedOut");
  held->Release();
}

// A missed heartbeat is reported as States.Timeout (as AWS recorded it), and Retry and Catch
// match it by States.HeartbeatTimeout as well as by States.Timeout; a TimeoutSeconds expiry is
// not a HeartbeatTimeout.
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
TEST(RunTest, AMissedHeartbeatIsATimeoutThatHeartbeatTimeoutCatches) {
  class NeverTask : public TaskInvoker {
   public:
    void Invoke(const TaskRequest&, TaskCompletion complete) override {
      held_.push_back(std::move(complete));
    }
    ~NeverTask() override {
      for (TaskCompletion& complete : held_) complete(TaskOutcome::Success(json::Value()));
    }

   private:
    std::vector<TaskCompletion> held_;
  };
  auto never = std::make_shared<NeverTask>();
  TaskRouter router;
  router.RouteState("T", never);
  auto definition = [](std::string_view limit) {
    return R"j({"StartAt":"T","States":{"T":{"Type":"Task",
      "Resource":"arn:aws:states:::lambda:invoke",)j" + std::string(limit) + R"j(,
      "Catch":[{"ErrorEquals":["States.HeartbeatTimeout"],"Next":"Beat"},
               {"ErrorEquals":["States.Timeout"],"Next":"Timeout"}],"End":true},
      "Beat":{"Type":"Pass","End":true},"Timeout":{"Type":"Pass","End":true}}})j";
  };
  // The name of the state the Catch went to.
  auto caught_by = [](const RunResult& result) {
    for (const HistoryEvent& event : result.history->Snapshot()) {
      if (event.type == EventType::kPassStateEntered) return *event.name;
    }
    return std::string("none");
  };
  RunResult missed = RunDef(definition(R"("HeartbeatSeconds":1,"TimeoutSeconds":60)"), "{}", router);
  EXPECT_EQ(missed.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(json::Write(missed.output), R"({"Error":"States.Timeout"})");
  EXPECT_EQ(EventTypes(missed)[4], "TaskTimedOut");
  EXPECT_EQ(caught_by(missed), "Beat");
  RunResult timed_out = RunDef(definition(R"("TimeoutSeconds":1)"), "{}", router);
  EXPECT_EQ(timed_out.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(json::Write(timed_out.output), R"({"Error":"States.Timeout"})");
  EXPECT_EQ(caught_by(timed_out), "Timeout");
}

TEST(RunTest, AsyncTaskResultsFlowThroughResultSelectorAndPath) {
  TaskRouter router;
  router.RouteState("T", std::make_shared<FunctionTask>(
                             [](const json::Value& in) {
                               return TaskOutcome::Success(J(R"j({"Payload":{"echo":)j" +
                                                             json::Write(in) + "}}"));
                             },
                             /*async=*/true));
  RunResult r = RunDef(R"j({"StartAt":"T","States":{"T":{"Type":"Task",
      "Resource":"arn:aws:states:::lambda:invoke","Parameters":{"v.$":"$.v"},
      "ResultSelector":{"got.$":"$.Payload.echo.v"},"ResultPath":"$.result","End":true}}})j",
                    R"j({"v":42})j", router);
  ASSERT_EQ(r.status, ExecutionStatus::kSucceeded) << r.cause;
  EXPECT_EQ(json::Write(r.output), R"j({"v":42,"result":{"got":42}})j");
  EXPECT_THAT(EventTypes(r),
              ElementsAre("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted",
                          "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"));
}

TEST(RunTest, UnroutedTaskFailsWithAHint) {
  RunResult r = RunDef(R"j({"StartAt":"T","States":{"T":{"Type":"Task",
      "Resource":"arn:aws:lambda:us-east-1:123456789012:function:f","End":true}}})j");
  EXPECT_EQ(r.error, "States.TaskFailed");
  EXPECT_THAT(r.cause, ::testing::HasSubstr("--task 'T=COMMAND'"));
}

TEST(RunTest, ParallelKeepsBranchOrder) {
  RunResult r = RunDef(R"j({"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
      {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":5,"Next":"A"},
                               "A":{"Type":"Pass","Result":"slow","End":true}}},
      {"StartAt":"B","States":{"B":{"Type":"Pass","Result":"fast","End":true}}}]}}})j");
  ASSERT_EQ(r.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(json::Write(r.output), R"j(["slow","fast"])j");
}

TEST(RunTest, ParallelFailureFailsTheStateWithTheBranchError) {
  RunResult r = RunDef(R"j({"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
      {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Branch","Cause":"broke"}}},
      {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":100000,"End":true}}}]}}})j");
  EXPECT_EQ(r.status, ExecutionStatus::kFailed);
  EXPECT_EQ(r.error, "Branch");
  EXPECT_EQ(r.cause, "broke");
}

TEST(RunTest, MapWithSelectorContextAndConcurrency) {
  RunResult r = RunDef(R"j({"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items",
      "MaxConcurrency":2,"ItemSelector":{"v.$":"$$.Map.Item.Value","i.$":"$$.Map.Item.Index",
      "k.$":"$.k"},"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},
      "ResultPath":"$.out","End":true}}})j",
                    R"j({"items":["a","b","c"],"k":9})j");
  ASSERT_EQ(r.status, ExecutionStatus::kSucceeded) << r.cause;
  EXPECT_EQ(json::Write(*r.output.Find("out")),
            R"j([{"v":"a","i":0,"k":9},{"v":"b","i":1,"k":9},{"v":"c","i":2,"k":9}])j");
}

TEST(RunTest, MapOverANonArray) {
  RunResult r = RunDef(R"j({"StartAt":"M","States":{"M":{"Type":"Map",
      "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}})j",
                    R"j({"not":"an array"})j");
  EXPECT_EQ(r.error, "States.Runtime");
  EXPECT_THAT(r.cause, ::testing::EndsWith("Map state input must be an array but was: "
                                          R"j({"not":"an array"})j"));
}

TEST(RunTest, MapToleratedFailures) {
  std::string definition = R"j({"StartAt":"M","States":{"M":{"Type":"Map",
      "ToleratedFailureCount":1,"ItemProcessor":{"StartAt":"C","States":{
        "C":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":0,"Next":"F"}],
             "Default":"OK"},
        "F":{"Type":"Fail","Error":"Zero"},"OK":{"Type":"Succeed"}}},"End":true}}})j";
  RunResult one = RunDef(definition, "[0,1,2]");
  EXPECT_EQ(one.status, ExecutionStatus::kSucceeded);
  RunResult two = RunDef(definition, "[0,0,2]");
  EXPECT_EQ(two.status, ExecutionStatus::kFailed);
  EXPECT_EQ(two.error, "States.ExceedToleratedFailureThreshold");
}

TEST(RunTest, ItemBatcher) {
  RunResult r = RunDef(R"j({"StartAt":"M","States":{"M":{"Type":"Map","ItemBatcher":{
      "MaxItemsPerBatch":2,"BatchInput":{"tag":"x"}},
      "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}})j",
                    "[1,2,3]");
  ASSERT_EQ(r.status, ExecutionStatus::kSucceeded) << r.cause;
  EXPECT_EQ(json::Write(r.output), R"j([{"Items":[1,2],"BatchInput":{"tag":"x"}},)j"
                                   R"j({"Items":[3],"BatchInput":{"tag":"x"}}])j");
}

TEST(RunTest, AssignedVariablesAreVisibleInLaterStatesAndIterations) {
  RunResult r = RunDef(R"j({"StartAt":"A","States":{
      "A":{"Type":"Pass","Assign":{"bias":10,"name.$":"$.who"},"Next":"M"},
      "M":{"Type":"Map","ItemsPath":"$.items","ItemProcessor":{"StartAt":"S","States":{
        "S":{"Type":"Pass","Parameters":{"sum.$":"States.MathAdd($, $bias)","who.$":"$name"},
             "End":true}}},"End":true}}})j",
                    R"j({"who":"ana","items":[1,2]})j");
  ASSERT_EQ(r.status, ExecutionStatus::kSucceeded) << r.cause;
  EXPECT_EQ(json::Write(r.output), R"j([{"sum":11,"who":"ana"},{"sum":12,"who":"ana"}])j");
}

TEST(RunTest, PayloadLimit) {
  RunOptions options;
  options.max_payload_bytes = 20;
  RunResult r = RunDef(R"j({"StartAt":"A","States":{"A":{"Type":"Pass",
      "Result":"a string longer than twenty bytes","End":true}}})j",
                    "{}", TaskRouter(), options);
  EXPECT_EQ(r.error, "States.DataLimitExceeded");
}

TEST(RunTest, ExecutionTimeout) {
  RunResult r = RunDef(R"j({"TimeoutSeconds":5,"StartAt":"W","States":{"W":{"Type":"Wait",
      "Seconds":60,"End":true}}})j");
  EXPECT_EQ(r.status, ExecutionStatus::kTimedOut);
  EXPECT_EQ(EventTypes(r).back(), "ExecutionTimedOut");
}

TEST(RunTest, ALargeMapKeepsFewIterationsInFlight) {
  std::string items = "[";
  for (int i = 0; i < 20000; ++i) items += (i ? "," : "") + std::to_string(i);
  items += "]";
  RunOptions options;
  options.record_history = false;
  options.default_map_concurrency = 16;
  RunResult r = RunExecution(Load(R"j({"StartAt":"M","States":{"M":{"Type":"Map",
      "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}})j"),
                             J(items), TaskRouter(), options);
  ASSERT_EQ(r.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(r.output.size(), 20000u);
  EXPECT_EQ(r.transitions, 20001);
}


// Executions started on a shared scheduler (the service's way): on_end reports how each ended,
// and StopExecution aborts a waiting execution with ExecutionAborted as its last event.
TEST(StartExecutionOnTest, RunsOnASharedSchedulerAndReportsTheEnd) {
  auto scheduler = std::make_shared<Scheduler>(2, /*simulated=*/false);
  TaskRouter router;
  RunOptions options;
  options.record_history = true;
  std::mutex mutex;
  std::condition_variable ended;
  std::vector<RunResult> results;
  auto on_end = [&](const RunResult& r) {
    std::lock_guard<std::mutex> lock(mutex);
    results.push_back(r);
    ended.notify_all();
  };
  auto machine = Load(R"j({"StartAt":"P","States":{"P":{"Type":"Pass","Result":7,"End":true}}})j");
  for (int i = 0; i < 20; ++i) StartExecutionOn(scheduler, machine, J("{}"), router, options, on_end);
  std::unique_lock<std::mutex> lock(mutex);
  ASSERT_TRUE(ended.wait_for(lock, std::chrono::seconds(10), [&] { return results.size() == 20; }));
  for (const RunResult& r : results) {
    EXPECT_EQ(r.status, ExecutionStatus::kSucceeded);
    EXPECT_EQ(json::Write(r.output), "7");
    EXPECT_EQ(r.history->size(), 4u);
  }
  lock.unlock();
  scheduler->Shutdown();
}

TEST(StartExecutionOnTest, StopAbortsAWaitingExecution) {
  auto scheduler = std::make_shared<Scheduler>(2, /*simulated=*/false);
  TaskRouter router;
  RunOptions options;
  options.record_history = true;
  std::promise<RunResult> ended;
  ExecutionHandle handle = StartExecutionOn(
      scheduler,
      Load(R"j({"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}})j"),
      J("{}"), router, options, [&](const RunResult& r) { ended.set_value(r); });
  while (handle.history()->size() < 2) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  handle.Stop("Operator", "stopped by hand");
  handle.Stop("Again", "no effect");
  RunResult r = ended.get_future().get();
  EXPECT_EQ(r.status, ExecutionStatus::kAborted);
  EXPECT_EQ(r.error, "Operator");
  EXPECT_EQ(r.cause, "stopped by hand");
  EXPECT_TRUE(handle.ended());
  EXPECT_THAT(EventTypes(r), ElementsAre("ExecutionStarted", "WaitStateEntered", "ExecutionAborted"));
  scheduler->Shutdown();
}

// An execution that ends while a timer of one of its frames is pending (a branch's Wait, after
// the other branch failed) is freed with its scheduler: the timer held the frame, the frame the
// execution, and the execution the scheduler (found by the run fuzzer as a leak).
TEST(RunTest, AnExecutionThatEndsWithATimerPendingIsFreed) {
  auto machine = Load(R"j({"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,
      "Branches":[
        {"StartAt":"Sleep","States":{"Sleep":{"Type":"Wait","Seconds":3600,"End":true}}},
        {"StartAt":"Boom","States":{"Boom":{"Type":"Fail","Error":"Boom"}}}]}}})j");
  {
    RunOptions options;
    options.record_history = true;
    RunResult result = RunExecution(machine, J("{}"), TaskRouter(), options);
    EXPECT_EQ(result.status, ExecutionStatus::kFailed);
  }
  // Nothing but this test holds the machine: the execution and its history are gone.
  EXPECT_EQ(machine.use_count(), 1);
}

}  // namespace
}  // namespace stepwise::engine
