#pragma once

#include <memory>
#include <string>
#include <unordered_map>

#include <boost/asio/thread_pool.hpp>

#include "api/actions/actions.h"
#include "api/activity_queues.h"
#include "api/context.h"
#include "api/execution_runner.h"
#include "api/http/http_server.h"
#include "api/task_callbacks.h"
#include "engine/task_invoker.h"
#include "store/store.h"

namespace stepwise::api {

// The Step Functions API over a store: dispatches decoded calls to their actions, and serves
// them over HTTP (AWS JSON 1.0, protocol.h).
//
// Task states are routed as `router` says (`--task` routes), activity resources to the
// service's activity queues, and callback tasks wait for their tokens in the service.
//
// Actions run on a pool of their own, not on the engine's workers or the HTTP thread: they wait
// for the store's commits, and many waiting at once is what lets the store commit them together.
//
// Thread-safe.
class Service {
 public:
  Service(ServiceOptions options, std::unique_ptr<store::Store> store,
          std::shared_ptr<const engine::TaskRouter> router);
  // Stops the executions' committer after writing what is pending, and the action pool.
  ~Service();
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  // Runs action on request; reply is called exactly once, on any thread, possibly later.
  // UnknownOperationException for an action the service does not implement.
  void Handle(const std::string& action, json::Value request, Reply reply);

  // Resumes the executions the store has as running (after a restart or a crash); returns how
  // many. Call once, before serving.
  Result<size_t> ResumeExecutions() { return runner_.ResumeAll(); }

  // The HTTP handler: decodes the call, runs it, encodes the answer.
  http::Handler HttpHandler();

  // Writes what is pending and stops running executions; Handle must not be called afterwards.
  void Shutdown();

  Context& context() { return context_; }

 private:
  ServiceOptions options_;
  std::unique_ptr<store::Store> store_;
  std::shared_ptr<TaskCallbacks> callbacks_;
  std::shared_ptr<ActivityQueues> activities_;
  std::shared_ptr<const engine::TaskRouter> router_;
  ExecutionRunner runner_;
  Context context_;
  std::unordered_map<std::string, ActionEntry> actions_;
  boost::asio::thread_pool pool_;
};

}  // namespace stepwise::api
