#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/context.h"
#include "common/result.h"
#include "json/value.h"
#include "store/store.h"

// What several actions share: finding a resource by ARN with AWS's errors, showing records as
// the API shows them, and paging tokens.
namespace stepwise::api {

// A timestamp as AWS JSON 1.0 carries it: seconds since the epoch, with milliseconds.
json::Value Timestamp(int64_t ms);

// The state machine (or version) an ARN names: InvalidArn for a malformed ARN,
// StateMachineDoesNotExist when there is none.
Result<store::StateMachineRecord> FindStateMachine(Context& context, std::string_view arn);
// The execution an ARN names: InvalidArn, or ExecutionDoesNotExist.
Result<store::ExecutionRecord> FindExecution(Context& context, std::string_view arn);
// The activity an ARN names: InvalidArn, or ActivityDoesNotExist.
Result<store::ActivityRecord> FindActivity(Context& context, std::string_view arn);

// DescribeStateMachine's response for a machine or version.
json::Value DescribeMachine(const store::StateMachineRecord& machine);
// DescribeExecution's response, at now_ms (for redriveStatus).
json::Value DescribeExecutionRecord(const store::ExecutionRecord& execution, int64_t now_ms);

// Why an execution cannot be redriven now (empty when it can): it is RUNNING or SUCCEEDED, or
// it ended more than 14 days ago.
std::string RedriveBlocker(const store::ExecutionRecord& execution, int64_t now_ms);

// loggingConfiguration as DescribeStateMachine shows it (AWS's default when none was given).
json::Value LoggingConfigurationOf(const store::StateMachineRecord& machine);

// Tags from a request's `tags` member ([{key, value}]): ValidationException or TooManyTags.
Result<std::vector<store::Tag>> ReadTags(const json::Value& tags, std::string_view resource);

// Paging: a token that names a position in a listing (opaque to clients, checked when it comes
// back: InvalidToken for one this service did not issue).
std::string MakeNextToken(std::string_view position);
Result<std::string> ReadNextToken(std::string_view token);
// A token whose position is one integer (an event id, a version number).
Result<int64_t> ReadNumberToken(std::string_view token);

// maxResults as AWS reads it: 0 or absent means the default (100), at most 1000.
Result<int> ReadMaxResults(const json::Value& request);

}  // namespace stepwise::api
