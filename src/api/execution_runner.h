#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "api/context.h"
#include "api/execution_logs.h"
#include "asl/model.h"
#include "common/result.h"
#include "engine/checkpoint.h"
#include "engine/checkpoint_sink.h"
#include "engine/run.h"
#include "engine/task_invoker.h"
#include "json/value.h"
#include "store/store.h"

namespace stepwise::engine {
class Scheduler;
}

namespace stepwise::api {

// What StartExecution asks for.
struct ExecutionStart {
  std::string name;         // empty: a generated UUID
  std::string input = "{}";  // JSON text
  std::string trace_header;
  std::string version_arn;  // started through a version or an alias
  std::string alias_arn;
  bool synchronous = false;  // StartSyncExecution
};

// Runs the service's executions on one engine scheduler and keeps the store up to date with them.
//
// Standard executions are durable. Each is stored when it starts, with the definition it runs;
// the engine then saves checkpoints as the execution's frames move (engine/checkpoint.h), and a
// committer thread writes, every few milliseconds and in one transaction for all executions, a
// consistent snapshot of each one's checkpoints with the history events it accounts for
// (engine/checkpoint_sink.h), and an execution's final status once its last event is written. What the API
// shows of an execution (its status, its history) is what the store has committed, and after a
// crash ResumeAll picks every execution up from its last committed checkpoint. Express
// executions are not stored (AWS keeps no history for them); StartSyncExecution's callers get
// the result directly.
//
// Thread-safe.
class ExecutionRunner {
 public:
  // callbacks: where callback and activity tasks wait for their tokens.
  ExecutionRunner(const ServiceOptions& options, store::Store& store,
                  std::shared_ptr<const engine::TaskRouter> router,
                  std::shared_ptr<engine::CallbackRegistry> callbacks);
  ~ExecutionRunner();
  ExecutionRunner(const ExecutionRunner&) = delete;
  ExecutionRunner& operator=(const ExecutionRunner&) = delete;

  // Starts an execution of machine (a machine or a version record) and returns its record once
  // stored. on_end, when given, is called with the final record when it ends (for Standard
  // executions after the record is committed). Errors: InvalidExecutionInput (input not JSON, or
  // over the payload quota), ExecutionAlreadyExists (the name is taken by an execution that has
  // ended or has another input), store errors. A running execution with the same name and input
  // is returned as it is, as AWS does.
  Result<store::ExecutionRecord> Start(const store::StateMachineRecord& machine,
                                       const ExecutionStart& start,
                                       std::function<void(const store::ExecutionRecord&)> on_end);

  // StopExecution: aborts a running execution; returns its stop time. ExecutionDoesNotExist for
  // an execution this service is not running.
  Result<int64_t> Stop(const std::string& arn, std::optional<std::string> error,
                       std::optional<std::string> cause);

  // RedriveExecution: runs a FAILED, TIMED_OUT or ABORTED Standard execution again from the state
  // it stood in when it ended (its last checkpoint), recording ExecutionRedriven; returns the
  // redrive time. ExecutionNotRedrivable when there is no checkpoint to go on from.
  Result<int64_t> Redrive(const store::ExecutionRecord& execution);

  // Resumes every execution the store has as RUNNING (after a restart or a crash), each from its
  // last committed checkpoint; returns how many. Call once, before serving.
  Result<size_t> ResumeAll();

  // Writes everything pending and stops the committer (executions still running are abandoned).
  void Shutdown();

  // The engine's handle of an execution this service is running (nullopt: none by that ARN),
  // for what only the running execution knows: events not committed yet, its map runs.
  std::optional<engine::ExecutionHandle> Handle(const std::string& arn);

 private:
  struct Running;
  Result<std::shared_ptr<const asl::StateMachine>> Compile(const std::string& key,
                                                          const std::string& definition,
                                                          const std::string& type);
  // Starts (or, with resume, resumes) the engine's execution of running.
  void Launch(const std::shared_ptr<Running>& running, const std::string& machine_name,
              const std::string& machine_arn, const std::string& role_arn, json::Value input,
              bool synchronous, const engine::ResumePoint* resume);
  // What resuming or redriving record needs: its definition (by the checkpoint's revision) and
  // the checkpoint's frame (nullopt before its first state). Errors name what is missing.
  struct Stored {
    std::shared_ptr<Running> running;
    std::optional<engine::FrameCheckpoint> frame;
    int64_t events = 0;  // the history events the checkpoint accounts for
    std::string machine_name;
    std::string machine_arn;
    std::string role_arn;
    json::Value input;
  };
  Result<Stored> LoadStored(const store::ExecutionRecord& record);
  void Ended(const std::shared_ptr<Running>& running, const engine::RunResult& result);
  void CommitLoop();
  // Writes new events of every running execution, and the records of those that ended.
  void CommitPending();

  const ServiceOptions& options_;
  store::Store& store_;
  std::shared_ptr<const engine::TaskRouter> router_;
  std::shared_ptr<engine::CallbackRegistry> callbacks_;
  ArnFormat arns_;
  // Execution logs (execution_logs.h): the events of executions whose machine logs, queued after
  // they are committed (Standard) or when the execution ends (Express). Null: no destination.
  std::unique_ptr<ExecutionLogs> logs_;
  std::shared_ptr<engine::Scheduler> scheduler_;

  std::mutex compiled_mutex_;
  std::map<std::string, std::shared_ptr<const asl::StateMachine>> compiled_;  // by revision
  std::set<std::string> stored_definitions_;  // revisions whose definition the store has

  // Starting one name at a time (by stripe), so that two requests cannot both create it.
  static constexpr size_t kStartStripes = 64;
  std::mutex start_mutexes_[kStartStripes];

  std::mutex mutex_;
  std::condition_variable wake_;
  std::map<std::string, std::shared_ptr<Running>> running_;  // by execution ARN
  bool stopping_ = false;
  std::thread committer_;
};

}  // namespace stepwise::api
