#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <future>
#include <memory>
#include <string>

#include "api/service.h"
#include "store/sqlite/sqlite_store.h"

namespace stepwise::api::testing {

// For the API's tests: a Service over a SqliteStore (not syncing) in a fresh temporary directory
// named after the running test, removed again when the harness goes.
class ServiceHarness {
 public:
  explicit ServiceHarness(std::shared_ptr<const engine::TaskRouter> router,
                          ServiceOptions options = {}) {
    const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
    directory_ = std::filesystem::temp_directory_path() /
                 ("stepwise-" + std::string(test->test_suite_name()) + "-" + test->name() + "-" +
                  std::to_string(::getpid()));
    std::filesystem::remove_all(directory_);
    store::SqliteOptions store_options;
    store_options.sync = false;
    service_ = std::make_unique<Service>(
        std::move(options), store::SqliteStore::Open(directory_, store_options).release_value(),
        std::move(router));
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

 private:
  std::filesystem::path directory_;
  std::unique_ptr<Service> service_;
};

}  // namespace stepwise::api::testing
