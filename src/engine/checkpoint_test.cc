// Durable executions in the engine: checkpoints as the top-level frame moves, their serialized
// form, and resuming from one.
#include "engine/checkpoint.h"
#include "engine/checkpoint_sink.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <future>
#include <mutex>

#include "asl/load.h"
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

std::vector<std::string> Types(const History& history) {
  std::vector<std::string> types;
  history.ForEach([&](const HistoryEvent& e) { types.emplace_back(EventTypeName(e.type)); });
  return types;
}

constexpr std::string_view kMachine = R"({"StartAt":"A","States":{
    "A":{"Type":"Pass","Assign":{"x":1},"Next":"W"},
    "W":{"Type":"Wait","Seconds":1,"Next":"B"},
    "B":{"Type":"Pass","Parameters":{"x.$":"$x"},"End":true}}})";

TEST(CheckpointTest, TakenWhenTheTopFrameEntersAState) {
  auto sink = std::make_shared<CheckpointSink>();
  RunOptions options;
  options.record_history = true;
  options.clock = ClockKind::kSimulated;
  options.checkpoints = sink;
  auto machine = Load(kMachine);
  RunResult result = RunExecution(machine, J(R"({"in":1})"), TaskRouter(), options);
  ASSERT_EQ(result.status, ExecutionStatus::kSucceeded);
  // The newest: B entered (event 6), with $x assigned by A; it accounts for events 1..6.
  std::optional<CheckpointSnapshot> snapshot = sink->Take(0, *result.history, *machine);
  ASSERT_TRUE(snapshot);
  EXPECT_EQ(snapshot->events, 6);
  EXPECT_EQ(snapshot->frame.Find("state")->as_string(), "B");
  EXPECT_EQ(json::Write(*snapshot->frame.Find("variables")), R"({"x":1})");
  EXPECT_EQ(snapshot->frame.Find("enteredEvent")->as_int(), 6);
  // Nothing moved since: no newer snapshot.
  EXPECT_FALSE(sink->Take(snapshot->version, *result.history, *machine));
}

TEST(CheckpointTest, JsonRoundTrip) {
  auto machine = Load(kMachine);
  FrameCheckpoint checkpoint;
  checkpoint.phase = FrameCheckpoint::Phase::kTaskStarted;
  checkpoint.state = 1;
  checkpoint.input = J(R"({"a":[1,2]})");
  checkpoint.variables = J(R"({"x":1})");
  checkpoint.last_event = 9;
  checkpoint.entered_event = 7;
  checkpoint.entered_ms = 1234;
  checkpoint.task_token = "tok";
  json::Value text = CheckpointToJson(checkpoint, *machine);
  EXPECT_EQ(text.Find("state")->as_string(), "W");
  FrameCheckpoint back = CheckpointFromJson(text, *machine).value();
  EXPECT_EQ(back.phase, FrameCheckpoint::Phase::kTaskStarted);
  EXPECT_EQ(back.state, 1u);
  EXPECT_EQ(json::Write(back.input), R"({"a":[1,2]})");
  EXPECT_EQ(back.last_event, 9);
  EXPECT_EQ(back.entered_ms, 1234);
  EXPECT_EQ(back.task_token, "tok");
  EXPECT_EQ(CheckpointFromJson(text.With("state", json::Value::String("Nope")), *machine).error().name(),
            "InvalidCheckpoint");
  EXPECT_FALSE(CheckpointFromJson(J("[]"), *machine).ok());
}

TEST(CheckpointTest, ResumesWhereTheCheckpointStands) {
  auto machine = Load(kMachine);
  auto scheduler = std::make_shared<Scheduler>(2, /*simulated=*/false);
  TaskRouter router;
  RunOptions options;
  options.record_history = true;
  ResumePoint resume;
  resume.checkpoint.state = 1;  // W, entered as event 4, with $x assigned by A
  resume.checkpoint.input = J(R"({"in":1})");
  resume.checkpoint.variables = J(R"({"x":1})");
  resume.checkpoint.last_event = 4;
  resume.checkpoint.entered_event = 4;
  // Entered long ago: the one-second Wait is over at once.
  resume.checkpoint.entered_ms = 1000;
  resume.start_ms = 1000;
  resume.next_event_id = 5;
  std::promise<RunResult> ended;
  ExecutionHandle handle = ResumeExecutionOn(scheduler, machine, J(R"({"in":1})"), router, options,
                                             resume, [&](const RunResult& r) { ended.set_value(r); });
  RunResult result = ended.get_future().get();
  ASSERT_EQ(result.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(json::Write(result.output), R"({"x":1})");
  // Only what follows the checkpoint is recorded, numbered on from it.
  EXPECT_THAT(Types(*result.history), ElementsAre("WaitStateExited", "PassStateEntered",
                                                  "PassStateExited", "ExecutionSucceeded"));
  std::vector<int64_t> ids;
  result.history->ForEach([&](const HistoryEvent& e) { ids.push_back(e.id); });
  EXPECT_THAT(ids, ElementsAre(5, 6, 7, 8));
  scheduler->Shutdown();
}

}  // namespace
}  // namespace stepwise::engine
