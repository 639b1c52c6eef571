#include "api/machine_config.h"

#include "api/errors.h"
#include "api/request.h"
#include "asl/diagnostic.h"
#include "asl/load.h"
#include "json/write.h"

namespace stepwise::api {

Result<void> CheckDefinition(const std::string& definition, const std::string& type) {
  asl::LoadOptions options;
  options.type = type == "EXPRESS" ? asl::MachineType::kExpress : asl::MachineType::kStandard;
  asl::LoadResult loaded = asl::LoadDefinition(definition, options);
  if (!loaded.ok()) {
    return ApiError("InvalidDefinition", asl::InvalidDefinitionMessage(loaded.diagnostics));
  }
  return Ok();
}

Result<void> CheckRoleArn(const std::string& role_arn) {
  // arn:PARTITION:iam::ACCOUNT:role/NAME
  auto invalid = [&] { return ApiError("InvalidArn", "Invalid Arn: 'Invalid ARN prefix: " + role_arn + "'"); };
  if (!role_arn.starts_with("arn:")) return invalid();
  size_t iam = role_arn.find(":iam::");
  if (iam == std::string::npos || iam <= 4) return invalid();
  size_t role = role_arn.find(":role/", iam + 6);
  if (role == std::string::npos || role + 6 >= role_arn.size()) {
    return ApiError("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: " +
                                      role_arn + "'");
  }
  return Ok();
}

Result<std::string> ReadLoggingConfiguration(const json::Value& request) {
  json::Value logging = TRY(RequestReader(request).OptionalObject("loggingConfiguration"));
  if (logging.is_null()) return std::string();
  RequestReader reader(logging);
  std::string level =
      TRY(reader.OptionalEnum("level", {"ALL", "ERROR", "FATAL", "OFF"})).value_or("OFF");
  bool include = TRY(reader.OptionalBool("includeExecutionData")).value_or(false);
  json::Value destinations = TRY(reader.OptionalArray("destinations"));
  size_t count = destinations.is_array() ? destinations.size() : 0;
  if (count > 1) {
    return ApiError("InvalidLoggingConfiguration",
                    "Invalid Logging Configuration: Must specify exactly one Log Destination.");
  }
  if (level != "OFF" && count == 0) {
    return ApiError("InvalidLoggingConfiguration",
                    "Invalid Logging Configuration: Must specify exactly one Log Destination.");
  }
  std::vector<json::Member> members;
  members.emplace_back("level", json::Value::String(level));
  members.emplace_back("includeExecutionData", json::Value::Bool(include));
  if (count == 1) {
    const json::Value& destination = destinations.items()[0];
    const json::Value* group =
        destination.is_object() ? destination.Find("cloudWatchLogsLogGroup") : nullptr;
    const json::Value* arn = group != nullptr && group->is_object() ? group->Find("logGroupArn")
                                                                    : nullptr;
    if (arn == nullptr || !arn->is_string() || !arn->as_string().starts_with("arn:")) {
      return ApiError("InvalidLoggingConfiguration",
                      "Invalid Logging Configuration: Log Destination must be a CloudWatch Logs "
                      "log group ARN.");
    }
    members.emplace_back("destinations", destinations);
  }
  return json::Write(json::Value::Object(std::move(members)));
}

Result<std::string> ReadTracingConfiguration(const json::Value& request) {
  json::Value tracing = TRY(RequestReader(request).OptionalObject("tracingConfiguration"));
  if (tracing.is_null()) return std::string();
  bool enabled = TRY(RequestReader(tracing).OptionalBool("enabled")).value_or(false);
  return json::Write(json::Value::Object({{"enabled", json::Value::Bool(enabled)}}));
}

}  // namespace stepwise::api
