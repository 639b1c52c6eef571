#include "api/service.h"

#include <boost/asio/post.hpp>

#include "api/errors.h"
#include "api/protocol.h"
#include "asl/resource.h"
#include "common/uuid.h"

namespace stepwise::api {
namespace {

// Threads that run actions. Most of their time is spent waiting for the store's commit, so
// there are more of them than cores: while one batch is being synced, the next one gathers.
constexpr int kActionThreads = 32;

// What the service runs a Task state with when no `--task` route names it: an activity's queue
// for an activity resource; otherwise the failure `stepwise run` reports for an unrouted task.
class ServiceInvoker final : public engine::TaskInvoker {
 public:
  ServiceInvoker(std::shared_ptr<ActivityQueues> activities, store::Store& store)
      : activities_(std::move(activities)), store_(store) {}

  // An activity must exist when its task is scheduled (it may have been deleted since the
  // machine was created).
  Result<void> Admit(const engine::TaskRequest& request) override {
    if (!asl::IsActivityArn(request.resource)) return Ok();
    Result<std::optional<store::ActivityRecord>> activity = store_.GetActivity(request.resource);
    if (!activity.ok()) return activity.error();
    if (!activity.value()) {
      return Error("States.Runtime", "The activity " + request.resource + " does not exist.");
    }
    return Ok();
  }

  void Invoke(const engine::TaskRequest& request, engine::TaskCompletion complete) override {
    if (asl::IsActivityArn(request.resource)) {
      activities_->Invoke(request, std::move(complete));
      return;
    }
    complete(engine::TaskOutcome::Failure(
        "States.TaskFailed", "No task handler for the resource '" + request.resource +
                                 "' of state '" + request.state_name +
                                 "'; route it with --task '" + request.state_name + "=COMMAND'"));
  }

 private:
  std::shared_ptr<ActivityQueues> activities_;
  store::Store& store_;
};

std::shared_ptr<const engine::TaskRouter> WithServiceRoutes(
    const engine::TaskRouter& routes, std::shared_ptr<ActivityQueues> activities,
    store::Store& store) {
  auto router = std::make_shared<engine::TaskRouter>(routes);
  router->SetFallback(std::make_shared<ServiceInvoker>(std::move(activities), store));
  return router;
}

}  // namespace

Service::Service(ServiceOptions options, std::unique_ptr<store::Store> store,
                 std::shared_ptr<const engine::TaskRouter> router)
    : options_(std::move(options)),
      store_(std::move(store)),
      callbacks_(std::make_shared<TaskCallbacks>()),
      activities_(std::make_shared<ActivityQueues>(callbacks_)),
      router_(WithServiceRoutes(*router, activities_, *store_)),
      runner_(options_, *store_, router_, callbacks_),
      context_{options_,    ArnFormat(options_.region, options_.account_id),
               *store_,     runner_,
               *callbacks_, *activities_, *router_},
      pool_(kActionThreads) {
  for (const ActionEntry& entry : AllActions()) actions_.emplace(std::string(entry.name), entry);
}

Service::~Service() { Shutdown(); }

void Service::Shutdown() {
  runner_.Shutdown();
  pool_.join();
}

void Service::Handle(const std::string& action, json::Value request, Reply reply) {
  auto it = actions_.find(action);
  if (it == actions_.end()) {
    reply(ApiError("UnknownOperationException", "Unknown operation " + action));
    return;
  }
  const ActionEntry& entry = it->second;
  boost::asio::post(pool_, [this, &entry, request = std::move(request),
                            reply = std::move(reply)]() mutable {
    if (entry.async != nullptr) {
      entry.async(context_, request, std::move(reply));
    } else {
      reply(entry.sync(context_, request));
    }
  });
}

http::Handler Service::HttpHandler() {
  return [this](http::Request request, http::Respond respond) {
    std::string request_id = NewUuid();
    Result<ApiCall> call = DecodeCall(request);
    if (!call.ok()) {
      respond(EncodeError(call.error(), request_id));
      return;
    }
    Handle(call.value().action, std::move(call.value().request),
           [respond = std::move(respond), request_id](Result<json::Value> result) {
             respond(result.ok() ? EncodeSuccess(result.value(), request_id)
                                 : EncodeError(result.error(), request_id));
           });
  };
}

}  // namespace stepwise::api
