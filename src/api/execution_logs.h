#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "common/result.h"
#include "engine/history.h"
#include "json/value.h"

// Execution logs: what a state machine's loggingConfiguration sends to CloudWatch Logs on AWS,
// written here as JSON lines to a file or to standard output (docs/execution-logs.md).
//
// Each event the machine's level selects becomes one line shaped as AWS's log events are:
//   {"id": "3", "type": "TaskStateEntered", "details": {...}, "previous_event_id": "2",
//    "event_timestamp": "1713959670680", "execution_arn": "...", "redrive_count": "0"}
// `details` is what GetExecutionHistory has in the event's `<type>EventDetails` ({} for events
// without details); with includeExecutionData false, inputs, outputs, task parameters and
// assigned variables are left out of it.
// https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html
// https://docs.aws.amazon.com/step-functions/latest/dg/cloudwatch-log-level.html
namespace stepwise::api {

// A loggingConfiguration's level: which events it logs (LevelLogs).
enum class LogLevel : uint8_t { kOff, kFatal, kError, kAll };

// A state machine's loggingConfiguration, as the executions started from it log.
// Intentionally copyable.
struct LoggingSettings {
  LogLevel level = LogLevel::kOff;
  bool include_execution_data = false;
  std::string log_group_arn;  // the destination's cloudWatchLogsLogGroup.logGroupArn

  bool enabled() const { return level != LogLevel::kOff; }
};

// Reads the JSON text that ReadLoggingConfiguration stores on a StateMachineRecord. Empty or
// unreadable text (which the API never stores) is AWS's default, level OFF.
LoggingSettings ReadLoggingSettings(std::string_view configuration);

// Whether `level` logs events of `type` (an event type name, "TaskFailed"), as AWS's "Log
// levels" table says: ALL every event; ERROR the failures, aborts and timeouts of executions,
// states, tasks, Lambda functions, Map iterations and Map Runs, and FailStateEntered; FATAL
// ExecutionFailed, ExecutionAborted and ExecutionTimedOut; OFF none.
bool LevelLogs(LogLevel level, std::string_view type);

// The log group's name in its ARN: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/x:*"
// gives "/aws/x". An ARN without "log-group:" gives its text after the fifth ':' (the resource),
// or the whole text when it has fewer.
std::string LogGroupName(std::string_view log_group_arn);

// One history event, in GetExecutionHistory's shape (engine::EventToJson), as the log line AWS
// sends for it (without a newline). An event that lacks `type` or `id` gives an empty string.
std::string FormatLogLine(const json::Value& event, std::string_view execution_arn,
                          int64_t redrive_count, bool include_execution_data);

// Where log lines go.
class LogSink {
 public:
  virtual ~LogSink() = default;
  // Appends `lines` (whole lines, each ending with '\n') for the log group named `group`
  // (LogGroupName). Called by one thread at a time. Failures are reported on stderr and the
  // lines dropped: logs are best effort, as CloudWatch Logs delivery is on AWS.
  virtual void Append(std::string_view group, std::string_view lines) = 0;
};

// A destination as `stepwise serve --log-destination` names one:
// - "stdout": every line to standard output;
// - a path ending in '/', or naming an existing directory: one file per log group in that
//   directory, `<dir>/<group name>.log`, the group name's '/' making subdirectories
//   ("/aws/vendedlogs/states/Orders" -> `<dir>/aws/vendedlogs/states/Orders.log`);
// - any other path: one file for every log group.
// Files are opened for appending (created when missing) and each batch of lines is written with
// one write(2), so that nothing waits in a buffer. Errors: LogDestinationError when the directory
// cannot be created or the file cannot be opened.
Result<std::unique_ptr<LogSink>> OpenLogDestination(const std::string& destination);

// What the lines of one execution carry besides its events. Intentionally copyable.
struct ExecutionLogIdentity {
  std::string execution_arn;
  int64_t redrive_count = 0;
  LoggingSettings settings;
};

// The identity of an execution of a machine logging as `settings` say, or null when that
// machine does not log (level OFF).
std::shared_ptr<const ExecutionLogIdentity> LogIdentityFor(const LoggingSettings& settings,
                                                           std::string execution_arn,
                                                           int64_t redrive_count);

// Formats executions' events as log lines and writes them to a sink, on a thread of its own:
// Log and LogEvents only queue what they are given and return, so that callers (the execution
// runner's committer, an engine worker ending an Express execution) never wait for formatting or
// for the sink. Lines of one call are written together, in event order; calls are written in the
// order they were made. When more than kMaxQueuedEvents events wait, further calls are dropped
// (and counted on stderr) rather than letting memory grow without bound behind a slow sink.
//
// Thread-safe.
class ExecutionLogs {
 public:
  static constexpr size_t kMaxQueuedEvents = size_t{1} << 20;

  explicit ExecutionLogs(std::unique_ptr<LogSink> sink);
  // The logs of `stepwise serve --log-destination destination` (OpenLogDestination), or null
  // when destination is empty (nothing is logged) or cannot be opened (said on stderr).
  static std::unique_ptr<ExecutionLogs> Open(const std::string& destination);
  // Writes everything queued, then stops the writer.
  ~ExecutionLogs();
  ExecutionLogs(const ExecutionLogs&) = delete;
  ExecutionLogs& operator=(const ExecutionLogs&) = delete;

  // Queues the events of history at indexes [first, end) (ids first + 1 to end), which must have
  // been written (History::VisitWrittenFrom), for the lines that execution's level selects.
  void Log(std::shared_ptr<const ExecutionLogIdentity> execution,
           std::shared_ptr<const engine::History> history, size_t first, size_t end);
  // Queues events in GetExecutionHistory's shape (engine::EventToJson's output).
  void LogEvents(std::shared_ptr<const ExecutionLogIdentity> execution,
                 std::vector<json::Value> events);

  // Waits until everything queued before the call has been written.
  void Flush();

 private:
  struct Job {
    std::shared_ptr<const ExecutionLogIdentity> execution;
    std::shared_ptr<const engine::History> history;  // or `events`
    size_t first = 0;
    size_t end = 0;
    std::vector<json::Value> events;
    size_t size() const { return history ? end - first : events.size(); }
  };
  void Enqueue(Job job);
  void WriteLoop();
  void Write(const Job& job);

  std::unique_ptr<LogSink> sink_;
  std::mutex mutex_;
  std::condition_variable wake_;     // the writer: a job came, or stopping
  std::condition_variable written_;  // Flush: a job was written
  std::deque<Job> queue_;
  size_t queued_events_ = 0;
  uint64_t enqueued_jobs_ = 0;
  uint64_t written_jobs_ = 0;
  uint64_t dropped_events_ = 0;
  bool stopping_ = false;
  std::thread writer_;
};

}  // namespace stepwise::api
