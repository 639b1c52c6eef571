#include "api/execution_runner.h"

#include <algorithm>
#include <functional>
#include <iostream>
#include <utility>
#include <vector>

#include "api/errors.h"
#include "asl/load.h"
#include "common/uuid.h"
#include "engine/history.h"
#include "engine/scheduler.h"
#include "json/parse.h"
#include "json/write.h"

namespace stepwise::api {
namespace {

// How often the committer writes new checkpoints and events when there are some. What moves
// within one interval goes to the store in one transaction.
constexpr auto kCommitInterval = std::chrono::milliseconds(2);

// https://docs.aws.amazon.com/step-functions/latest/dg/choosing-workflow-type.html
constexpr int64_t kExpressMaxSeconds = 5 * 60;

int Workers(const ServiceOptions& options) {
  if (options.workers > 0) return options.workers;
  unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 2 : static_cast<int>(cores);
}

int64_t WallMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The stored checkpoint: {"revisionId": the definition's revision, "frame": the engine's
// checkpoint, or null before the execution's first state, "events": the history events it
// accounts for}.
std::string CheckpointText(const std::string& revision_id, const json::Value& frame,
                           int64_t events) {
  return json::Write(json::Value::Object({{"revisionId", json::Value::String(revision_id)},
                                          {"frame", frame},
                                          {"events", json::Value::Int(events)}}));
}

// An execution's record once it ended as result says.
store::ExecutionRecord FinalRecord(store::ExecutionRecord record, const engine::RunResult& result) {
  record.status = std::string(engine::ExecutionStatusName(result.status));
  record.stop_ms = result.stop_ms;
  if (result.status == engine::ExecutionStatus::kSucceeded) record.output = json::Write(result.output);
  if (result.has_error) record.error = result.error;
  if (result.has_cause) record.cause = result.cause;
  return record;
}

}  // namespace

struct ExecutionRunner::Running {
  store::ExecutionRecord record;  // as stored when it started
  bool standard = true;
  std::string revision_id;
  std::shared_ptr<const asl::StateMachine> machine;
  std::shared_ptr<engine::CheckpointSink> checkpoints;  // Standard executions
  std::optional<engine::ExecutionHandle> handle;
  std::function<void(const store::ExecutionRecord&)> on_end;
  // Committer's: events written to the store so far, and the checkpoint they belong to.
  size_t committed_events = 0;
  uint64_t committed_sequence = 0;
  // Set (under the runner's mutex) when the execution ended.
  std::optional<engine::RunResult> result;
  // Execution logs (execution_logs.h): its machine's loggingConfiguration, and who its lines
  // belong to (set by Launch; null when the machine does not log or there is no destination).
  LoggingSettings logging;
  std::shared_ptr<const ExecutionLogIdentity> log;
};

ExecutionRunner::ExecutionRunner(const ServiceOptions& options, store::Store& store,
                                 std::shared_ptr<const engine::TaskRouter> router,
                                 std::shared_ptr<engine::CallbackRegistry> callbacks)
    : options_(options),
      store_(store),
      router_(std::move(router)),
      callbacks_(std::move(callbacks)),
      arns_(options.region, options.account_id),
      logs_(ExecutionLogs::Open(options.log_destination)),
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
  if (logs_) logs_->Flush();
}

Result<std::shared_ptr<const asl::StateMachine>> ExecutionRunner::Compile(
    const std::string& key, const std::string& definition, const std::string& type) {
  std::lock_guard<std::mutex> lock(compiled_mutex_);
  if (auto it = compiled_.find(key); it != compiled_.end()) return it->second;
  asl::LoadOptions load_options;
  load_options.type = type == "EXPRESS" ? asl::MachineType::kExpress : asl::MachineType::kStandard;
  asl::LoadResult loaded = asl::LoadDefinition(definition, load_options);
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
  bool standard = machine.type == "STANDARD";
  std::string revision = machine.revision_id.empty() ? machine.arn : machine.revision_id;
  std::shared_ptr<const asl::StateMachine> compiled =
      TRY(Compile(revision, machine.definition, machine.type));
  std::string name = start.name.empty() ? NewTimeOrderedUuid() : start.name;

  auto running = std::make_shared<Running>();
  running->standard = standard;
  running->revision_id = revision;
  running->machine = compiled;
  running->on_end = std::move(on_end);
  store::ExecutionRecord& record = running->record;
  record.arn = standard ? arns_.Execution(machine.name, name)
                        : arns_.ExpressExecution(machine.name, name, NewUuid());
  record.state_machine_arn = machine.version_of.empty() ? machine.arn : machine.version_of;
  record.name = name;
  record.input = start.input;
  record.start_ms = WallMillis();
  record.version_arn = start.version_arn;
  record.alias_arn = start.alias_arn;
  record.trace_header = start.trace_header;
  running->logging = ReadLoggingSettings(machine.logging_configuration);

  std::unique_lock<std::mutex> start_lock(
      start_mutexes_[std::hash<std::string>()(record.arn) % kStartStripes]);
  if (standard) {
    // AWS: a running execution with the same name and input is the same request, answered
    // again; any other execution with the name makes the name unavailable.
    // (A generated name is new: no need to look.)
    std::optional<store::ExecutionRecord> existing;
    if (!start.name.empty()) existing = TRY(store_.GetExecution(record.arn));
    if (existing) {
      if (existing->status == "RUNNING" && existing->input == record.input) return *existing;
      return ApiError("ExecutionAlreadyExists", "Execution Already Exists: '" + record.arn + "'");
    }
    // The execution, the definition it runs, and a checkpoint saying it has not begun, together.
    store::WriteBatch batch;
    batch.put_executions.push_back(record);
    bool definition_stored;
    {
      std::lock_guard<std::mutex> lock(compiled_mutex_);
      definition_stored = stored_definitions_.contains(revision);
    }
    if (!definition_stored) batch.put_definitions.push_back({revision, machine.definition});
    batch.put_checkpoints.push_back({record.arn, CheckpointText(revision, json::Value(), 0)});
    TRY(store_.Write(batch));
    std::lock_guard<std::mutex> lock(compiled_mutex_);
    stored_definitions_.insert(revision);
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) return ApiError("ServiceUnavailable", "The service is stopping");
    running_[record.arn] = running;
  }
  start_lock.unlock();
  Launch(running, machine.name, machine.arn, machine.role_arn, input.release_value(),
         start.synchronous, nullptr);
  return record;
}

void ExecutionRunner::Launch(const std::shared_ptr<Running>& running,
                             const std::string& machine_name, const std::string& machine_arn,
                             const std::string& role_arn, json::Value input, bool synchronous,
                             const engine::ResumePoint* resume) {
  engine::RunOptions run_options;
  run_options.identity.state_machine_name = machine_name;
  run_options.identity.state_machine_arn = machine_arn;
  run_options.identity.execution_name = running->record.name;
  run_options.identity.execution_arn = running->record.arn;
  run_options.identity.role_arn = role_arn;
  run_options.express = !running->standard;
  // AWS: an Express execution runs for at most five minutes.
  if (!running->standard) run_options.max_duration_seconds = kExpressMaxSeconds;
  run_options.synchronous = synchronous;
  if (logs_) {
    running->log = LogIdentityFor(running->logging, running->record.arn,
                                  running->record.redrive_count);
  }
  // Express executions keep a history only for their logs.
  run_options.record_history = running->standard || running->log != nullptr;
  run_options.max_payload_bytes = options_.max_payload_bytes;
  run_options.callbacks = callbacks_;
  run_options.redrive_count = running->record.redrive_count;
  run_options.redrive_ms = running->record.redrive_ms;
  if (running->standard) {
    running->checkpoints = std::make_shared<engine::CheckpointSink>();
    run_options.checkpoints = running->checkpoints;
  }
  std::weak_ptr<Running> weak = running;
  auto on_end = [this, weak](const engine::RunResult& result) {
    if (auto alive = weak.lock()) Ended(alive, result);
  };
  engine::ExecutionHandle handle =
      resume != nullptr
          ? engine::ResumeExecutionOn(scheduler_, running->machine, std::move(input), *router_,
                                      run_options, *resume, on_end)
          : engine::StartExecutionOn(scheduler_, running->machine, std::move(input), *router_,
                                     run_options, on_end);
  std::lock_guard<std::mutex> lock(mutex_);
  running->handle = handle;
}

Result<ExecutionRunner::Stored> ExecutionRunner::LoadStored(const store::ExecutionRecord& record) {
  Stored stored;
  stored.running = std::make_shared<Running>();
  Running& running = *stored.running;
  running.record = record;
  // What the execution runs: the revision its checkpoint names.
  std::optional<std::string> text = TRY(store_.GetCheckpoint(record.arn));
  if (!text) return Error("MissingCheckpoint", "no checkpoint is stored");
  Result<json::Value> checkpoint = json::Parse(*text);
  const json::Value* revision = checkpoint.ok() ? checkpoint.value().Find("revisionId") : nullptr;
  if (revision == nullptr || !revision->is_string()) {
    return Error("MissingCheckpoint", "the checkpoint names no revision");
  }
  running.revision_id = std::string(revision->as_string());
  std::optional<std::string> definition = TRY(store_.GetDefinition(running.revision_id));
  if (!definition) return Error("MissingCheckpoint", "the definition it runs is not stored");
  running.machine = TRY(Compile(running.revision_id, *definition, "STANDARD"));
  Result<json::Value> input = json::Parse(record.input);
  if (!input.ok()) return Error("MissingCheckpoint", "its input does not parse");
  stored.input = input.release_value();
  // The machine's name, ARN and role, for the context object and the history.
  stored.machine_arn = record.version_arn.empty() ? record.state_machine_arn : record.version_arn;
  stored.machine_name = record.state_machine_arn.substr(record.state_machine_arn.rfind(':') + 1);
  std::optional<store::StateMachineRecord> machine = TRY(store_.GetStateMachine(stored.machine_arn));
  if (machine) stored.role_arn = machine->role_arn;
  if (machine) running.logging = ReadLoggingSettings(machine->logging_configuration);
  const json::Value* frame = checkpoint.value().Find("frame");
  if (frame != nullptr && frame->is_object()) {
    stored.frame = TRY(engine::CheckpointFromJson(*frame, *running.machine));
    // The events it accounts for (a checkpoint written before "events" existed: its frame's).
    const json::Value* events = checkpoint.value().Find("events");
    stored.events = events != nullptr && events->is_int() && events->as_int() > 0
                        ? events->as_int()
                        : stored.frame->last_event;
  }
  return stored;
}

Result<size_t> ExecutionRunner::ResumeAll() {
  std::vector<store::ExecutionRecord> records = TRY(store_.ListRunningExecutions());
  size_t resumed = 0;
  for (const store::ExecutionRecord& record : records) {
    Result<Stored> loaded = LoadStored(record);
    if (!loaded.ok()) {
      std::cerr << "stepwise: cannot resume " << record.arn << ": " << loaded.error().message()
                << "; it stays RUNNING\n";
      continue;
    }
    Stored& stored = loaded.value();
    std::optional<engine::ResumePoint> resume;
    if (stored.frame) {
      resume.emplace();
      resume->checkpoint = std::move(*stored.frame);
      resume->start_ms = record.start_ms;
      resume->next_event_id = stored.events + 1;
      resume->redrive_ms = record.redrive_ms;
      stored.running->committed_events = static_cast<size_t>(stored.events);
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      running_[record.arn] = stored.running;
    }
    // Without a frame the execution had not begun its first state: it starts again.
    Launch(stored.running, stored.machine_name, stored.machine_arn, stored.role_arn,
           std::move(stored.input), /*synchronous=*/false, resume ? &*resume : nullptr);
    ++resumed;
  }
  return resumed;
}

Result<int64_t> ExecutionRunner::Redrive(const store::ExecutionRecord& record) {
  auto not_redrivable = [&](const std::string& why) {
    return ApiError("ExecutionNotRedrivable",
                    "Execution '" + record.arn + "' cannot be redriven: " + why);
  };
  std::unique_lock<std::mutex> start_lock(
      start_mutexes_[std::hash<std::string>()(record.arn) % kStartStripes]);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (running_.contains(record.arn)) return not_redrivable("it is running");
  }
  Result<Stored> loaded = LoadStored(record);
  if (!loaded.ok() || !loaded.value().frame) {
    return not_redrivable("it did not stop in a state it can go on from");
  }
  Stored& stored = loaded.value();
  std::vector<store::EventRecord> last = TRY(store_.ReadEvents(record.arn, 0, 1, /*reverse=*/true));
  int64_t last_id = last.empty() ? stored.frame->last_event : last.front().id;

  store::ExecutionRecord& redriven = stored.running->record;
  redriven.status = "RUNNING";
  redriven.stop_ms = 0;
  redriven.output.reset();
  redriven.error.reset();
  redriven.cause.reset();
  redriven.redrive_count = record.redrive_count + 1;
  redriven.redrive_ms = WallMillis();
  store::WriteBatch batch;
  batch.put_executions.push_back(redriven);
  TRY(store_.Write(batch));

  engine::ResumePoint resume;
  resume.checkpoint = std::move(*stored.frame);
  resume.start_ms = record.start_ms;
  resume.next_event_id = last_id + 1;
  resume.redrive_count = redriven.redrive_count;
  resume.redrive_ms = redriven.redrive_ms;
  stored.running->committed_events = static_cast<size_t>(last_id);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) return ApiError("ServiceUnavailable", "The service is stopping");
    running_[record.arn] = stored.running;
  }
  start_lock.unlock();
  Launch(stored.running, stored.machine_name, stored.machine_arn, stored.role_arn,
         std::move(stored.input), /*synchronous=*/false, &resume);
  return redriven.redrive_ms;
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
  // Express: nothing stored; the caller (StartSyncExecution) gets the result now. Its history,
  // kept when its machine logs, goes to the logs (queued: this is an engine worker).
  if (running->log && result.history) {
    logs_->Log(running->log, result.history, 0, result.history->size());
  }
  store::ExecutionRecord record = FinalRecord(running->record, result);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    running_.erase(record.arn);
  }
  if (running->on_end) running->on_end(record);
}

std::optional<engine::ExecutionHandle> ExecutionRunner::Handle(const std::string& arn) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = running_.find(arn);
  if (it == running_.end()) return std::nullopt;
  return it->second->handle;
}

Result<int64_t> ExecutionRunner::Stop(const std::string& arn, std::optional<std::string> error,
                                      std::optional<std::string> cause) {
  std::optional<engine::ExecutionHandle> handle = Handle(arn);
  if (!handle) {
    return ApiError("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
  }
  handle->Stop(std::move(error), std::move(cause));
  return WallMillis();
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
  // What each execution contributes to this round's batch.
  struct Round {
    std::shared_ptr<Running> running;
    std::shared_ptr<const engine::History> history;
    size_t first = 0;          // the index of the first event to commit
    size_t events = 0;         // events to commit
    uint64_t sequence = 0;     // the checkpoint committed with them
    bool ended = false;
  };
  std::vector<Round> rounds;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& [arn, running] : running_) {
      if (!running->standard || !running->handle) continue;
      Round round;
      round.running = running;
      round.ended = running->result.has_value();
      rounds.push_back(std::move(round));
    }
  }
  if (rounds.empty()) return;
  store::WriteBatch batch;
  std::vector<store::ExecutionRecord> finals;
  for (Round& round : rounds) {
    Running& running = *round.running;
    std::shared_ptr<const engine::History> history = running.handle->history();
    round.history = history;
    round.first = running.committed_events;
    round.sequence = running.committed_sequence;
    // Events go to the store with the checkpoint that accounts for them (engine/checkpoint.h):
    // up to the newest snapshot's prefix, or all of them once the execution ended.
    std::optional<engine::CheckpointSnapshot> snapshot;
    if (!round.ended) {
      snapshot = running.checkpoints->Take(running.committed_sequence, *history, *running.machine);
      if (!snapshot) continue;
      round.sequence = snapshot->version;
    }
    size_t end = round.ended ? history->size()
                             : std::max(static_cast<size_t>(snapshot->events), running.committed_events);
    store::WriteBatch::Events events;
    events.execution_arn = running.record.arn;
    size_t wanted = end - running.committed_events;
    size_t visited = history->VisitWrittenFrom(
        running.committed_events,
        [&](const engine::HistoryEvent& event) {
          events.events.push_back({event.id, json::Write(engine::EventToJson(event))});
        },
        end);
    if (visited < wanted) {
      // An event before the checkpoint is still being written: next round.
      round.sequence = running.committed_sequence;
      round.ended = false;
      continue;
    }
    round.events = visited;
    if (!events.events.empty()) batch.append_events.push_back(std::move(events));
    if (round.ended) {
      const engine::RunResult& result = *running.result;
      store::ExecutionRecord record = FinalRecord(running.record, result);
      batch.put_executions.push_back(record);
      json::Value last_state = running.checkpoints->RedriveState(*running.machine);
      if (result.status == engine::ExecutionStatus::kSucceeded) {
        batch.delete_checkpoints.push_back(record.arn);
      } else if (!last_state.is_null()) {
        // Kept: RedriveExecution goes on from the state the execution stood in.
        batch.put_checkpoints.push_back(
            {record.arn, CheckpointText(running.revision_id, last_state,
                                        static_cast<int64_t>(end))});
      }
      finals.push_back(std::move(record));
    } else {
      batch.put_checkpoints.push_back(
          {running.record.arn,
           CheckpointText(running.revision_id, snapshot->frame, static_cast<int64_t>(end))});
    }
  }
  if (batch.empty()) return;
  Result<void> written = store_.Write(batch);
  if (!written.ok()) {
    // Nothing is lost: the events and checkpoints stay in memory and the next round writes
    // them again.
    std::cerr << "stepwise: writing executions failed: " << written.error().message() << "\n";
    return;
  }
  std::vector<std::shared_ptr<Running>> done;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (Round& round : rounds) {
      round.running->committed_events += round.events;
      round.running->committed_sequence = round.sequence;
      if (round.ended) {
        running_.erase(round.running->record.arn);
        done.push_back(round.running);
      }
    }
  }
  // Tasks waiting for their checkpoint to be durable go to their workers now.
  for (const Round& round : rounds) {
    if (round.ended) {
      round.running->checkpoints->ReleaseAll();
    } else {
      round.running->checkpoints->Committed(round.sequence);
    }
  }
  // Execution logs: the events just committed (queued; the writer is the logs' own thread).
  for (const Round& round : rounds) {
    if (round.running->log && round.events > 0) {
      logs_->Log(round.running->log, round.history, round.first, round.first + round.events);
    }
  }
  for (size_t i = 0; i < done.size(); ++i) {
    if (done[i]->on_end) done[i]->on_end(finals[i]);
  }
}

}  // namespace stepwise::api
