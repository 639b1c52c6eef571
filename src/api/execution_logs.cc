#include "api/execution_logs.h"

#include <fcntl.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <system_error>

#include "json/parse.h"
#include "json/write.h"

namespace stepwise::api {
namespace {

namespace fs = std::filesystem;

// AWS "Log levels" (cloudwatch-log-level.html): the events ERROR logs. The Map Run events are
// Distributed Map's, which the table predates; they are the Map Run's failure and abort, as
// MapStateFailed and MapStateAborted are the Map state's.
constexpr std::string_view kErrorTypes[] = {
    "ExecutionAborted",
    "ExecutionFailed",
    "ExecutionTimedOut",
    "FailStateEntered",
    "LambdaFunctionFailed",
    "LambdaFunctionScheduleFailed",
    "LambdaFunctionStartFailed",
    "LambdaFunctionTimedOut",
    "MapIterationAborted",
    "MapIterationFailed",
    "MapRunAborted",
    "MapRunFailed",
    "MapStateAborted",
    "MapStateFailed",
    "ParallelStateAborted",
    "ParallelStateFailed",
    "TaskFailed",
    "TaskStartFailed",
    "TaskStateAborted",
    "TaskSubmitFailed",
    "TaskTimedOut",
    "WaitStateAborted",
};
// The events FATAL logs: the execution's own failures.
constexpr std::string_view kFatalTypes[] = {"ExecutionAborted", "ExecutionFailed",
                                            "ExecutionTimedOut"};

// Details members that are execution data (includeExecutionData false leaves them out): the
// members GetExecutionHistory's includeExecutionData leaves out, and assigned variables, whose
// values are the execution's data as much as its outputs are.
bool IsExecutionData(std::string_view member) {
  return member == "input" || member == "inputDetails" || member == "output" ||
         member == "outputDetails" || member == "parameters" || member == "assignedVariables" ||
         member == "assignedVariablesDetails";
}

int64_t IntegerOf(const json::Value& number) {
  return number.is_int() ? number.as_int() : static_cast<int64_t>(std::llround(number.as_number()));
}

// Writes all of text to fd (write(2) may write less than asked, or be interrupted).
bool WriteAll(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    text.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

int OpenForAppend(const fs::path& path) {
  return ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
}

// Says on stderr, once per path, that writing there failed.
class FailureReporter {
 public:
  void Report(const std::string& path, int error) {
    if (!reported_.insert(path).second) return;
    std::cerr << "stepwise: cannot write execution logs to " << path << ": " << std::strerror(error)
              << " (its lines are dropped)\n";
  }

 private:
  std::set<std::string> reported_;
};

class StdoutSink final : public LogSink {
 public:
  void Append(std::string_view, std::string_view lines) override {
    // stdio, not write(2): the serve command's own messages go through the same stream, and
    // whole lines written under stdio's lock never interleave with them.
    std::fwrite(lines.data(), 1, lines.size(), stdout);
    std::fflush(stdout);
  }
};

class FileSink final : public LogSink {
 public:
  FileSink(fs::path path, int fd) : path_(std::move(path)), fd_(fd) {}
  ~FileSink() override { ::close(fd_); }
  void Append(std::string_view, std::string_view lines) override {
    if (!WriteAll(fd_, lines)) failures_.Report(path_.string(), errno);
  }

 private:
  fs::path path_;
  int fd_;
  FailureReporter failures_;
};

// One file per log group under a directory.
class DirectorySink final : public LogSink {
 public:
  explicit DirectorySink(fs::path directory) : directory_(std::move(directory)) {}
  ~DirectorySink() override { CloseAll(); }
  void Append(std::string_view group, std::string_view lines) override {
    fs::path path = PathFor(group);
    int fd = FdFor(path);
    if (fd < 0 || !WriteAll(fd, lines)) failures_.Report(path.string(), errno);
  }

 private:
  // More groups than this and every file is closed (and reopened when next written): a service
  // with thousands of log groups keeps a bounded number of descriptors.
  static constexpr size_t kMaxOpenFiles = 128;

  // "/aws/vendedlogs/states/Orders" -> <directory>/aws/vendedlogs/states/Orders.log. Empty, "."
  // and ".." segments are dropped, so that a group name never leads out of the directory, and
  // characters other than CloudWatch's [A-Za-z0-9._#/-] become '_'.
  fs::path PathFor(std::string_view group) const {
    fs::path path = directory_;
    std::string segment;
    std::vector<std::string> segments;
    auto flush = [&] {
      if (!segment.empty() && segment != "." && segment != "..") segments.push_back(segment);
      segment.clear();
    };
    for (char c : group) {
      if (c == '/') {
        flush();
      } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' ||
                 c == '#') {
        segment += c;
      } else {
        segment += '_';
      }
    }
    flush();
    if (segments.empty()) segments.push_back("_");
    segments.back() += ".log";
    for (const std::string& s : segments) path /= s;
    return path;
  }

  int FdFor(const fs::path& path) {
    auto it = open_.find(path);
    if (it != open_.end()) return it->second;
    if (open_.size() >= kMaxOpenFiles) CloseAll();
    std::error_code error;
    fs::create_directories(path.parent_path(), error);
    int fd = OpenForAppend(path);
    if (fd >= 0) open_.emplace(path, fd);
    return fd;
  }

  void CloseAll() {
    for (auto& [path, fd] : open_) ::close(fd);
    open_.clear();
  }

  fs::path directory_;
  std::map<fs::path, int> open_;
  FailureReporter failures_;
};

Error DestinationError(const std::string& destination, const std::string& why) {
  return Error("LogDestinationError",
               "cannot write execution logs to '" + destination + "': " + why);
}

}  // namespace

LoggingSettings ReadLoggingSettings(std::string_view configuration) {
  LoggingSettings settings;
  if (configuration.empty()) return settings;
  Result<json::Value> parsed = json::Parse(configuration);
  if (!parsed.ok() || !parsed.value().is_object()) return settings;
  const json::Value& logging = parsed.value();
  if (const json::Value* level = logging.Find("level"); level != nullptr && level->is_string()) {
    std::string_view name = level->as_string();
    if (name == "ALL") settings.level = LogLevel::kAll;
    if (name == "ERROR") settings.level = LogLevel::kError;
    if (name == "FATAL") settings.level = LogLevel::kFatal;
  }
  if (const json::Value* include = logging.Find("includeExecutionData");
      include != nullptr && include->is_bool()) {
    settings.include_execution_data = include->as_bool();
  }
  const json::Value* destinations = logging.Find("destinations");
  const json::Value* first = destinations != nullptr ? destinations->At(0) : nullptr;
  const json::Value* group = first != nullptr ? first->Find("cloudWatchLogsLogGroup") : nullptr;
  const json::Value* arn = group != nullptr ? group->Find("logGroupArn") : nullptr;
  if (arn != nullptr && arn->is_string()) settings.log_group_arn = std::string(arn->as_string());
  return settings;
}

bool LevelLogs(LogLevel level, std::string_view type) {
  switch (level) {
    case LogLevel::kAll:
      return true;
    case LogLevel::kOff:
      return false;
    case LogLevel::kError:
      for (std::string_view t : kErrorTypes) {
        if (t == type) return true;
      }
      return false;
    case LogLevel::kFatal:
      for (std::string_view t : kFatalTypes) {
        if (t == type) return true;
      }
      return false;
  }
  return false;
}

std::string LogGroupName(std::string_view log_group_arn) {
  constexpr std::string_view kMarker = "log-group:";
  if (size_t at = log_group_arn.find(kMarker); at != std::string_view::npos) {
    std::string_view name = log_group_arn.substr(at + kMarker.size());
    // The ARN AWS asks for ends in ":*" (all of the group's streams).
    return std::string(name.substr(0, name.find(':')));
  }
  size_t at = 0;
  for (int colons = 0; colons < 5; ++colons) {
    at = log_group_arn.find(':', at);
    if (at == std::string_view::npos) return std::string(log_group_arn);
    ++at;
  }
  return std::string(log_group_arn.substr(at));
}

std::string FormatLogLine(const json::Value& event, std::string_view execution_arn,
                          int64_t redrive_count, bool include_execution_data) {
  const json::Value* type = event.Find("type");
  const json::Value* id = event.Find("id");
  if (type == nullptr || !type->is_string() || id == nullptr || !id->is_number()) return "";
  const json::Value* previous = event.Find("previousEventId");
  const json::Value* timestamp = event.Find("timestamp");

  // GetExecutionHistory names the details after the type ("taskScheduledEventDetails"); the log
  // line calls them "details", and has them (empty) on every event.
  json::Value details = json::Value::EmptyObject();
  for (const json::Member& m : event.members()) {
    if (!m.name().ends_with("EventDetails") || !m.value.is_object()) continue;
    if (include_execution_data) {
      details = m.value;
    } else {
      std::vector<json::Member> kept;
      for (const json::Member& d : m.value.members()) {
        if (!IsExecutionData(d.name())) kept.push_back(d);
      }
      details = json::Value::Object(std::move(kept));
    }
    break;
  }
  // Every scalar is a string in AWS's lines, the timestamp in milliseconds since the epoch.
  int64_t timestamp_ms = timestamp != nullptr && timestamp->is_number()
                             ? static_cast<int64_t>(std::llround(timestamp->as_number() * 1000))
                             : 0;
  int64_t previous_id = previous != nullptr && previous->is_number() ? IntegerOf(*previous) : 0;
  std::vector<json::Member> members;
  members.reserve(7);
  members.emplace_back("id", json::Value::String(std::to_string(IntegerOf(*id))));
  members.emplace_back("type", *type);
  members.emplace_back("details", std::move(details));
  members.emplace_back("previous_event_id", json::Value::String(std::to_string(previous_id)));
  members.emplace_back("event_timestamp", json::Value::String(std::to_string(timestamp_ms)));
  members.emplace_back("execution_arn", json::Value::String(execution_arn));
  members.emplace_back("redrive_count", json::Value::String(std::to_string(redrive_count)));
  return json::Write(json::Value::ObjectWithDistinctKeys(std::move(members)));
}

Result<std::unique_ptr<LogSink>> OpenLogDestination(const std::string& destination) {
  if (destination == "stdout") return std::unique_ptr<LogSink>(std::make_unique<StdoutSink>());
  if (destination.empty()) return DestinationError(destination, "no path given");
  std::error_code error;
  fs::path path(destination);
  if (destination.ends_with('/') || fs::is_directory(path, error)) {
    fs::create_directories(path, error);
    if (error) return DestinationError(destination, error.message());
    return std::unique_ptr<LogSink>(std::make_unique<DirectorySink>(path));
  }
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), error);
  int fd = OpenForAppend(path);
  if (fd < 0) return DestinationError(destination, std::strerror(errno));
  return std::unique_ptr<LogSink>(std::make_unique<FileSink>(path, fd));
}

std::shared_ptr<const ExecutionLogIdentity> LogIdentityFor(const LoggingSettings& settings,
                                                           std::string execution_arn,
                                                           int64_t redrive_count) {
  if (!settings.enabled()) return nullptr;
  auto identity = std::make_shared<ExecutionLogIdentity>();
  identity->execution_arn = std::move(execution_arn);
  identity->redrive_count = redrive_count;
  identity->settings = settings;
  return identity;
}

std::unique_ptr<ExecutionLogs> ExecutionLogs::Open(const std::string& destination) {
  if (destination.empty()) return nullptr;
  Result<std::unique_ptr<LogSink>> sink = OpenLogDestination(destination);
  if (!sink.ok()) {
    std::cerr << "stepwise: " << sink.error().message() << "; executions are not logged\n";
    return nullptr;
  }
  return std::make_unique<ExecutionLogs>(sink.release_value());
}

ExecutionLogs::ExecutionLogs(std::unique_ptr<LogSink> sink) : sink_(std::move(sink)) {
  writer_ = std::thread([this] { WriteLoop(); });
}

ExecutionLogs::~ExecutionLogs() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  writer_.join();
  if (dropped_events_ > 0) {
    std::cerr << "stepwise: " << dropped_events_ << " execution log events were dropped (the "
              << "log destination did not keep up)\n";
  }
}

void ExecutionLogs::Log(std::shared_ptr<const ExecutionLogIdentity> execution,
                        std::shared_ptr<const engine::History> history, size_t first, size_t end) {
  if (execution == nullptr || history == nullptr || end <= first) return;
  Job job;
  job.execution = std::move(execution);
  job.history = std::move(history);
  job.first = first;
  job.end = end;
  Enqueue(std::move(job));
}

void ExecutionLogs::LogEvents(std::shared_ptr<const ExecutionLogIdentity> execution,
                              std::vector<json::Value> events) {
  if (execution == nullptr || events.empty()) return;
  Job job;
  job.execution = std::move(execution);
  job.events = std::move(events);
  Enqueue(std::move(job));
}

void ExecutionLogs::Enqueue(Job job) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    size_t size = job.size();
    if (queued_events_ + size > kMaxQueuedEvents) {
      if (dropped_events_ == 0) {
        std::cerr << "stepwise: execution logs are dropped: more than " << kMaxQueuedEvents
                  << " events wait for the log destination\n";
      }
      dropped_events_ += size;
      return;
    }
    queued_events_ += size;
    ++enqueued_jobs_;
    queue_.push_back(std::move(job));
  }
  wake_.notify_one();
}

void ExecutionLogs::Flush() {
  std::unique_lock<std::mutex> lock(mutex_);
  uint64_t target = enqueued_jobs_;
  written_.wait(lock, [&] { return written_jobs_ >= target; });
}

void ExecutionLogs::WriteLoop() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) break;  // stopping, and everything queued is written
    Job job = std::move(queue_.front());
    queue_.pop_front();
    queued_events_ -= job.size();
    lock.unlock();
    Write(job);
    job = Job();  // releases the history (perhaps the last reference) outside the lock
    lock.lock();
    ++written_jobs_;
    written_.notify_all();
  }
}

void ExecutionLogs::Write(const Job& job) {
  const ExecutionLogIdentity& execution = *job.execution;
  const LoggingSettings& settings = execution.settings;
  std::string lines;
  auto add = [&](const json::Value& event) {
    std::string line = FormatLogLine(event, execution.execution_arn, execution.redrive_count,
                                     settings.include_execution_data);
    if (line.empty()) return;
    lines += line;
    lines += '\n';
  };
  if (job.history) {
    // Filtered before formatting: at ERROR and FATAL most events are not logged at all.
    job.history->VisitWrittenFrom(
        job.first,
        [&](const engine::HistoryEvent& event) {
          if (LevelLogs(settings.level, engine::EventTypeName(event.type))) {
            add(engine::EventToJson(event));
          }
        },
        job.end);
  } else {
    for (const json::Value& event : job.events) {
      const json::Value* type = event.Find("type");
      if (type != nullptr && type->is_string() && LevelLogs(settings.level, type->as_string())) {
        add(event);
      }
    }
  }
  if (!lines.empty()) sink_->Append(LogGroupName(settings.log_group_arn), lines);
}

}  // namespace stepwise::api
