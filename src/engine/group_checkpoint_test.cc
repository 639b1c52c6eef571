// Durable Parallel and Map states: a snapshot of a running group holds which children ended (with
// their results) and where the running ones stand, and an execution resumed from it runs only
// what had not ended, numbering its events on from the snapshot's prefix.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <set>
#include <thread>

#include "asl/load.h"
#include "engine/checkpoint.h"
#include "engine/checkpoint_sink.h"
#include "engine/run.h"
#include "engine/scheduler.h"
#include "json/parse.h"
#include "json/write.h"

namespace stepwise::engine {
namespace {

using ::testing::ElementsAre;

std::shared_ptr<const asl::StateMachine> Load(std::string_view definition) {
  asl::LoadResult loaded = asl::LoadDefinition(definition);
  EXPECT_TRUE(loaded.ok());
  return loaded.machine;
}

json::Value J(std::string_view text) { return json::Parse(text).value(); }

// What a store's committer does: takes snapshots as the execution moves and reports them
// durable (which releases the tasks waiting for their start to be committed). Keeps the newest.
class Committer {
 public:
  Committer(std::shared_ptr<CheckpointSink> sink, std::shared_ptr<const asl::StateMachine> machine)
      : sink_(std::move(sink)), machine_(std::move(machine)) {}
  ~Committer() { Stop(); }

  void Start(const ExecutionHandle& handle) {
    thread_ = std::thread([this, handle] {
      uint64_t seen = 0;
      while (!stop_.load()) {
        if (std::shared_ptr<const History> history = handle.history()) {
          if (auto snapshot = sink_->Take(seen, *history, *machine_)) {
            seen = snapshot->version;
            {
              std::lock_guard<std::mutex> lock(mutex_);
              latest_ = std::move(*snapshot);
            }
            sink_->Committed(seen);
          }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
    });
  }
  void Stop() {
    stop_.store(true);
    if (thread_.joinable()) thread_.join();
  }
  std::optional<CheckpointSnapshot> Latest() {
    std::lock_guard<std::mutex> lock(mutex_);
    return latest_;
  }
  // Waits (up to 10 s) for a snapshot that satisfies done.
  template <typename Done>
  std::optional<CheckpointSnapshot> WaitFor(Done done) {
    for (int i = 0; i < 10000; ++i) {
      std::optional<CheckpointSnapshot> snapshot = Latest();
      if (snapshot && done(*snapshot)) return snapshot;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return std::nullopt;
  }

 private:
  std::shared_ptr<CheckpointSink> sink_;
  std::shared_ptr<const asl::StateMachine> machine_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::mutex mutex_;
  std::optional<CheckpointSnapshot> latest_;
};

// Completes the tasks whose input's "n" is not held; keeps the others' completions (released,
// as failures nothing waits for, when it goes away). Counts what it was asked.
class Worker final : public TaskInvoker {
 public:
  explicit Worker(std::set<int64_t> held) : held_(std::move(held)) {}
  ~Worker() override {
    for (TaskCompletion& complete : parked_) complete(TaskOutcome::Failure("Gone", ""));
  }
  void Invoke(const TaskRequest& request, TaskCompletion complete) override {
    int64_t n = request.input.Find("n")->as_int();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      invoked_.push_back(n);
      if (held_.contains(n)) {
        parked_.push_back(std::move(complete));
        return;
      }
    }
    complete(TaskOutcome::Success(json::Value::Object(
        {{"n", json::Value::Int(n * 10)}, {"tag", *request.input.Find("tag")}})));
  }
  // Fails the tasks held so far.
  void FailHeld() {
    std::vector<TaskCompletion> parked;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      parked.swap(parked_);
    }
    for (TaskCompletion& complete : parked) complete(TaskOutcome::Failure("Broke", "held"));
  }
  std::vector<int64_t> Invoked() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<int64_t> sorted = invoked_;
    std::sort(sorted.begin(), sorted.end());
    return sorted;
  }

 private:
  std::set<int64_t> held_;
  std::mutex mutex_;
  std::vector<int64_t> invoked_;
  std::vector<TaskCompletion> parked_;
};

std::vector<std::string> Types(const History& history) {
  std::vector<std::string> types;
  history.ForEach([&](const HistoryEvent& e) { types.emplace_back(EventTypeName(e.type)); });
  return types;
}

size_t Count(const std::vector<std::string>& types, std::string_view type) {
  return static_cast<size_t>(std::count(types.begin(), types.end(), type));
}

constexpr std::string_view kMap = R"({"StartAt":"Before","States":{
    "Before":{"Type":"Pass","Assign":{"tag":"t"},"Next":"M"},
    "M":{"Type":"Map","MaxConcurrency":2,"ItemsPath":"$.items",
         "ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"Work","States":{
           "Work":{"Type":"Task","Resource":"arn:aws:states:::work",
                   "Parameters":{"n.$":"$","tag.$":"$tag"},"Next":"Done"},
           "Done":{"Type":"Pass","End":true}}},
         "Next":"After"},
    "After":{"Type":"Pass","End":true}}})";

// The group part of a snapshot's top frame.
const json::Value& GroupOf(const CheckpointSnapshot& snapshot) {
  static const json::Value kNone;
  const json::Value* group = snapshot.frame.Find("group");
  return group != nullptr ? *group : kNone;
}

// A snapshot as a store keeps it, read back: where the next process resumes (redrive_count 0).
ResumePoint ResumeFrom(const CheckpointSnapshot& snapshot, const asl::StateMachine& machine,
                       int64_t start_ms) {
  ResumePoint resume;
  resume.checkpoint = CheckpointFromJson(J(json::Write(snapshot.frame)), machine).value();
  resume.start_ms = start_ms;
  resume.next_event_id = snapshot.events + 1;
  return resume;
}

// One process's run of an execution, durable as the service runs it: a worker that holds the
// tasks of the items in `held`, a checkpoint sink, a scheduler of its own and a committer. Starts
// the execution, or resumes (or redrives) it from `resume`.
class DurableRun {
 public:
  DurableRun(std::shared_ptr<const asl::StateMachine> machine, const json::Value& input,
             std::set<int64_t> held, const ResumePoint* resume = nullptr)
      : worker_(std::make_shared<Worker>(std::move(held))),
        sink_(std::make_shared<CheckpointSink>()),
        scheduler_(std::make_shared<Scheduler>(2, /*simulated=*/false)),
        committer_(sink_, machine),
        result_(ended_.get_future().share()) {
    router_.SetFallback(worker_);
    RunOptions options;
    options.record_history = true;
    options.checkpoints = sink_;
    auto on_end = [this](const RunResult& r) { ended_.set_value(r); };
    handle_.emplace(resume != nullptr
                        ? ResumeExecutionOn(scheduler_, machine, input, router_, options, *resume,
                                            on_end)
                        : StartExecutionOn(scheduler_, machine, input, router_, options, on_end));
    committer_.Start(*handle_);
  }
  ~DurableRun() {
    Crash();
    scheduler_->Shutdown();
  }

  // Waits (up to 10 s) for a snapshot that satisfies done.
  template <typename Done>
  std::optional<CheckpointSnapshot> WaitFor(Done done) {
    return committer_.WaitFor(done);
  }
  // The process "crashes": nothing more of this run counts.
  void Crash() {
    committer_.Stop();
    handle_->Stop(std::nullopt, std::nullopt);
    result_.wait();
  }
  // How the execution ended (waits for it).
  const RunResult& Result() {
    const RunResult& result = result_.get();
    committer_.Stop();
    return result;
  }
  std::optional<CheckpointSnapshot> LatestSnapshot() { return committer_.Latest(); }
  Worker& worker() { return *worker_; }
  CheckpointSink& sink() { return *sink_; }
  const ExecutionHandle& handle() const { return *handle_; }

 private:
  std::shared_ptr<Worker> worker_;
  TaskRouter router_;
  std::shared_ptr<CheckpointSink> sink_;
  std::shared_ptr<Scheduler> scheduler_;
  Committer committer_;
  std::promise<RunResult> ended_;
  std::shared_future<RunResult> result_;
  std::optional<ExecutionHandle> handle_;
};

// Item 1 ended, items 2 and 3 wait for their tasks (MaxConcurrency 2 keeps item 4 from starting).
bool OneEndedTwoWaiting(const CheckpointSnapshot& s) {
  const json::Value& group = GroupOf(s);
  return group.is_object() && group.Find("ended")->size() == 1 &&
         group.Find("running")->size() == 2 &&
         group.Find("running")->items()[1].items()[1].Find("phase")->as_string() == "taskStarted";
}

TEST(GroupCheckpointTest, AMapResumesOnlyTheIterationsThatHadNotEnded) {
  auto machine = Load(kMap);
  json::Value input = J(R"({"items":[1,2,3,4]})");

  DurableRun first(machine, input, {2, 3});
  std::optional<CheckpointSnapshot> snapshot = first.WaitFor(OneEndedTwoWaiting);
  ASSERT_TRUE(snapshot) << (first.LatestSnapshot() ? json::Write(first.LatestSnapshot()->frame)
                                                   : std::string("no snapshot"));
  EXPECT_EQ(snapshot->frame.Find("phase")->as_string(), "group");
  EXPECT_EQ(snapshot->frame.Find("state")->as_string(), "M");
  // It accounts for the whole history recorded so far: every iteration's steps are in it.
  EXPECT_EQ(snapshot->events, static_cast<int64_t>(first.handle().history()->size()));
  const json::Value& group = GroupOf(*snapshot);
  EXPECT_EQ(json::Write(*group.Find("ended")), R"([[0,{"n":10,"tag":"t"}]])");
  EXPECT_EQ(group.Find("running")->items()[0].items()[0].as_int(), 1);
  EXPECT_EQ(group.Find("running")->items()[1].items()[0].as_int(), 2);
  EXPECT_EQ(group.Find("running")->items()[0].items()[1].Find("state")->as_string(), "Work");
  // Item 3's task reaches the worker once its start is committed: just after this snapshot.
  for (int i = 0; i < 10000 && first.worker().Invoked().size() < 3; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_THAT(first.worker().Invoked(), ElementsAre(1, 2, 3));
  first.Crash();

  // Second process, from the snapshot as a store would keep it (serialized and read back).
  ResumePoint resume = ResumeFrom(*snapshot, *machine, first.handle().start_ms());
  ASSERT_EQ(resume.checkpoint.phase, FrameCheckpoint::Phase::kGroup);
  DurableRun second(machine, input, {}, &resume);
  const RunResult& result = second.Result();
  ASSERT_EQ(result.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(json::Write(result.output),
            R"([{"n":10,"tag":"t"},{"n":20,"tag":"t"},{"n":30,"tag":"t"},{"n":40,"tag":"t"}])");
  // Item 1 ended before the crash: not run again. Items 2 and 3 had started their tasks: those
  // are dispatched again (at least once); item 4 starts.
  EXPECT_THAT(second.worker().Invoked(), ElementsAre(2, 3, 4));
  std::vector<std::string> types = Types(*result.history);
  EXPECT_EQ(Count(types, "MapStateStarted"), 0u);
  EXPECT_EQ(Count(types, "MapIterationStarted"), 1u);   // item 4's
  EXPECT_EQ(Count(types, "TaskScheduled"), 1u);         // item 4's
  EXPECT_EQ(Count(types, "MapIterationSucceeded"), 3u);  // items 2, 3 and 4
  EXPECT_EQ(Count(types, "MapStateSucceeded"), 1u);
  int64_t first_id = 0;
  result.history->ForEach([&](const HistoryEvent& e) {
    if (first_id == 0) first_id = e.id;
  });
  EXPECT_EQ(first_id, snapshot->events + 1);
}

// Restarted twice: the second restart finds the children the first one resumed where they stood
// (not as children that never started), and runs only the one still unfinished.
TEST(GroupCheckpointTest, ASecondRestartFindsTheResumedChildren) {
  auto machine = Load(kMap);
  json::Value input = J(R"({"items":[1,2,3,4]})");
  std::optional<CheckpointSnapshot> one;
  int64_t start_ms = 0;
  {
    DurableRun first(machine, input, {2, 3});
    one = first.WaitFor(OneEndedTwoWaiting);
    start_ms = first.handle().start_ms();
  }
  ASSERT_TRUE(one);

  // Second process: item 3 ends (and item 4 runs) while item 2 waits again; then it crashes.
  std::optional<CheckpointSnapshot> two;
  {
    ResumePoint resume = ResumeFrom(*one, *machine, start_ms);
    DurableRun second(machine, input, {2}, &resume);
    two = second.WaitFor([](const auto& s) {
      const json::Value& group = GroupOf(s);
      return group.is_object() && group.Find("ended")->size() == 3;
    });
    ASSERT_TRUE(two);
    second.Crash();
    EXPECT_THAT(second.worker().Invoked(), ElementsAre(2, 3, 4));
  }
  const json::Value& group = GroupOf(*two);
  ASSERT_EQ(group.Find("running")->size(), 1u) << json::Write(two->frame);
  EXPECT_EQ(group.Find("running")->items()[0].items()[0].as_int(), 1);  // item 2

  // Third process: only item 2 is left.
  ResumePoint resume = ResumeFrom(*two, *machine, start_ms);
  DurableRun third(machine, input, {}, &resume);
  const RunResult& result = third.Result();
  ASSERT_EQ(result.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(json::Write(result.output),
            R"([{"n":10,"tag":"t"},{"n":20,"tag":"t"},{"n":30,"tag":"t"},{"n":40,"tag":"t"}])");
  EXPECT_THAT(third.worker().Invoked(), ElementsAre(2));
  std::vector<std::string> types = Types(*result.history);
  EXPECT_EQ(Count(types, "MapIterationStarted"), 0u);
  EXPECT_EQ(Count(types, "MapIterationSucceeded"), 1u);
}

constexpr std::string_view kParallel = R"({"StartAt":"P","States":{
    "P":{"Type":"Parallel","Branches":[
      {"StartAt":"Sleep","States":{
        "Sleep":{"Type":"Wait","Seconds":3600,"Next":"Woke"},
        "Woke":{"Type":"Pass","Result":"woke","End":true}}},
      {"StartAt":"Quick","States":{
        "Quick":{"Type":"Pass","Assign":{"inner":1},"Next":"Quicker"},
        "Quicker":{"Type":"Pass","Parameters":{"inner.$":"$inner"},"End":true}}}],
     "End":true}}})";

TEST(GroupCheckpointTest, AParallelBranchWaitingKeepsItsEndAndTheOtherItsResult) {
  auto machine = Load(kParallel);
  auto sink = std::make_shared<CheckpointSink>();
  RunOptions options;
  options.record_history = true;
  options.checkpoints = sink;
  TaskRouter router;
  auto first_scheduler = std::make_shared<Scheduler>(2, /*simulated=*/false);
  Committer committer(sink, machine);
  ExecutionHandle first =
      StartExecutionOn(first_scheduler, machine, J("{}"), router, options, [](const RunResult&) {});
  committer.Start(first);
  std::optional<CheckpointSnapshot> snapshot = committer.WaitFor([](const auto& s) {
    const json::Value& group = GroupOf(s);
    return group.is_object() && group.Find("ended")->size() == 1;
  });
  ASSERT_TRUE(snapshot);
  committer.Stop();
  const json::Value& group = GroupOf(*snapshot);
  EXPECT_EQ(json::Write(*group.Find("ended")), R"([[1,{"inner":1}]])");
  ASSERT_EQ(group.Find("running")->size(), 1u);
  const json::Value& sleeping = group.Find("running")->items()[0].items()[1];
  EXPECT_EQ(sleeping.Find("state")->as_string(), "Sleep");
  int64_t entered_ms = sleeping.Find("enteredMs")->as_int();
  first.Stop(std::nullopt, std::nullopt);

  // Resumed on a simulated clock: the Wait ends an hour after it was first entered.
  ResumePoint resume;
  resume.checkpoint = CheckpointFromJson(J(json::Write(snapshot->frame)), *machine).value();
  resume.start_ms = first.start_ms();
  resume.next_event_id = snapshot->events + 1;
  options.checkpoints = std::make_shared<CheckpointSink>();
  auto second_scheduler = std::make_shared<Scheduler>(2, /*simulated=*/true);
  std::promise<RunResult> ended;
  ResumeExecutionOn(second_scheduler, machine, J("{}"), router, options, resume,
                    [&](const RunResult& r) { ended.set_value(r); });
  RunResult result = ended.get_future().get();
  ASSERT_EQ(result.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(json::Write(result.output), R"(["woke",{"inner":1}])");
  EXPECT_THAT(Types(*result.history),
              ElementsAre("WaitStateExited", "PassStateEntered", "PassStateExited",
                          "ParallelStateSucceeded", "ParallelStateExited", "ExecutionSucceeded"));
  EXPECT_GE(result.history->Snapshot().front().timestamp_ms, entered_ms + 3600 * 1000);
  first_scheduler->Shutdown();
  second_scheduler->Shutdown();
}

constexpr std::string_view kNested = R"({"StartAt":"P","States":{
    "P":{"Type":"Parallel","End":true,"Branches":[
      {"StartAt":"Before","States":{
        "Before":{"Type":"Pass","Assign":{"tag":"nested"},"Next":"M"},
        "M":{"Type":"Map","ItemsPath":"$.items","End":true,
             "ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"Work","States":{
               "Work":{"Type":"Task","Resource":"arn:aws:states:::work",
                       "Parameters":{"n.$":"$","tag.$":"$tag"},"End":true}}}}}},
      {"StartAt":"Other","States":{"Other":{"Type":"Pass","Result":"other","End":true}}}]}}})";

TEST(GroupCheckpointTest, AMapInsideAParallelResumesAtItsOwnDepth) {
  auto machine = Load(kNested);
  json::Value input = J(R"({"items":[1,2,3]})");
  DurableRun first(machine, input, {2});
  // Branch 1 ended; branch 0 stands in its Map, where items 1 and 3 ended and item 2 waits.
  std::optional<CheckpointSnapshot> snapshot = first.WaitFor([](const auto& s) {
    const json::Value& outer = GroupOf(s);
    if (!outer.is_object() || outer.Find("ended")->size() != 1 ||
        outer.Find("running")->size() != 1) {
      return false;
    }
    const json::Value* inner = outer.Find("running")->items()[0].items()[1].Find("group");
    return inner != nullptr && inner->Find("ended")->size() == 2 &&
           inner->Find("running")->size() == 1 &&
           inner->Find("running")->items()[0].items()[1].Find("phase")->as_string() ==
               "taskStarted";
  });
  ASSERT_TRUE(snapshot) << (first.LatestSnapshot() ? json::Write(first.LatestSnapshot()->frame)
                                                   : "");
  first.Crash();

  ResumePoint resume = ResumeFrom(*snapshot, *machine, first.handle().start_ms());
  DurableRun second(machine, input, {}, &resume);
  const RunResult& result = second.Result();
  ASSERT_EQ(result.status, ExecutionStatus::kSucceeded);
  // The branch's variable ($tag) came back with the branch's checkpoint.
  EXPECT_EQ(json::Write(result.output),
            R"([[{"n":10,"tag":"nested"},{"n":20,"tag":"nested"},{"n":30,"tag":"nested"}],"other"])");
  EXPECT_THAT(second.worker().Invoked(), ElementsAre(2));
  std::vector<std::string> types = Types(*result.history);
  EXPECT_EQ(Count(types, "ParallelStateStarted"), 0u);
  EXPECT_EQ(Count(types, "MapStateStarted"), 0u);
  EXPECT_EQ(Count(types, "MapIterationSucceeded"), 1u);
  EXPECT_EQ(Count(types, "PassStateEntered"), 0u);  // Before and Other ran before the crash
}

// A group that had failed is taken up as failed: its owner goes on from the failure (here its
// Catch) without running a child again.
TEST(GroupCheckpointTest, AFailedGroupGoesOnFromItsFailure) {
  auto machine = Load(R"({"StartAt":"M","States":{
      "M":{"Type":"Map","ItemsPath":"$.items","Next":"Fine",
           "Catch":[{"ErrorEquals":["Boom"],"ResultPath":"$.caught","Next":"Caught"}],
           "ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"Work","States":{
             "Work":{"Type":"Task","Resource":"arn:aws:states:::work",
                     "Parameters":{"n.$":"$","tag":"t"},"End":true}}}},
      "Fine":{"Type":"Pass","End":true},
      "Caught":{"Type":"Pass","End":true}}})");
  FrameCheckpoint checkpoint;
  checkpoint.phase = FrameCheckpoint::Phase::kGroup;
  checkpoint.state = machine->index_by_name.at("M");
  checkpoint.input = J(R"({"items":[1,2]})");
  checkpoint.last_event = 3;
  checkpoint.entered_event = 2;
  auto group = std::make_shared<GroupCheckpoint>();
  group->started_event = 3;
  group->last_event = 9;
  group->max_in_flight = 2;
  group->failed = true;
  group->error = "Boom";
  group->cause = "it broke";
  group->has_cause = true;
  group->ended = {{0, J(R"({"n":10})")}};
  checkpoint.group = group;
  ResumePoint resume;
  resume.checkpoint = CheckpointFromJson(CheckpointToJson(checkpoint, *machine), *machine).value();
  resume.next_event_id = 10;
  auto worker = std::make_shared<Worker>(std::set<int64_t>{});
  TaskRouter router;
  router.SetFallback(worker);
  RunOptions options;
  options.record_history = true;
  auto scheduler = std::make_shared<Scheduler>(2, /*simulated=*/false);
  std::promise<RunResult> ended;
  ResumeExecutionOn(scheduler, machine, J(R"({"items":[1,2]})"), router, options, resume,
                    [&](const RunResult& r) { ended.set_value(r); });
  RunResult result = ended.get_future().get();
  ASSERT_EQ(result.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(json::Write(result.output),
            R"({"items":[1,2],"caught":{"Error":"Boom","Cause":"it broke"}})");
  EXPECT_TRUE(worker->Invoked().empty());
  EXPECT_THAT(Types(*result.history),
              ElementsAre("MapStateFailed", "MapStateExited", "PassStateEntered",
                          "PassStateExited", "ExecutionSucceeded"));
  EXPECT_EQ(result.history->Snapshot().front().previous_id, 9u);
  scheduler->Shutdown();
}

// RedriveExecution of an execution whose Map failed runs only the iterations that did not
// succeed: AWS "reschedules and redrives only the iterations and branches that failed or
// aborted" (https://docs.aws.amazon.com/step-functions/latest/apireference/API_RedriveExecution.html).
TEST(GroupCheckpointTest, ARedrivenMapRunsOnlyTheIterationsThatDidNotSucceed) {
  auto machine = Load(kMap);
  json::Value input = J(R"({"items":[1,2,3,4]})");
  DurableRun first(machine, input, {2});
  // Items 1, 3 and 4 succeed; then item 2 fails, and with it the Map and the execution.
  ASSERT_TRUE(first.WaitFor([](const auto& s) {
    const json::Value& group = GroupOf(s);
    return group.is_object() && group.Find("ended")->size() == 3;
  }));
  first.worker().FailHeld();
  const RunResult& result = first.Result();
  ASSERT_EQ(result.status, ExecutionStatus::kFailed);
  EXPECT_EQ(result.error, "Broke");

  json::Value state = first.sink().RedriveState(*machine);
  EXPECT_EQ(state.Find("phase")->as_string(), "group");
  ResumePoint redrive;
  redrive.checkpoint = CheckpointFromJson(J(json::Write(state)), *machine).value();
  redrive.start_ms = first.handle().start_ms();
  redrive.next_event_id = static_cast<int64_t>(result.history->size()) + 1;
  redrive.redrive_count = 1;
  DurableRun second(machine, input, {}, &redrive);
  const RunResult& redriven = second.Result();
  ASSERT_EQ(redriven.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(json::Write(redriven.output),
            R"([{"n":10,"tag":"t"},{"n":20,"tag":"t"},{"n":30,"tag":"t"},{"n":40,"tag":"t"}])");
  EXPECT_THAT(second.worker().Invoked(), ElementsAre(2));
  std::vector<std::string> types = Types(*redriven.history);
  ASSERT_GE(types.size(), 4u);
  EXPECT_THAT(std::vector<std::string>(types.begin(), types.begin() + 4),
              ElementsAre("ExecutionRedriven", "MapStateEntered", "MapStateStarted",
                          "MapIterationStarted"));
  EXPECT_EQ(Count(types, "MapIterationStarted"), 1u);
  EXPECT_EQ(Count(types, "MapStateSucceeded"), 1u);
}

// A group's progress survives its serialized form, and a malformed one is refused.
TEST(GroupCheckpointTest, SerializedGroupsRoundTrip) {
  auto machine = Load(kMap);
  FrameCheckpoint checkpoint;
  checkpoint.phase = FrameCheckpoint::Phase::kGroup;
  checkpoint.state = machine->index_by_name.at("M");
  checkpoint.input = J(R"({"items":[1,2]})");
  checkpoint.last_event = 7;
  auto group = std::make_shared<GroupCheckpoint>();
  group->started_event = 6;
  group->last_event = 9;
  group->max_in_flight = 3;
  group->has_tolerance = true;
  group->tolerated_by_count = 1;
  group->failures = 1;
  group->failed = true;
  group->error = "E";
  group->ended = {{0, J(R"({"Error":"X"})")}};
  FrameCheckpoint child;
  child.phase = FrameCheckpoint::Phase::kTaskStarted;
  child.state = 0;  // the item processor's Work
  child.input = J("2");
  child.last_event = 8;
  child.task_token = "tok";
  group->running = {{1, child}};
  checkpoint.group = group;
  json::Value text = CheckpointToJson(checkpoint, *machine);
  FrameCheckpoint back = CheckpointFromJson(J(json::Write(text)), *machine).value();
  ASSERT_NE(back.group, nullptr);
  EXPECT_EQ(back.group->started_event, 6);
  EXPECT_EQ(back.group->max_in_flight, 3u);
  EXPECT_TRUE(back.group->has_tolerance);
  EXPECT_EQ(back.group->tolerated_by_count, 1u);
  EXPECT_EQ(back.group->tolerated_by_percentage, SIZE_MAX);
  EXPECT_TRUE(back.group->failed);
  EXPECT_EQ(back.group->error, "E");
  EXPECT_FALSE(back.group->has_cause);
  ASSERT_EQ(back.group->ended.size(), 1u);
  ASSERT_EQ(back.group->running.size(), 1u);
  EXPECT_EQ(back.group->running[0].second.task_token, "tok");
  EXPECT_EQ(back.group->running[0].second.phase, FrameCheckpoint::Phase::kTaskStarted);
  // A child naming a state its machine does not have is refused.
  std::string bad = json::Write(text);
  bad.replace(bad.find("\"Work\""), 6, "\"Nope\"");
  EXPECT_EQ(CheckpointFromJson(J(bad), *machine).error().name(), "InvalidCheckpoint");
  // A group phase outside a Parallel or Map state is refused.
  EXPECT_FALSE(CheckpointFromJson(text.With("state", json::Value::String("After")), *machine).ok());
}

}  // namespace
}  // namespace stepwise::engine
