#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "api/context.h"
#include "asl/model.h"
#include "common/result.h"
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
// Standard executions are stored when they start; a committer thread then writes each one's new
// history events in batches (every few milliseconds, one transaction for all executions), and
// its final status once its last event is written, so that what the API shows of an execution
// (its status, its history) is always what the store has committed. Express executions are not
// stored (AWS keeps no history for them); StartSyncExecution's callers get the result directly.
//
// Thread-safe.
class ExecutionRunner {
 public:
  ExecutionRunner(const ServiceOptions& options, store::Store& store,
                  std::shared_ptr<const engine::TaskRouter> router);
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

  // Writes everything pending and stops the committer (executions still running are abandoned).
  void Shutdown();

 private:
  struct Running;
  Result<std::shared_ptr<const asl::StateMachine>> Compile(const store::StateMachineRecord& machine);
  void Ended(const std::shared_ptr<Running>& running, const engine::RunResult& result);
  void CommitLoop();
  // Writes new events of every running execution, and the records of those that ended.
  void CommitPending();

  const ServiceOptions& options_;
  store::Store& store_;
  std::shared_ptr<const engine::TaskRouter> router_;
  ArnFormat arns_;
  std::shared_ptr<engine::Scheduler> scheduler_;

  std::mutex compiled_mutex_;
  std::map<std::string, std::shared_ptr<const asl::StateMachine>> compiled_;  // by ARN + revision

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
