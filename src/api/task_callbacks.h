#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "common/result.h"
#include "engine/task_invoker.h"

namespace stepwise::api {

// The tasks that wait for their token to come back: `.waitForTaskToken` tasks and activity
// tasks of the executions this service runs. SendTaskSuccess, SendTaskFailure and
// SendTaskHeartbeat find them here by token.
//
// Tokens survive a restart with their execution's checkpoint: the resumed task registers the same
// token again.
//
// Thread-safe.
class TaskCallbacks final : public engine::CallbackRegistry {
 public:
  void Register(const std::string& token, engine::CallbackWaiter waiter) override;
  void Unregister(const std::string& token) override;

  // Whether a task waits for token.
  bool Waiting(const std::string& token) const;

  // Completes the task waiting for token (once: the token is then spent). TaskDoesNotExist when
  // no task waits for it (it ended, timed out, or never was).
  Result<void> Complete(const std::string& token, engine::TaskOutcome outcome);
  // Restarts the HeartbeatSeconds of the task waiting for token; TaskDoesNotExist as above.
  Result<void> Heartbeat(const std::string& token);
  // Tells the activity task waiting for token that worker_name took it (GetActivityTask); no
  // effect when no task waits for it.
  void Started(const std::string& token, const std::string& worker_name);

 private:
  mutable std::mutex mutex_;
  std::map<std::string, engine::CallbackWaiter, std::less<>> waiting_;
};

}  // namespace stepwise::api
