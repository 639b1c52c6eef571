#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "api/arn.h"
#include "api/context.h"
#include "common/result.h"
#include "engine/task_invoker.h"
#include "json/value.h"

// One state run by itself, as the TestState action runs it: once, on a simulated clock (a Wait
// ends at once), with its Task routed as the service routes Tasks. The state's Retry is not
// carried out: an error a retrier would retry makes the state RETRIABLE; its Catch is applied to
// an error no retrier retries (CAUGHT_ERROR, with the catcher's Next as the next state).
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_TestState.html
// https://docs.aws.amazon.com/step-functions/latest/dg/test-state-isolation.html
//
// How: the state is put alone into a small machine whose every transition target is a Succeed
// placeholder, with its Catch removed and its retriers' MaxAttempts set to 0 (so that $$ still
// has State.RetryCount), and that machine runs through engine::RunExecution with its history
// recorded. The history gives the state's output (its Exited event), the state entered after it
// (the next state), a Task's effective input and result (its Scheduled and Succeeded events),
// and the error of a failure; Retry and Catch are then applied to that error here.
namespace stepwise::api {

enum class InspectionLevel { kInfo, kDebug, kTrace };

struct IsolatedStateRun {
  std::string name;              // the state's name: its Task is routed by it
  json::Value state;             // the state's definition, a JSON object
  bool jsonata_machine = false;  // the machine it came from has "QueryLanguage": "JSONata"
  json::Value input;
  json::Value variables;  // an object (the variables the state sees), or null
  std::string role_arn;   // may be empty
  // A Task's outcome in place of invoking its resource (TestState's mock).
  std::optional<engine::TaskOutcome> mock;
  // Retries already made by the retrier that matches the error (stateConfiguration).
  int64_t retrier_retry_count = 0;
  InspectionLevel level = InspectionLevel::kInfo;
};

// TestState's response, as values; absent members are nullopt.
struct IsolatedStateOutcome {
  std::string status;  // SUCCEEDED, FAILED, RETRIABLE or CAUGHT_ERROR
  std::optional<json::Value> output;
  std::optional<std::string> error;
  std::optional<std::string> cause;
  std::optional<std::string> next_state;
  // InspectionData at DEBUG and TRACE (payloads as JSON text, as AWS sends them); null at INFO.
  json::Value inspection_data;
};

// Runs the state. Errors: InvalidDefinition when the state does not validate; ValidationException
// for what TestState does not run (Map and Parallel states; an Activity, .sync or
// .waitForTaskToken Task without a mock; a Task without a mock or a role; a mock for a state that
// is not a Task). Blocks until the state has run (a routed task may take real time).
Result<IsolatedStateOutcome> RunIsolatedState(const IsolatedStateRun& run,
                                              const engine::TaskRouter& router,
                                              const ServiceOptions& options, const ArnFormat& arns);

}  // namespace stepwise::api
