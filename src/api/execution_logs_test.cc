// Execution logs: the line format, the levels, the destinations, and executions logging end to
// end through Service::Handle on a real store.
#include "api/execution_logs.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <mutex>
#include <thread>

#include "api/service.h"
#include "json/parse.h"
#include "json/write.h"
#include "store/sqlite/sqlite_store.h"

namespace stepwise::api {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kExecution =
    "arn:aws:states:us-east-1:123456789012:express:orders:run-1:5a2f0c1e";
constexpr std::string_view kGroupArn =
    "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/states/orders:*";

json::Value J(std::string_view text) { return json::Parse(text).value(); }

std::vector<std::string> Keys(const json::Value& object) {
  std::vector<std::string> keys;
  for (const json::Member& m : object.members()) keys.emplace_back(m.name());
  return keys;
}

std::string Line(const engine::HistoryEvent& event, bool include_data = true) {
  return FormatLogLine(engine::EventToJson(event), kExecution, 0, include_data);
}

const std::string kPassName = "Validate";

engine::HistoryEvent Event(engine::EventType type, uint32_t id, uint32_t previous,
                           json::Value data = json::Value()) {
  engine::HistoryEvent event;
  event.type = type;
  event.id = id;
  event.previous_id = previous;
  event.timestamp_ms = 1713959670680;
  event.data = std::move(data);
  return event;
}

// A temporary directory per test.
fs::path TestDirectory(std::string_view what) {
  fs::path directory =
      fs::temp_directory_path() /
      ("stepwise-logs-test-" + std::to_string(::getpid()) + "-" +
       ::testing::UnitTest::GetInstance()->current_test_info()->name() + "-" + std::string(what));
  fs::remove_all(directory);
  return directory;
}

std::vector<std::string> ReadLines(const fs::path& path) {
  std::vector<std::string> lines;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Keeps what it is given, by group.
class MemorySink final : public LogSink {
 public:
  void Append(std::string_view group, std::string_view lines) override {
    std::lock_guard<std::mutex> lock(mutex_);
    appends_.emplace_back(std::string(group), std::string(lines));
  }
  std::vector<std::pair<std::string, std::string>> appends() {
    std::lock_guard<std::mutex> lock(mutex_);
    return appends_;
  }

 private:
  std::mutex mutex_;
  std::vector<std::pair<std::string, std::string>> appends_;
};

std::shared_ptr<const ExecutionLogIdentity> Identity(std::string_view configuration) {
  return LogIdentityFor(ReadLoggingSettings(configuration), std::string(kExecution), 0);
}

// --- The line ------------------------------------------------------------------------------------

TEST(FormatLogLine, HasAwsMembersAllStrings) {
  engine::HistoryEvent event =
      Event(engine::EventType::kPassStateEntered, 2, 1, J(R"({"order":42})"));
  event.name = &kPassName;
  json::Value line = J(Line(event));
  EXPECT_EQ(Keys(line),
            (std::vector<std::string>{"id", "type", "details", "previous_event_id",
                                      "event_timestamp", "execution_arn", "redrive_count"}));
  EXPECT_EQ(line.Find("id")->as_string(), "2");
  EXPECT_EQ(line.Find("type")->as_string(), "PassStateEntered");
  EXPECT_EQ(line.Find("previous_event_id")->as_string(), "1");
  EXPECT_EQ(line.Find("event_timestamp")->as_string(), "1713959670680");
  EXPECT_EQ(line.Find("execution_arn")->as_string(), kExecution);
  EXPECT_EQ(line.Find("redrive_count")->as_string(), "0");
  // The details are GetExecutionHistory's stateEnteredEventDetails.
  EXPECT_EQ(
      *line.Find("details"),
      J(R"({"name":"Validate","input":"{\"order\":42}","inputDetails":{"truncated":false}})"));
}

TEST(FormatLogLine, IsOneLineOfJson) {
  engine::HistoryEvent event =
      Event(engine::EventType::kExecutionStarted, 1, 0, J(R"({"text":"two\nlines"})"));
  event.details = engine::ArnDetails("arn:aws:iam::123456789012:role/test");
  std::string line = Line(event);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  ASSERT_TRUE(json::Parse(line).ok());
  EXPECT_EQ(J(line).Find("details")->Find("roleArn")->as_string(),
            "arn:aws:iam::123456789012:role/test");
}

TEST(FormatLogLine, EventsWithoutDetailsHaveEmptyDetails) {
  json::Value line = J(Line(Event(engine::EventType::kParallelStateStarted, 3, 2)));
  ASSERT_NE(line.Find("details"), nullptr);
  EXPECT_EQ(*line.Find("details"), json::Value::EmptyObject());
}

TEST(FormatLogLine, WithoutExecutionDataLeavesInputsAndOutputsOut) {
  engine::HistoryEvent started =
      Event(engine::EventType::kExecutionStarted, 1, 0, J(R"({"secret":1})"));
  started.details = engine::ArnDetails("arn:aws:iam::123456789012:role/test");
  EXPECT_EQ(*J(Line(started, false)).Find("details"),
            J(R"({"roleArn":"arn:aws:iam::123456789012:role/test"})"));

  engine::HistoryEvent entered = Event(engine::EventType::kTaskStateEntered, 2, 0, J("{}"));
  entered.name = &kPassName;
  EXPECT_EQ(*J(Line(entered, false)).Find("details"), J(R"({"name":"Validate"})"));

  asl::HistoryResource resource{.resource_type = "lambda", .resource = "invoke", .region = "us-east-1"};
  engine::HistoryEvent scheduled =
      Event(engine::EventType::kTaskScheduled, 3, 2, J(R"({"FunctionName":"f"})"));
  scheduled.resource = &resource;
  EXPECT_EQ(*J(Line(scheduled, false)).Find("details"),
            J(R"({"resourceType":"lambda","resource":"invoke","region":"us-east-1"})"));

  engine::HistoryEvent exited = Event(engine::EventType::kTaskStateExited, 4, 3, J("{}"));
  exited.name = &kPassName;
  auto assigned = new engine::EventDetails;
  assigned->assigned = J(R"({"total":10})");
  exited.details = engine::EventDetailsPtr(assigned);
  EXPECT_EQ(*J(Line(exited, false)).Find("details"), J(R"({"name":"Validate"})"));

  EXPECT_EQ(
      *J(Line(Event(engine::EventType::kExecutionSucceeded, 5, 4, J("{}")), false)).Find("details"),
      json::Value::EmptyObject());
}

TEST(FormatLogLine, WithoutExecutionDataKeepsErrorAndCause) {
  engine::HistoryEvent failed = Event(engine::EventType::kExecutionFailed, 5, 4);
  failed.details = engine::ErrorDetails("States.TaskFailed", "it broke");
  EXPECT_EQ(*J(Line(failed, false)).Find("details"),
            J(R"({"error":"States.TaskFailed","cause":"it broke"})"));
}

TEST(FormatLogLine, ReadsGetExecutionHistoryJson) {
  json::Value event = J(R"({"timestamp":1713959670.68,"type":"ExecutionSucceeded","id":4,
      "previousEventId":3,"executionSucceededEventDetails":{"output":"{}",
      "outputDetails":{"truncated":false}}})");
  json::Value line = J(FormatLogLine(event, kExecution, 2, true));
  EXPECT_EQ(line.Find("id")->as_string(), "4");
  EXPECT_EQ(line.Find("previous_event_id")->as_string(), "3");
  EXPECT_EQ(line.Find("event_timestamp")->as_string(), "1713959670680");
  EXPECT_EQ(line.Find("redrive_count")->as_string(), "2");
  EXPECT_EQ(*line.Find("details"), J(R"({"output":"{}","outputDetails":{"truncated":false}})"));
  EXPECT_EQ(FormatLogLine(J(R"({"type":"ExecutionSucceeded"})"), kExecution, 0, true), "");
}

// --- Levels and configuration --------------------------------------------------------------------

TEST(LevelLogs, FollowsAwsTable) {
  for (std::string_view type : {"ExecutionStarted", "PassStateEntered", "TaskScheduled",
                                "MapIterationStarted", "ExecutionFailed"}) {
    EXPECT_TRUE(LevelLogs(LogLevel::kAll, type)) << type;
    EXPECT_FALSE(LevelLogs(LogLevel::kOff, type)) << type;
  }
  for (std::string_view type :
       {"ExecutionFailed", "ExecutionAborted", "ExecutionTimedOut", "FailStateEntered",
        "TaskFailed", "TaskTimedOut", "TaskStateAborted", "LambdaFunctionFailed",
        "MapIterationFailed", "MapStateFailed", "ParallelStateFailed", "WaitStateAborted"}) {
    EXPECT_TRUE(LevelLogs(LogLevel::kError, type)) << type;
  }
  for (std::string_view type : {"ExecutionStarted", "ExecutionSucceeded", "TaskSucceeded",
                                "PassStateExited", "MapIterationSucceeded"}) {
    EXPECT_FALSE(LevelLogs(LogLevel::kError, type)) << type;
    EXPECT_FALSE(LevelLogs(LogLevel::kFatal, type)) << type;
  }
  for (std::string_view type : {"ExecutionFailed", "ExecutionAborted", "ExecutionTimedOut"}) {
    EXPECT_TRUE(LevelLogs(LogLevel::kFatal, type)) << type;
  }
  for (std::string_view type : {"FailStateEntered", "TaskFailed", "MapStateFailed"}) {
    EXPECT_FALSE(LevelLogs(LogLevel::kFatal, type)) << type;
  }
}

TEST(ReadLoggingSettings, ReadsTheStoredConfiguration) {
  LoggingSettings settings = ReadLoggingSettings(
      R"({"level":"ERROR","includeExecutionData":true,"destinations":[{"cloudWatchLogsLogGroup":)"
      R"({"logGroupArn":"arn:aws:logs:us-east-1:123456789012:log-group:g:*"}}]})");
  EXPECT_EQ(settings.level, LogLevel::kError);
  EXPECT_TRUE(settings.include_execution_data);
  EXPECT_EQ(settings.log_group_arn, "arn:aws:logs:us-east-1:123456789012:log-group:g:*");
  EXPECT_EQ(ReadLoggingSettings("").level, LogLevel::kOff);
  EXPECT_EQ(ReadLoggingSettings(R"({"level":"OFF","includeExecutionData":false})").level,
            LogLevel::kOff);
  EXPECT_EQ(Identity(""), nullptr);
  EXPECT_EQ(Identity(R"({"level":"OFF"})"), nullptr);
  ASSERT_NE(Identity(R"({"level":"FATAL"})"), nullptr);
  EXPECT_EQ(Identity(R"({"level":"FATAL"})")->settings.level, LogLevel::kFatal);
}

TEST(LogGroupName, IsTheNameInTheArn) {
  EXPECT_EQ(LogGroupName(kGroupArn), "/aws/vendedlogs/states/orders");
  EXPECT_EQ(LogGroupName("arn:aws:logs:us-east-1:123456789012:log-group:orders"), "orders");
  EXPECT_EQ(LogGroupName("arn:aws:logs:us-east-1:123456789012:other"), "other");
  EXPECT_EQ(LogGroupName("arn:x"), "arn:x");
}

// --- ExecutionLogs -------------------------------------------------------------------------------

std::string Configuration(std::string_view level, bool include_data) {
  return std::string(R"({"level":")") + std::string(level) + R"(","includeExecutionData":)" +
         (include_data ? "true" : "false") +
         R"(,"destinations":[{"cloudWatchLogsLogGroup":{"logGroupArn":")" + std::string(kGroupArn) +
         R"("}}]})";
}

// ExecutionStarted, FailStateEntered, ExecutionFailed.
std::shared_ptr<engine::History> FailedHistory() {
  auto history = std::make_shared<engine::History>();
  engine::HistoryEvent started = Event(engine::EventType::kExecutionStarted, 0, 0, J("{}"));
  started.details = engine::ArnDetails("arn:aws:iam::123456789012:role/test");
  history->Append(started);
  engine::HistoryEvent fail = Event(engine::EventType::kFailStateEntered, 0, 0, J("{}"));
  fail.name = &kPassName;
  history->Append(fail);
  engine::HistoryEvent failed = Event(engine::EventType::kExecutionFailed, 0, 2);
  failed.details = engine::ErrorDetails("Oops", "it broke");
  history->Append(failed);
  return history;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
    lines.push_back(text.substr(start, end - start));
  }
  EXPECT_EQ(start, text.size()) << "the last line has no newline";
  return lines;
}

std::vector<std::string> TypesOf(const std::vector<std::string>& lines) {
  std::vector<std::string> types;
  for (const std::string& line : lines) {
    Result<json::Value> parsed = json::Parse(line);
    EXPECT_TRUE(parsed.ok()) << line;
    if (parsed.ok()) types.emplace_back(parsed.value().Find("type")->as_string());
  }
  return types;
}

TEST(ExecutionLogs, WritesOneLinePerEventTheLevelSelects) {
  std::shared_ptr<engine::History> history = FailedHistory();
  struct Case {
    std::string_view level;
    std::vector<std::string> types;
  };
  for (const Case& c : {Case{"ALL", {"ExecutionStarted", "FailStateEntered", "ExecutionFailed"}},
                        Case{"ERROR", {"FailStateEntered", "ExecutionFailed"}},
                        Case{"FATAL", {"ExecutionFailed"}}}) {
    auto sink = std::make_unique<MemorySink>();
    MemorySink& memory = *sink;
    ExecutionLogs logs(std::move(sink));
    logs.Log(Identity(Configuration(c.level, true)), history, 0, history->size());
    logs.Flush();
    auto appends = memory.appends();
    ASSERT_EQ(appends.size(), 1u) << c.level;
    EXPECT_EQ(appends[0].first, "/aws/vendedlogs/states/orders");
    EXPECT_EQ(TypesOf(SplitLines(appends[0].second)), c.types) << c.level;
  }
}

TEST(ExecutionLogs, LogsARangeOfTheHistory) {
  std::shared_ptr<engine::History> history = FailedHistory();
  auto sink = std::make_unique<MemorySink>();
  MemorySink& memory = *sink;
  ExecutionLogs logs(std::move(sink));
  logs.Log(Identity(Configuration("ALL", false)), history, 1, 3);
  logs.Flush();
  auto appends = memory.appends();
  ASSERT_EQ(appends.size(), 1u);
  std::vector<std::string> lines = SplitLines(appends[0].second);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(J(lines[0]).Find("id")->as_string(), "2");
  EXPECT_EQ(J(lines[1]).Find("id")->as_string(), "3");
}

TEST(ExecutionLogs, LogsJsonEvents) {
  auto sink = std::make_unique<MemorySink>();
  MemorySink& memory = *sink;
  ExecutionLogs logs(std::move(sink));
  std::shared_ptr<engine::History> history = FailedHistory();
  std::vector<json::Value> events;
  history->ForEach(
      [&](const engine::HistoryEvent& e) { events.push_back(engine::EventToJson(e)); });
  logs.LogEvents(Identity(Configuration("ERROR", false)), std::move(events));
  logs.Flush();
  auto appends = memory.appends();
  ASSERT_EQ(appends.size(), 1u);
  std::vector<std::string> lines = SplitLines(appends[0].second);
  EXPECT_EQ(TypesOf(lines), (std::vector<std::string>{"FailStateEntered", "ExecutionFailed"}));
  EXPECT_EQ(*J(lines[0]).Find("details"), J(R"({"name":"Validate"})"));
}

TEST(ExecutionLogs, NothingSelectedWritesNothing) {
  std::shared_ptr<engine::History> history = std::make_shared<engine::History>();
  history->Append(Event(engine::EventType::kExecutionStarted, 0, 0, J("{}")));
  history->Append(Event(engine::EventType::kExecutionSucceeded, 0, 1, J("{}")));
  auto sink = std::make_unique<MemorySink>();
  MemorySink& memory = *sink;
  ExecutionLogs logs(std::move(sink));
  logs.Log(Identity(Configuration("ERROR", true)), history, 0, history->size());
  logs.Flush();
  EXPECT_TRUE(memory.appends().empty());
}

TEST(ExecutionLogs, ManyExecutionsAtOnceWriteWholeLines) {
  fs::path directory = TestDirectory("file");
  fs::path file = directory / "all.log";
  constexpr int kThreads = 8;
  constexpr int kExecutionsPerThread = 50;
  {
    Result<std::unique_ptr<LogSink>> sink = OpenLogDestination(file.string());
    ASSERT_TRUE(sink.ok()) << sink.error().message();
    ExecutionLogs logs(sink.release_value());
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kExecutionsPerThread; ++i) {
          auto identity = std::make_shared<ExecutionLogIdentity>();
          identity->execution_arn = "exec-" + std::to_string(t) + "-" + std::to_string(i);
          identity->settings = ReadLoggingSettings(Configuration("ALL", true));
          std::shared_ptr<engine::History> history = FailedHistory();
          logs.Log(identity, history, 0, history->size());
        }
      });
    }
    for (std::thread& thread : threads) thread.join();
  }  // the destructor writes what is queued
  std::vector<std::string> lines = ReadLines(file);
  ASSERT_EQ(lines.size(), size_t{kThreads * kExecutionsPerThread * 3});
  std::map<std::string, std::vector<std::string>> ids;  // by execution, in file order
  for (const std::string& line : lines) {
    Result<json::Value> parsed = json::Parse(line);
    ASSERT_TRUE(parsed.ok()) << line;
    ids[std::string(parsed.value().Find("execution_arn")->as_string())].emplace_back(
        parsed.value().Find("id")->as_string());
  }
  ASSERT_EQ(ids.size(), size_t{kThreads * kExecutionsPerThread});
  for (const auto& [arn, execution_ids] : ids) {
    EXPECT_EQ(execution_ids, (std::vector<std::string>{"1", "2", "3"})) << arn;
  }
  fs::remove_all(directory);
}

// --- Destinations --------------------------------------------------------------------------------

TEST(OpenLogDestination, DirectoryHasAFilePerGroup) {
  fs::path directory = TestDirectory("dir");
  Result<std::unique_ptr<LogSink>> sink = OpenLogDestination(directory.string() + "/");
  ASSERT_TRUE(sink.ok()) << sink.error().message();
  EXPECT_TRUE(fs::is_directory(directory));
  sink.value()->Append("/aws/vendedlogs/states/orders", "{\"a\":1}\n");
  sink.value()->Append("/aws/vendedlogs/states/orders", "{\"a\":2}\n");
  sink.value()->Append("billing", "{\"b\":1}\n");
  sink.value()->Append("../../escape/./x", "{\"c\":1}\n");
  EXPECT_EQ(ReadLines(directory / "aws/vendedlogs/states/orders.log"),
            (std::vector<std::string>{"{\"a\":1}", "{\"a\":2}"}));
  EXPECT_EQ(ReadLines(directory / "billing.log"), (std::vector<std::string>{"{\"b\":1}"}));
  EXPECT_EQ(ReadLines(directory / "escape/x.log"), (std::vector<std::string>{"{\"c\":1}"}));
  fs::remove_all(directory);
}

TEST(OpenLogDestination, FileIsAppendedTo) {
  fs::path directory = TestDirectory("append");
  fs::path file = directory / "nested" / "executions.log";
  for (std::string_view text : {"{\"n\":1}\n", "{\"n\":2}\n"}) {
    Result<std::unique_ptr<LogSink>> sink = OpenLogDestination(file.string());
    ASSERT_TRUE(sink.ok()) << sink.error().message();
    sink.value()->Append("any group", text);
  }
  EXPECT_EQ(ReadLines(file), (std::vector<std::string>{"{\"n\":1}", "{\"n\":2}"}));
  fs::remove_all(directory);
}

TEST(OpenLogDestination, ReportsWhatCannotBeOpened) {
  EXPECT_TRUE(OpenLogDestination("stdout").ok());
  Result<std::unique_ptr<LogSink>> sink = OpenLogDestination("/proc/no-such-dir/executions.log");
  ASSERT_FALSE(sink.ok());
  EXPECT_EQ(sink.error().name(), "LogDestinationError");
  EXPECT_EQ(ExecutionLogs::Open(""), nullptr);
}

// --- End to end, through Service::Handle ---------------------------------------------------------

constexpr std::string_view kRole = "arn:aws:iam::123456789012:role/test";
constexpr std::string_view kPassMachine =
    R"({"StartAt":"Validate","States":{"Validate":{"Type":"Pass","Result":{"ok":true},"End":true}}})";
constexpr std::string_view kFailMachine =
    R"({"StartAt":"Check","States":{"Check":{"Type":"Pass","Next":"Stop"},)"
    R"("Stop":{"Type":"Fail","Error":"Rejected","Cause":"too big"}}})";

class ExecutionLogsServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = TestDirectory("service");
    store::SqliteOptions options;
    options.sync = false;
    auto router = std::make_shared<engine::TaskRouter>();
    ServiceOptions service_options;
    service_options.log_destination = (directory_ / "logs/").string();
    service_ = std::make_unique<Service>(
        service_options, store::SqliteStore::Open(directory_ / "data", options).release_value(),
        router);
  }
  void TearDown() override {
    service_.reset();
    fs::remove_all(directory_);
  }

  json::Value Ok(const std::string& action, const json::Value& request) {
    std::promise<Result<json::Value>> promise;
    service_->Handle(action, request,
                     [&](Result<json::Value> r) { promise.set_value(std::move(r)); });
    Result<json::Value> r = promise.get_future().get();
    EXPECT_TRUE(r.ok()) << action << ": " << (r.ok() ? "" : r.error().message());
    return r.ok() ? r.value() : json::Value();
  }
  // A machine logging to the log group `group`.
  std::string Create(const std::string& name, std::string_view definition, std::string_view type,
                     std::string_view level, bool include_data, const std::string& group) {
    std::vector<json::Member> members = {{"name", json::Value::String(name)},
                                         {"definition", json::Value::String(definition)},
                                         {"roleArn", json::Value::String(kRole)},
                                         {"type", json::Value::String(type)}};
    if (!level.empty()) {
      members.emplace_back(
          "loggingConfiguration",
          J(R"({"level":")" + std::string(level) + R"(","includeExecutionData":)" +
            (include_data ? "true" : "false") +
            R"(,"destinations":[{"cloudWatchLogsLogGroup":{"logGroupArn":"arn:aws:logs:us-east-1:123456789012:log-group:)" +
            group + R"(:*"}}]})"));
    }
    json::Value r = Ok("CreateStateMachine", json::Value::Object(std::move(members)));
    return r.is_null() ? "" : std::string(r.Find("stateMachineArn")->as_string());
  }
  std::string Start(const std::string& machine) {
    json::Value r =
        Ok("StartExecution", json::Value::Object({{"stateMachineArn", json::Value::String(machine)},
                                                  {"input", json::Value::String(R"({"n":1})")}}));
    return r.is_null() ? "" : std::string(r.Find("executionArn")->as_string());
  }
  std::string StartSync(const std::string& machine) {
    json::Value r = Ok("StartSyncExecution",
                       json::Value::Object({{"stateMachineArn", json::Value::String(machine)},
                                            {"input", json::Value::String(R"({"n":2})")}}));
    return r.is_null() ? "" : std::string(r.Find("executionArn")->as_string());
  }
  std::vector<std::string> HistoryTypes(const std::string& execution) {
    json::Value request = json::Value::Object({{"executionArn", json::Value::String(execution)}});
    for (int i = 0; i < 2000; ++i) {
      json::Value d = Ok("DescribeExecution", request);
      const json::Value* status = d.Find("status");
      if (status == nullptr) ADD_FAILURE() << "no status: " << json::Write(d);
      if (status == nullptr || status->as_string() != "RUNNING") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    std::vector<std::string> types;
    json::Value history = Ok("GetExecutionHistory", request);
    const json::Value* events = history.Find("events");
    if (events == nullptr) {
      ADD_FAILURE() << "no events: " << json::Write(history);
      return types;
    }
    for (const json::Value& e : events->items()) {
      const json::Value* type = e.Find("type");
      if (type == nullptr) {
        ADD_FAILURE() << "an event without a type: " << json::Write(e);
        continue;
      }
      types.emplace_back(type->as_string());
    }
    return types;
  }
  // The lines of `group`'s file for execution, once there are `count` of them (the logs are
  // written by their own thread, shortly after the execution ends).
  std::vector<json::Value> LinesOf(const std::string& group, const std::string& execution,
                                   size_t count) {
    std::vector<json::Value> lines;
    for (int i = 0; i < 2000; ++i) {
      lines.clear();
      for (const std::string& text : ReadLines(directory_ / "logs" / (group + ".log"))) {
        Result<json::Value> line = json::Parse(text);
        EXPECT_TRUE(line.ok()) << text;
        if (line.ok() && line.value().Find("execution_arn")->as_string() == execution) {
          lines.push_back(line.release_value());
        }
      }
      if (lines.size() >= count) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return lines;
  }
  static std::vector<std::string> Types(const std::vector<json::Value>& lines) {
    std::vector<std::string> types;
    for (const json::Value& line : lines) types.emplace_back(line.Find("type")->as_string());
    return types;
  }

  fs::path directory_;
  std::unique_ptr<Service> service_;
};

TEST_F(ExecutionLogsServiceTest, StandardExecutionLogsItsHistory) {
  std::string machine = Create("orders", kPassMachine, "STANDARD", "ALL", true, "orders");
  std::string execution = Start(machine);
  std::vector<std::string> history = HistoryTypes(execution);
  ASSERT_EQ(history, (std::vector<std::string>{"ExecutionStarted", "PassStateEntered",
                                               "PassStateExited", "ExecutionSucceeded"}));
  std::vector<json::Value> lines = LinesOf("orders", execution, history.size());
  EXPECT_EQ(Types(lines), history);
  for (size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(lines[i].Find("id")->as_string(), std::to_string(i + 1));
    EXPECT_EQ(lines[i].Find("redrive_count")->as_string(), "0");
  }
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].Find("details")->Find("input")->as_string(), R"({"n":1})");
  EXPECT_EQ(lines[3].Find("details")->Find("output")->as_string(), R"({"ok":true})");
}

TEST_F(ExecutionLogsServiceTest, ExpressExecutionsLogTheHistoryTheyDoNotStore) {
  std::string machine = Create("fast", kPassMachine, "EXPRESS", "ALL", true, "fast");
  const std::vector<std::string> kTypes = {"ExecutionStarted", "PassStateEntered",
                                           "PassStateExited", "ExecutionSucceeded"};
  std::string sync = StartSync(machine);
  std::vector<json::Value> lines = LinesOf("fast", sync, kTypes.size());
  EXPECT_EQ(Types(lines), kTypes);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].Find("details")->Find("input")->as_string(), R"({"n":2})");
  EXPECT_EQ(lines[0].Find("details")->Find("roleArn")->as_string(), kRole);

  std::string async = Start(machine);
  EXPECT_NE(async.find(":express:"), std::string::npos);
  EXPECT_EQ(Types(LinesOf("fast", async, kTypes.size())), kTypes);
}

TEST_F(ExecutionLogsServiceTest, ErrorLevelLogsFailuresWithoutData) {
  std::string standard = Create("strict", kFailMachine, "STANDARD", "ERROR", false, "strict");
  std::string express = Create("strict-x", kFailMachine, "EXPRESS", "ERROR", false, "strict");
  std::string execution = Start(standard);
  HistoryTypes(execution);
  std::vector<json::Value> lines = LinesOf("strict", execution, 2);
  EXPECT_EQ(Types(lines), (std::vector<std::string>{"FailStateEntered", "ExecutionFailed"}));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(*lines[0].Find("details"), J(R"({"name":"Stop"})"));
  EXPECT_EQ(*lines[1].Find("details"), J(R"({"error":"Rejected","cause":"too big"})"));

  std::string sync = StartSync(express);
  EXPECT_EQ(Types(LinesOf("strict", sync, 2)),
            (std::vector<std::string>{"FailStateEntered", "ExecutionFailed"}));
}

TEST_F(ExecutionLogsServiceTest, MachinesThatDoNotLogWriteNothing) {
  std::string quiet = Create("quiet", kPassMachine, "EXPRESS", "", false, "");
  std::string off = Create("off", kPassMachine, "STANDARD", "OFF", true, "off");
  StartSync(quiet);
  HistoryTypes(Start(off));
  // A logging machine's execution after them: once its lines are there, theirs would be too.
  std::string loud = Create("loud", kPassMachine, "EXPRESS", "FATAL", true, "loud");
  StartSync(loud);
  std::string standard_loud = Create("loud-s", kFailMachine, "STANDARD", "FATAL", true, "loud");
  std::string failing = Start(standard_loud);
  HistoryTypes(failing);
  EXPECT_EQ(Types(LinesOf("loud", failing, 1)), (std::vector<std::string>{"ExecutionFailed"}));
  EXPECT_FALSE(fs::exists(directory_ / "logs" / "off.log"));
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(directory_ / "logs")) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  EXPECT_EQ(files, (std::vector<fs::path>{directory_ / "logs" / "loud.log"}));
}

}  // namespace
}  // namespace stepwise::api
