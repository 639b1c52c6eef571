#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <future>
#include <memory>
#include <string>
#include <thread>

#include "api/service.h"
#include "store/sqlite/sqlite_store.h"

namespace stepwise::api::testing {

// For the API's tests: a Service over a SqliteStore (not syncing) in a fresh temporary directory
// named after the running test, removed again when the harness goes.
class ServiceHarness {
 public:
  explicit ServiceHarness(std::shared_ptr<const engine::TaskRouter> router,
                          ServiceOptions options = {})
      : router_(std::move(router)), options_(std::move(options)) {
    const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
    directory_ = std::filesystem::temp_directory_path() /
                 ("stepwise-" + std::string(test->test_suite_name()) + "-" + test->name() + "-" +
                  std::to_string(::getpid()));
    std::filesystem::remove_all(directory_);
    Open();
  }

  // Stops the service (what it committed stays; executions still running are abandoned) and
  // starts another on the same store, which resumes them; returns how many it resumed.
  size_t Restart() {
    service_.reset();
    Open();
    Result<size_t> resumed = service_->ResumeExecutions();
    EXPECT_TRUE(resumed.ok());
    return resumed.ok() ? resumed.value() : 0;
  }
  ~ServiceHarness() {
    service_.reset();
    std::filesystem::remove_all(directory_);
  }
  ServiceHarness(const ServiceHarness&) = delete;
  ServiceHarness& operator=(const ServiceHarness&) = delete;

  Service& service() { return *service_; }

  // Runs action on request and waits for its reply.
  Result<json::Value> Call(const std::string& action, json::Value request) {
    std::promise<Result<json::Value>> promise;
    service_->Handle(action, std::move(request),
                     [&](Result<json::Value> r) { promise.set_value(std::move(r)); });
    return promise.get_future().get();
  }

  // DescribeExecution's answer once the execution has left RUNNING; null (and a test failure)
  // when describing it fails or it still runs after about ten seconds.
  json::Value WaitEnded(const std::string& execution_arn) {
    json::Value request =
        json::Value::Object({{"executionArn", json::Value::String(execution_arn)}});
    for (int i = 0; i < 2000; ++i) {
      Result<json::Value> described = Call("DescribeExecution", request);
      if (!described.ok()) {
        ADD_FAILURE() << "DescribeExecution: " << described.error().message();
        return json::Value();
      }
      const json::Value* status = described.value().Find("status");
      if (status == nullptr || status->as_string() != "RUNNING") return described.value();
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ADD_FAILURE() << "still running: " << execution_arn;
    return json::Value();
  }

 private:
  void Open() {
    store::SqliteOptions store_options;
    store_options.sync = false;
    service_ = std::make_unique<Service>(
        options_, store::SqliteStore::Open(directory_, store_options).release_value(), router_);
  }

  std::shared_ptr<const engine::TaskRouter> router_;
  ServiceOptions options_;
  std::filesystem::path directory_;
  std::unique_ptr<Service> service_;
};

}  // namespace stepwise::api::testing
