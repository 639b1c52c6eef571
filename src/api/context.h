#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "api/arn.h"
#include "store/store.h"

namespace stepwise::engine {
class TaskRouter;
}

namespace stepwise::api {

class ActivityQueues;
class ExecutionRunner;
class TaskCallbacks;

// How the service was started: where its resources live and AWS's limits.
struct ServiceOptions {
  std::string region = "us-east-1";
  std::string account_id = "123456789012";
  // AWS's payload quota for execution input and output and for task results.
  size_t max_payload_bytes = 256 * 1024;
  // Worker threads of the engine (0: one per core).
  int workers = 0;
  // How long GetActivityTask waits for a task (AWS: 60 seconds).
  int64_t activity_poll_ms = 60000;
  // Where executions of machines with a loggingConfiguration write their log lines
  // (execution_logs.h OpenLogDestination: "stdout", a directory for a file per log group, or a
  // file). Empty: nothing is logged.
  std::string log_destination;
};

// What every action works with: the options, ARNs in the service's region and account, the
// store, the executions running in this process, and their tasks waiting for a token.
struct Context {
  const ServiceOptions& options;
  ArnFormat arns;
  store::Store& store;
  ExecutionRunner& runner;
  TaskCallbacks& callbacks;
  ActivityQueues& activities;
  // How Task states are run: the `--task` routes, then activities (TestState runs a state with it).
  const engine::TaskRouter& router;

  int64_t NowMillis() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

}  // namespace stepwise::api
