#pragma once

#include <optional>
#include <string>

#include "api/context.h"
#include "common/result.h"
#include "json/value.h"

// The configuration members CreateStateMachine and UpdateStateMachine share, checked as AWS
// checks them.
namespace stepwise::api {

// A definition for a machine of `type` ("STANDARD" or "EXPRESS"): InvalidDefinition with AWS's
// message for the first error when it does not validate.
Result<void> CheckDefinition(const std::string& definition, const std::string& type);

// roleArn: an IAM role's ARN ("arn:aws:iam::123456789012:role/Name"); InvalidArn otherwise.
Result<void> CheckRoleArn(const std::string& role_arn);

// loggingConfiguration as JSON text (empty when absent): level ALL, ERROR, FATAL or OFF,
// includeExecutionData, and at most one destination, which levels other than OFF require.
// InvalidLoggingConfiguration otherwise.
Result<std::string> ReadLoggingConfiguration(const json::Value& request);

// tracingConfiguration as JSON text (empty when absent): {"enabled": bool}.
Result<std::string> ReadTracingConfiguration(const json::Value& request);

}  // namespace stepwise::api
