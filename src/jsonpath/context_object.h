#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "json/value.h"

namespace stepwise::jsonpath {

// The fields of the context object (`$$`) that AWS documents:
// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html
// The engine fills one per state entry; paths read it through ContextObject::ToValue().
struct ContextObject {
  struct Execution {
    std::string id;     // the execution ARN
    json::Value input;  // the execution's input
    std::string name;
    std::string role_arn;
    std::string start_time;  // ISO 8601 with milliseconds, e.g. 2019-03-26T20:14:13.192Z
    // Standard executions carry RedriveCount; Express executions have none (AWS omits it).
    std::optional<int64_t> redrive_count = 0;
    std::optional<std::string> redrive_time;
  };
  struct State {
    std::string name;
    std::string entered_time;
    // AWS includes RetryCount for states that can retry (those with a Retry field).
    std::optional<int64_t> retry_count;
  };
  struct StateMachine {
    std::string id;  // the state machine ARN
    std::string name;
  };
  struct MapItem {
    int64_t index = 0;
    json::Value value;
  };

  Execution execution;
  State state;
  StateMachine state_machine;
  std::optional<std::string> task_token;  // only while a .waitForTaskToken task runs
  std::optional<MapItem> map_item;        // only inside a Map iteration's ItemSelector

  // The `$$` object: {"Execution": {"Id", "Input", "Name", "RoleArn", "StartTime",
  // "RedriveCount", ["RedriveTime"]}, "State": {"EnteredTime", "Name", "RetryCount"},
  // "StateMachine": {"Id", "Name"}, ["Task": {"Token"}], ["Map": {"Item": {"Index", "Value"}}]}.
  json::Value ToValue() const;
};

}  // namespace stepwise::jsonpath
