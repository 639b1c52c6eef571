#include "api/execution_runner.h"

#include <functional>
#include <iostream>

#include "api/errors.h"
#include "asl/load.h"
#include "common/uuid.h"
#include "engine/history.h"
#include "engine/scheduler.h"
#include "json/parse.h"
#include "json/write.h"

namespace stepwise::api {
namespace {

// How often the committer writes new events when there are some. Events recorded within one
// interval go to the store in one transaction.
constexpr auto kCommitInterval = std::chrono::milliseconds(2);

int Workers(const ServiceOptions& options) {
  if (options.workers > 0) return options.workers;
  unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 2 : static_cast<int>(cores);
}

}  // namespace

struct ExecutionRunner::Running {
  store::ExecutionRecord record;  // as stored when it started
  bool standard = true;
  std::shared_ptr<const asl::StateMachine> machine;
  std::optional<engine::ExecutionHandle> handle;
  std::function<void(const store::ExecutionRecord&)> on_end;
  // Committer's: events written to the store so far.
  size_t committed_events = 0;
  // Set (under the runner's mutex) when the execution ended.
  std::optional<engine::RunResult> result;
};

ExecutionRunner::ExecutionRunner(const ServiceOptions& options, store::Store& store,
                                 std::shared_ptr<const engine::TaskRouter> router)
    : options_(options),
      store_(store),
      router_(std::move(router)),
      arns_(options.region, options.account_id),
      scheduler_(std::make_shared<engine::Scheduler>(Workers(options), /*simulated=*/false)) {
  committer_ = std::thread([this] { CommitLoop(); });
}

ExecutionRunner::~ExecutionRunner() { Shutdown(); }

void ExecutionRunner::Shutdown() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  wake_.notify_all();
  if (committer_.joinable()) committer_.join();
  CommitPending();
  scheduler_->Shutdown();
}

Result<std::shared_ptr<const asl::StateMachine>> ExecutionRunner::Compile(
    const store::StateMachineRecord& machine) {
  std::string key = machine.arn + "#" + machine.revision_id;
  std::lock_guard<std::mutex> lock(compiled_mutex_);
  if (auto it = compiled_.find(key); it != compiled_.end()) return it->second;
  asl::LoadOptions load_options;
  load_options.type =
      machine.type == "EXPRESS" ? asl::MachineType::kExpress : asl::MachineType::kStandard;
  asl::LoadResult loaded = asl::LoadDefinition(machine.definition, load_options);
  if (!loaded.ok()) {
    // A stored definition was checked when it was stored; this means the checker changed.
    return ApiError("InvalidDefinition", asl::InvalidDefinitionMessage(loaded.diagnostics));
  }
  compiled_.emplace(key, loaded.machine);
  return loaded.machine;
}

Result<store::ExecutionRecord> ExecutionRunner::Start(
    const store::StateMachineRecord& machine, const ExecutionStart& start,
    std::function<void(const store::ExecutionRecord&)> on_end) {
  Result<json::Value> input = json::Parse(start.input);
  if (!input.ok()) {
    return ApiError("InvalidExecutionInput",
                    "Invalid State Machine Execution Input: '" + input.error().message() + "'");
  }
  std::shared_ptr<const asl::StateMachine> compiled = TRY(Compile(machine));
  bool standard = machine.type == "STANDARD";
  std::string name = start.name.empty() ? NewUuid() : start.name;

  auto running = std::make_shared<Running>();
  running->standard = standard;
  running->machine = compiled;
  running->on_end = std::move(on_end);
  store::ExecutionRecord& record = running->record;
  record.arn = standard ? arns_.Execution(machine.name, name)
                        : arns_.ExpressExecution(machine.name, name, NewUuid());
  record.state_machine_arn = machine.version_of.empty() ? machine.arn : machine.version_of;
  record.name = name;
  record.input = start.input;
  record.start_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
  record.version_arn = start.version_arn;
  record.alias_arn = start.alias_arn;
  record.trace_header = start.trace_header;

  std::unique_lock<std::mutex> start_lock(
      start_mutexes_[std::hash<std::string>()(record.arn) % kStartStripes]);
  if (standard) {
    // AWS: a running execution with the same name and input is the same request, answered
    // again; any other execution with the name makes the name unavailable.
    std::optional<store::ExecutionRecord> existing = TRY(store_.GetExecution(record.arn));
    if (existing) {
      if (existing->status == "RUNNING" && existing->input == record.input) return *existing;
      return ApiError("ExecutionAlreadyExists", "Execution Already Exists: '" + record.arn + "'");
    }
    store::WriteBatch batch;
    batch.put_executions.push_back(record);
    TRY(store_.Write(batch));
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) return ApiError("ServiceUnavailable", "The service is stopping");
    running_[record.arn] = running;
  }
  start_lock.unlock();

  engine::RunOptions run_options;
  run_options.identity.state_machine_name = machine.name;
  run_options.identity.state_machine_arn = machine.arn;
  run_options.identity.execution_name = name;
  run_options.identity.execution_arn = record.arn;
  run_options.identity.role_arn = machine.role_arn;
  run_options.express = !standard;
  run_options.synchronous = start.synchronous;
  run_options.record_history = standard;
  run_options.max_payload_bytes = options_.max_payload_bytes;
  std::weak_ptr<Running> weak = running;
  engine::ExecutionHandle handle = engine::StartExecutionOn(
      scheduler_, compiled, input.release_value(), *router_, run_options,
      [this, weak](const engine::RunResult& result) {
        if (auto alive = weak.lock()) Ended(alive, result);
      });
  {
    std::lock_guard<std::mutex> lock(mutex_);
    running->handle = handle;
  }
  return record;
}

void ExecutionRunner::Ended(const std::shared_ptr<Running>& running,
                            const engine::RunResult& result) {
  if (running->standard) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      running->result = result;
    }
    wake_.notify_all();
    return;
  }
  // Express: nothing stored; the caller (StartSyncExecution) gets the result now.
  store::ExecutionRecord record = running->record;
  record.status = std::string(engine::ExecutionStatusName(result.status));
  record.stop_ms = result.stop_ms;
  if (result.status == engine::ExecutionStatus::kSucceeded) record.output = json::Write(result.output);
  if (result.has_error) record.error = result.error;
  if (result.has_cause) record.cause = result.cause;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    running_.erase(record.arn);
  }
  if (running->on_end) running->on_end(record);
}

Result<int64_t> ExecutionRunner::Stop(const std::string& arn, std::optional<std::string> error,
                                      std::optional<std::string> cause) {
  std::optional<engine::ExecutionHandle> handle;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = running_.find(arn);
    if (it != running_.end()) handle = it->second->handle;
  }
  if (!handle) {
    return ApiError("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
  }
  handle->Stop(std::move(error), std::move(cause));
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void ExecutionRunner::CommitLoop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, kCommitInterval);
    if (stopping_) break;
    lock.unlock();
    CommitPending();
    lock.lock();
  }
}

void ExecutionRunner::CommitPending() {
  std::vector<std::shared_ptr<Running>> runs;
  std::vector<bool> ended;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& [arn, running] : running_) {
      if (!running->standard || !running->handle) continue;
      runs.push_back(running);
      ended.push_back(running->result.has_value());
    }
  }
  if (runs.empty()) return;
  store::WriteBatch batch;
  std::vector<size_t> visited(runs.size(), 0);
  std::vector<store::ExecutionRecord> finals;
  for (size_t i = 0; i < runs.size(); ++i) {
    Running& running = *runs[i];
    std::shared_ptr<const engine::History> history = running.handle->history();
    store::WriteBatch::Events events;
    events.execution_arn = running.record.arn;
    visited[i] = history->VisitWrittenFrom(running.committed_events,
                                           [&](const engine::HistoryEvent& event) {
      events.events.push_back({event.id, json::Write(engine::EventToJson(event))});
    });
    if (!events.events.empty()) batch.append_events.push_back(std::move(events));
    // An execution that ended is finished once its last event is written (a frame that was
    // recording as it ended may still be writing one).
    if (ended[i] && running.committed_events + visited[i] < history->size()) ended[i] = false;
    if (ended[i]) {
      const engine::RunResult& result = *running.result;
      store::ExecutionRecord record = running.record;
      record.status = std::string(engine::ExecutionStatusName(result.status));
      record.stop_ms = result.stop_ms;
      if (result.status == engine::ExecutionStatus::kSucceeded) {
        record.output = json::Write(result.output);
      }
      if (result.has_error) record.error = result.error;
      if (result.has_cause) record.cause = result.cause;
      batch.put_executions.push_back(record);
      finals.push_back(std::move(record));
    }
  }
  if (batch.empty()) return;
  Result<void> written = store_.Write(batch);
  if (!written.ok()) {
    // Nothing is lost: the events stay in memory and the next round writes them again.
    std::cerr << "stepwise: writing history failed: " << written.error().message() << "\n";
    return;
  }
  std::vector<std::shared_ptr<Running>> done;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (size_t i = 0; i < runs.size(); ++i) {
      runs[i]->committed_events += visited[i];
      if (ended[i]) {
        running_.erase(runs[i]->record.arn);
        done.push_back(runs[i]);
      }
    }
  }
  for (size_t i = 0; i < done.size(); ++i) {
    if (done[i]->on_end) done[i]->on_end(finals[i]);
  }
}

}  // namespace stepwise::api
