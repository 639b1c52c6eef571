#include "engine/execution.h"

#include <random>

#include "asl/jsonata_functions.h"
#include "asl/timestamp.h"
#include "common/uuid.h"
#include "jsonpath/context_object.h"

namespace stepwise::engine {
namespace {

// A seeded source for intrinsics (States.UUID, States.MathRandom) and retry jitter, so that a
// run with --seed is reproducible. SplitMix64 over an atomic counter: thread-safe and lock-free.
class SeededRandom final : public asl::RandomSource {
 public:
  explicit SeededRandom(uint64_t seed) : state_(seed) {}
  uint64_t Next() override {
    uint64_t z = state_.fetch_add(0x9E3779B97F4A7C15ULL, std::memory_order_relaxed) +
                 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

 private:
  std::atomic<uint64_t> state_;
};

// arn:aws:states:REGION:ACCOUNT:stateMachine:MACHINE -> ...:execution:MACHINE:NAME, or for
// Express executions ...:express:MACHINE:NAME:ID.
std::string ExecutionArnFor(const std::string& machine_arn, const std::string& name,
                            bool express) {
  std::string arn = machine_arn;
  size_t at = arn.find(":stateMachine:");
  if (at != std::string::npos) arn.replace(at, 14, express ? ":express:" : ":execution:");
  arn += ":" + name;
  if (express) arn += ":" + NewUuid();
  return arn;
}

}  // namespace

std::string_view ExecutionStatusName(ExecutionStatus status) {
  switch (status) {
    case ExecutionStatus::kRunning: return "RUNNING";
    case ExecutionStatus::kSucceeded: return "SUCCEEDED";
    case ExecutionStatus::kFailed: return "FAILED";
    case ExecutionStatus::kTimedOut: return "TIMED_OUT";
    case ExecutionStatus::kAborted: return "ABORTED";
  }
  return "";
}

Execution::Execution(std::shared_ptr<const asl::StateMachine> machine, json::Value input,
                     const RunOptions& options, const TaskRouter& router,
                     std::shared_ptr<Scheduler> scheduler, const ResumePoint* resume)
    : machine_(std::move(machine)),
      input_(std::move(input)),
      options_(options),
      router_(router),
      scheduler_(std::move(scheduler)),
      start_ms_(resume != nullptr ? resume->start_ms : scheduler_->clock().NowMillis()) {
  execution_name_ =
      options.identity.execution_name.empty() ? NewUuid() : options.identity.execution_name;
  execution_arn_ = options.identity.execution_arn.empty()
                       ? ExecutionArnFor(options.identity.state_machine_arn, execution_name_,
                                         options.express)
                       : options.identity.execution_arn;
  if (options.seed != 0) random_ = std::make_unique<SeededRandom>(options.seed);
  int64_t first_id = resume != nullptr ? resume->next_event_id : 1;
  // Events point to their states' names: the history keeps the machine.
  if (options.record_history) history_ = std::make_shared<History>(first_id, machine_);
  next_event_id_.store(first_id, std::memory_order_relaxed);
  result_.execution_arn = execution_arn_;
  result_.start_ms = start_ms_;
}

bool Execution::End(ExecutionStatus status) {
  bool expected = false;
  if (!ended_.compare_exchange_strong(expected, true, std::memory_order_acq_rel)) return false;
  ended_at_ = std::chrono::steady_clock::now();
  result_.status = status;
  if (CheckpointSink* sink = checkpoints()) sink->Ended();
  return true;
}

void Execution::RecordEnd(HistoryEvent event) {
  if (history_ == nullptr) return;
  event.timestamp_ms = NowMillis();
  history_->Append(std::move(event));
}

void Execution::Succeed(json::Value output, int64_t previous_id) {
  if (!End(ExecutionStatus::kSucceeded)) return;
  HistoryEvent event;
  event.type = EventType::kExecutionSucceeded;
  event.previous_id = static_cast<uint32_t>(previous_id);
  event.data = output;
  RecordEnd(std::move(event));
  result_.output = std::move(output);
  Finish();
}

void Execution::Fail(const StateError& error, int64_t previous_id) {
  if (!End(ExecutionStatus::kFailed)) return;
  HistoryEvent event;
  event.type = EventType::kExecutionFailed;
  event.previous_id = static_cast<uint32_t>(previous_id);
  event.details = ErrorDetails(error.error, error.has_cause ? error.cause : "");
  RecordEnd(std::move(event));
  result_.error = error.error;
  result_.has_error = !error.error.empty();
  result_.cause = error.cause;
  result_.has_cause = error.has_cause;
  Finish();
}

void Execution::TimeOut() {
  if (!End(ExecutionStatus::kTimedOut)) return;
  HistoryEvent event;
  event.type = EventType::kExecutionTimedOut;
  event.details = ErrorDetails("States.Timeout", "");
  RecordEnd(std::move(event));
  // DescribeExecution of a timed-out execution has no error or cause.
  Finish();
}

void Execution::Abort(std::optional<std::string> error, std::optional<std::string> cause) {
  if (!End(ExecutionStatus::kAborted)) return;
  HistoryEvent event;
  event.type = EventType::kExecutionAborted;
  // AWS numbers ExecutionAborted after the last event recorded, whichever frame recorded it.
  event.previous_id = history_ != nullptr ? static_cast<uint32_t>(history_->size()) : 0;
  if (error || cause) event.details = ErrorDetails(error.value_or(""), cause.value_or(""));
  RecordEnd(std::move(event));
  result_.has_error = error.has_value();
  result_.error = error.value_or("");
  result_.has_cause = cause.has_value();
  result_.cause = cause.value_or("");
  Finish();
}

void Execution::Finish() {
  RunResult result;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    done_flag_ = true;
    done_.notify_all();
    if (on_end_) result = ResultLocked();
  }
  if (on_end_) on_end_(result);
}

RunResult Execution::ResultLocked() const {
  RunResult result = result_;
  result.stop_ms = NowMillis();
  result.run_seconds = std::chrono::duration<double>(ended_at_ - started_at_).count();
  result.transitions = transitions_.load(std::memory_order_relaxed);
  result.history = history_;
  return result;
}

RunResult Execution::Wait() {
  std::unique_lock<std::mutex> lock(mutex_);
  done_.wait(lock, [this] { return done_flag_; });
  return ResultLocked();
}

const jsonata::Bindings& Execution::jsonata_functions() {
  std::call_once(jsonata_once_,
                 [this] { jsonata_functions_ = asl::JsonataHostFunctions(intrinsic_context()); });
  return *jsonata_functions_;
}

std::string Execution::NewTaskToken() {
  // Tokens must not be guessable: they come from the operating system's generator, whatever
  // --seed says.
  thread_local std::random_device device;
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string token;
  token.reserve(43);
  uint64_t bits = 0;
  int available = 0;
  for (int i = 0; i < 43; ++i) {  // 43 x 6 bits >= 256 bits
    if (available < 6) {
      bits = (static_cast<uint64_t>(device()) << 32) | device();
      available = 64;
    }
    token.push_back(kAlphabet[bits & 63]);
    bits >>= 6;
    available -= 6;
  }
  return token;
}

json::Value Execution::ContextFor(const asl::State& state, int64_t entered_ms, int64_t retries,
                                  const json::Value* map_item, int64_t map_index,
                                  const std::string* task_token) const {
  jsonpath::ContextObject context;
  context.execution.id = execution_arn_;
  context.execution.input = input_;
  context.execution.name = execution_name_;
  context.execution.role_arn = options_.identity.role_arn;
  context.execution.start_time = asl::FormatTimestamp({start_ms_ / 1000,
                                                       static_cast<int32_t>(start_ms_ % 1000) *
                                                           1000000});
  context.state.name = state.name;
  context.state.entered_time = asl::FormatTimestamp(
      {entered_ms / 1000, static_cast<int32_t>(entered_ms % 1000) * 1000000});
  if (!state.retry.empty()) context.state.retry_count = retries;
  context.execution.redrive_count = options_.redrive_count;
  if (options_.redrive_ms != 0) {
    context.execution.redrive_time = asl::FormatTimestamp(
        {options_.redrive_ms / 1000, static_cast<int32_t>(options_.redrive_ms % 1000) * 1000000});
  }
  if (options_.synchronous) context.execution.redrive_count.reset();
  context.state_machine.id = options_.identity.state_machine_arn;
  context.state_machine.name = options_.identity.state_machine_name;
  if (map_item != nullptr) context.map_item = jsonpath::ContextObject::MapItem{map_index, *map_item};
  if (task_token != nullptr && !task_token->empty()) context.task_token = *task_token;
  return context.ToValue();
}

void Execution::AddMapRun(std::string arn, const std::shared_ptr<Group>& group) {
  std::lock_guard<std::mutex> lock(map_runs_mutex_);
  // Runs that ended leave expired entries: drop them as new ones come (a Map in a loop).
  std::erase_if(map_runs_, [](const auto& entry) { return entry.second.expired(); });
  map_runs_[std::move(arn)] = group;
}

std::shared_ptr<Group> Execution::FindMapRun(std::string_view arn) {
  std::lock_guard<std::mutex> lock(map_runs_mutex_);
  auto found = map_runs_.find(arn);
  if (found == map_runs_.end()) return nullptr;
  std::shared_ptr<Group> group = found->second.lock();
  if (group == nullptr || group->finished.load(std::memory_order_acquire)) return nullptr;
  return group;
}

}  // namespace stepwise::engine
