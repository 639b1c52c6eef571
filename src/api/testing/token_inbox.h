#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "tasks/function_invoker.h"

namespace stepwise::api::testing {

// For the API's tests: the worker side of `.waitForTaskToken` tasks. A state routed to Invoker()
// hands its task token to the test (as a message to a worker would) and is submitted at once; the
// test takes the tokens in order with Next().
//
// Must outlive the service its invoker is routed in. Thread-safe.
class TokenInbox {
 public:
  std::shared_ptr<engine::TaskInvoker> Invoker() {
    return std::make_shared<tasks::FunctionInvoker>([this](const engine::TaskRequest& request) {
      std::lock_guard<std::mutex> lock(mutex_);
      tokens_.push_back(request.task_token.value_or(""));
      return engine::TaskOutcome::Success(json::Value());
    });
  }

  // The next token handed over, waiting up to 4 s for it ("" and a test failure when none came).
  std::string Next() {
    for (int i = 0; i < 2000; ++i) {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!tokens_.empty()) {
          std::string token = tokens_.front();
          tokens_.erase(tokens_.begin());
          return token;
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    ADD_FAILURE() << "no task token came";
    return "";
  }

  // Whether no token waits to be taken.
  bool Empty() {
    std::lock_guard<std::mutex> lock(mutex_);
    return tokens_.empty();
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> tokens_;
};

}  // namespace stepwise::api::testing
