#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "api/arn.h"
#include "store/store.h"

namespace stepwise::api {

class ExecutionRunner;

// How the service was started: where its resources live and AWS's limits.
struct ServiceOptions {
  std::string region = "us-east-1";
  std::string account_id = "123456789012";
  // AWS's payload quota for execution input and output and for task results.
  size_t max_payload_bytes = 256 * 1024;
  // Worker threads of the engine (0: one per core).
  int workers = 0;
};

// What every action works with: the options, ARNs in the service's region and account, the
// store, and the executions running in this process.
struct Context {
  const ServiceOptions& options;
  ArnFormat arns;
  store::Store& store;
  ExecutionRunner& runner;

  int64_t NowMillis() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

}  // namespace stepwise::api
