#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "asl/model.h"
#include "engine/history.h"
#include "engine/task_invoker.h"
#include "json/value.h"

namespace stepwise::engine {

// The identity AWS gives an execution, which the context object ($$) and history expose.
struct ExecutionIdentity {
  std::string state_machine_name = "stepwise";
  std::string state_machine_arn =
      "arn:aws:states:us-east-1:123456789012:stateMachine:stepwise";
  std::string execution_name;  // empty: a generated UUID
  std::string execution_arn;   // empty: derived from the machine's ARN and the name
  std::string role_arn = "arn:aws:iam::123456789012:role/stepwise";
};

enum class ClockKind { kReal, kSimulated };

class CheckpointSink;
struct ResumePoint;

struct RunOptions {
  ExecutionIdentity identity;
  // Express executions have ARNs of the express form.
  bool express = false;
  // Started synchronously (StartSyncExecution): the context object has no RedriveCount.
  bool synchronous = false;
  // A bound on the execution's duration besides the machine's TimeoutSeconds (Express
  // workflows: 5 minutes); it times out as TimeoutSeconds does. 0: none.
  int64_t max_duration_seconds = 0;
  // $$.Execution.RedriveCount, and RedriveTime (milliseconds; 0: never redriven).
  int64_t redrive_count = 0;
  int64_t redrive_ms = 0;
  // Record the execution history (GetExecutionHistory's events). Off, only event ids are counted.
  bool record_history = false;
  // AWS's payload quota: a state's input, result or output over this is States.DataLimitExceeded.
  size_t max_payload_bytes = 256 * 1024;
  // kSimulated: Waits, retry backoff and timeouts take no time while nothing else can run.
  ClockKind clock = ClockKind::kReal;
  // Worker threads; 0 means one per core.
  int workers = 0;
  // Bound on Map iterations in flight at once when a Map sets no MaxConcurrency (memory stays
  // flat on a 100,000-item Map).
  int default_map_concurrency = 1024;
  // Seed for the randomness of intrinsics and retry jitter; 0 means nondeterministic.
  uint64_t seed = 0;
  // A safety bound for tools (the fuzzer): entering more states than this fails the execution
  // with States.Runtime. 0 means no bound, as on AWS.
  int64_t max_transitions = 0;
  // Durable executions: receives the frames' checkpoints (checkpoint_sink.h). Null: none
  // are taken, at no cost.
  std::shared_ptr<CheckpointSink> checkpoints;
  // Callback tasks wait here for SendTaskSuccess and the like (task_invoker.h). Null: a callback
  // task completes with its invoker's outcome.
  std::shared_ptr<CallbackRegistry> callbacks;
};

enum class ExecutionStatus { kRunning, kSucceeded, kFailed, kTimedOut, kAborted };
std::string_view ExecutionStatusName(ExecutionStatus status);  // "SUCCEEDED", ...

struct RunResult {
  ExecutionStatus status = ExecutionStatus::kRunning;
  json::Value output;     // kSucceeded
  std::string error;      // kFailed, kTimedOut, kAborted (may be empty)
  std::string cause;
  bool has_error = false;  // whether `error` was set (AWS omits absent fields)
  bool has_cause = false;
  // When RunOptions::record_history: the events, complete once RunExecution returned.
  std::shared_ptr<const History> history;
  std::string execution_arn;
  int64_t start_ms = 0;
  int64_t stop_ms = 0;
  int64_t transitions = 0;  // states entered, in every branch and iteration
  // Wall time from the execution's start to its end (not counting collecting the history),
  // measured with a steady clock.
  double run_seconds = 0;
};

// Runs one execution of machine on input to completion, on a scheduler of its own, and returns
// how it ended. Tasks go to router's invokers. Never throws; a definition that fails at run time
// is a failed execution with AWS's error and cause.
RunResult RunExecution(std::shared_ptr<const asl::StateMachine> machine, json::Value input,
                       const TaskRouter& router, const RunOptions& options = {});

class Execution;
class Scheduler;

// UpdateMapRun's values for a Distributed Map run in progress (each when given).
struct MapRunLimits {
  std::optional<int64_t> max_concurrency;  // 0: no bound but the execution's default
  std::optional<double> tolerated_failure_percentage;
  std::optional<int64_t> tolerated_failure_count;
};

// How far a Distributed Map run in progress got, in child executions (items or batches).
struct MapRunProgress {
  size_t total = 0;
  size_t started = 0;    // started so far, finished ones included
  size_t in_flight = 0;  // started and not finished
  size_t failed = 0;
  size_t max_concurrency = 0;  // the bound in force
};

// An execution started with StartExecutionOn, running on a scheduler it shares with others.
// Intentionally copyable (copies refer to the same execution).
class ExecutionHandle {
 public:
  explicit ExecutionHandle(std::shared_ptr<Execution> execution)
      : execution_(std::move(execution)) {}

  const std::string& arn() const;
  int64_t start_ms() const;
  bool ended() const;
  // StopExecution: ends the execution as ABORTED, recording ExecutionAborted with the error and
  // cause given; frames still running stop at their next state. No effect once it has ended.
  void Stop(std::optional<std::string> error, std::optional<std::string> cause);
  // The events recorded so far, in id order (null without RunOptions::record_history).
  std::shared_ptr<const History> history() const;
  // The Distributed Map run of that ARN (its MapRunStarted's mapRunArn) while it is in
  // progress: UpdateMapRun applies limits to it (false: no such run in progress), MapRun tells
  // how far it got (nullopt: likewise).
  bool UpdateMapRun(std::string_view run_arn, const MapRunLimits& limits) const;
  std::optional<MapRunProgress> MapRun(std::string_view run_arn) const;

 private:
  std::shared_ptr<Execution> execution_;
};

// Starts an execution on scheduler and returns at once; the execution runs on the scheduler's
// workers, and on_end is called once, on the worker that ends it, with how it ended. Everything
// passed must outlive the execution's end, router included; the scheduler must not be shut down
// while executions run.
ExecutionHandle StartExecutionOn(std::shared_ptr<Scheduler> scheduler,
                                 std::shared_ptr<const asl::StateMachine> machine,
                                 json::Value input, const TaskRouter& router,
                                 const RunOptions& options,
                                 std::function<void(const RunResult&)> on_end);

// Resumes, on scheduler, an execution that an earlier process checkpointed (checkpoint.h): the
// same machine, the execution's original input and identity (options), and where it stood.
// Records no ExecutionStarted; its events continue from resume.next_event_id.
ExecutionHandle ResumeExecutionOn(std::shared_ptr<Scheduler> scheduler,
                                  std::shared_ptr<const asl::StateMachine> machine,
                                  json::Value input, const TaskRouter& router,
                                  const RunOptions& options, const ResumePoint& resume,
                                  std::function<void(const RunResult&)> on_end);

}  // namespace stepwise::engine
