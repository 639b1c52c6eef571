#include "api/resources.h"

#include <charconv>

#include "api/arn.h"
#include "api/errors.h"
#include "api/request.h"
#include "json/parse.h"

namespace stepwise::api {

json::Value Timestamp(int64_t ms) { return json::Value::Double(static_cast<double>(ms) / 1000.0); }

Result<store::StateMachineRecord> FindStateMachine(Context& context, std::string_view arn) {
  Arn parsed = TRY(ParseArnOf(arn, ArnKindBit(ArnKind::kStateMachine) |
                                       ArnKindBit(ArnKind::kStateMachineVersion)));
  (void)parsed;
  std::optional<store::StateMachineRecord> machine = TRY(context.store.GetStateMachine(arn));
  if (!machine) {
    return ApiError("StateMachineDoesNotExist",
                    "State Machine Does Not Exist: '" + std::string(arn) + "'");
  }
  return std::move(*machine);
}

Result<store::ExecutionRecord> FindExecution(Context& context, std::string_view arn) {
  TRY(ParseArnOf(arn, ArnKindBit(ArnKind::kExecution) | ArnKindBit(ArnKind::kExpressExecution)));
  std::optional<store::ExecutionRecord> execution = TRY(context.store.GetExecution(arn));
  if (!execution) {
    return ApiError("ExecutionDoesNotExist", "Execution Does Not Exist: '" + std::string(arn) + "'");
  }
  return std::move(*execution);
}

Result<store::ActivityRecord> FindActivity(Context& context, std::string_view arn) {
  TRY(ParseArnOf(arn, ArnKindBit(ArnKind::kActivity)));
  std::optional<store::ActivityRecord> activity = TRY(context.store.GetActivity(arn));
  if (!activity) {
    return ApiError("ActivityDoesNotExist", "Activity Does Not Exist: '" + std::string(arn) + "'");
  }
  return std::move(*activity);
}

json::Value LoggingConfigurationOf(const store::StateMachineRecord& machine) {
  if (!machine.logging_configuration.empty()) {
    Result<json::Value> parsed = json::Parse(machine.logging_configuration);
    if (parsed.ok()) return parsed.release_value();
  }
  return json::Value::Object({{"level", json::Value::String("OFF")},
                              {"includeExecutionData", json::Value::Bool(false)}});
}

json::Value DescribeMachine(const store::StateMachineRecord& machine) {
  std::vector<json::Member> members;
  members.emplace_back("stateMachineArn", json::Value::String(machine.arn));
  members.emplace_back("name", json::Value::String(machine.name));
  members.emplace_back("status", json::Value::String(machine.status));
  members.emplace_back("definition", json::Value::String(machine.definition));
  members.emplace_back("roleArn", json::Value::String(machine.role_arn));
  members.emplace_back("type", json::Value::String(machine.type));
  members.emplace_back("creationDate", Timestamp(machine.creation_ms));
  members.emplace_back("loggingConfiguration", LoggingConfigurationOf(machine));
  json::Value tracing = json::Value::Object({{"enabled", json::Value::Bool(false)}});
  if (!machine.tracing_configuration.empty()) {
    Result<json::Value> parsed = json::Parse(machine.tracing_configuration);
    if (parsed.ok()) tracing = parsed.release_value();
  }
  members.emplace_back("tracingConfiguration", tracing);
  if (!machine.revision_id.empty()) {
    members.emplace_back("revisionId", json::Value::String(machine.revision_id));
  }
  if (!machine.description.empty()) {
    members.emplace_back("description", json::Value::String(machine.description));
  }
  members.emplace_back("encryptionConfiguration",
                       json::Value::Object({{"type", json::Value::String("AWS_OWNED_KEY")}}));
  return json::Value::Object(std::move(members));
}

std::string RedriveBlocker(const store::ExecutionRecord& execution, int64_t now_ms) {
  if (execution.status == "RUNNING") return "it is running";
  if (execution.status == "SUCCEEDED") return "it succeeded";
  constexpr int64_t kRedriveWindowMs = int64_t{14} * 24 * 3600 * 1000;
  if (execution.stop_ms != 0 && now_ms - execution.stop_ms > kRedriveWindowMs) {
    return "it ended more than 14 days ago";
  }
  return "";
}

json::Value DescribeExecutionRecord(const store::ExecutionRecord& execution, int64_t now_ms) {
  std::vector<json::Member> members;
  members.emplace_back("executionArn", json::Value::String(execution.arn));
  members.emplace_back("stateMachineArn", json::Value::String(execution.state_machine_arn));
  members.emplace_back("name", json::Value::String(execution.name));
  members.emplace_back("status", json::Value::String(execution.status));
  members.emplace_back("startDate", Timestamp(execution.start_ms));
  if (execution.stop_ms != 0) members.emplace_back("stopDate", Timestamp(execution.stop_ms));
  members.emplace_back("input", json::Value::String(execution.input));
  members.emplace_back("inputDetails", json::Value::Object({{"included", json::Value::Bool(true)}}));
  if (execution.output) {
    members.emplace_back("output", json::Value::String(*execution.output));
    members.emplace_back("outputDetails",
                         json::Value::Object({{"included", json::Value::Bool(true)}}));
  }
  if (execution.error) members.emplace_back("error", json::Value::String(*execution.error));
  if (execution.cause) members.emplace_back("cause", json::Value::String(*execution.cause));
  if (!execution.trace_header.empty()) {
    members.emplace_back("traceHeader", json::Value::String(execution.trace_header));
  }
  if (!execution.version_arn.empty()) {
    members.emplace_back("stateMachineVersionArn", json::Value::String(execution.version_arn));
  }
  if (!execution.alias_arn.empty()) {
    members.emplace_back("stateMachineAliasArn", json::Value::String(execution.alias_arn));
  }
  members.emplace_back("redriveCount", json::Value::Int(execution.redrive_count));
  if (execution.redrive_ms != 0) {
    members.emplace_back("redriveDate", Timestamp(execution.redrive_ms));
  }
  std::string blocker = RedriveBlocker(execution, now_ms);
  members.emplace_back("redriveStatus",
                       json::Value::String(blocker.empty() ? "REDRIVABLE" : "NOT_REDRIVABLE"));
  if (!blocker.empty()) {
    members.emplace_back("redriveStatusReason",
                         json::Value::String("Execution cannot be redriven: " + blocker));
  }
  return json::Value::Object(std::move(members));
}

Result<std::vector<store::Tag>> ReadTags(const json::Value& tags, std::string_view resource) {
  std::vector<store::Tag> result;
  if (tags.is_null()) return result;
  if (!tags.is_array()) {
    return ApiError("SerializationException", "Unexpected value type for 'tags': expected an array");
  }
  for (const json::Value& tag : tags.items()) {
    RequestReader reader(tag);
    if (!tag.is_object()) {
      return ApiError("SerializationException", "Unexpected value type in 'tags': expected an object");
    }
    store::Tag t;
    t.key = TRY(reader.RequiredString("key", 1, 128));
    t.value = TRY(reader.OptionalString("value", 0, 256)).value_or("");
    result.push_back(std::move(t));
  }
  if (result.size() > 50) {
    return ApiError("TooManyTags", "Too many tags for resource: '" + std::string(resource) +
                                       "' (at most 50)");
  }
  return result;
}

namespace {
constexpr std::string_view kTokenPrefix = "sw1.";
constexpr char kHex[] = "0123456789abcdef";
}  // namespace

std::string MakeNextToken(std::string_view position) {
  std::string token(kTokenPrefix);
  for (unsigned char c : position) {
    token.push_back(kHex[c >> 4]);
    token.push_back(kHex[c & 15]);
  }
  return token;
}

Result<std::string> ReadNextToken(std::string_view token) {
  auto invalid = [&] { return ApiError("InvalidToken", "Invalid Token: '" + std::string(token) + "'"); };
  if (!token.starts_with(kTokenPrefix) || (token.size() - kTokenPrefix.size()) % 2 != 0) {
    return invalid();
  }
  std::string position;
  for (size_t i = kTokenPrefix.size(); i < token.size(); i += 2) {
    auto digit = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      return -1;
    };
    int high = digit(token[i]);
    int low = digit(token[i + 1]);
    if (high < 0 || low < 0) return invalid();
    position.push_back(static_cast<char>(high * 16 + low));
  }
  return position;
}

Result<int64_t> ReadNumberToken(std::string_view token) {
  std::string position = TRY(ReadNextToken(token));
  int64_t number = 0;
  std::from_chars_result read =
      std::from_chars(position.data(), position.data() + position.size(), number);
  if (read.ec != std::errc() || read.ptr != position.data() + position.size()) {
    return ApiError("InvalidToken", "Invalid Token: '" + std::string(token) + "'");
  }
  return number;
}

Result<int> ReadMaxResults(const json::Value& request) {
  std::optional<int64_t> max = TRY(RequestReader(request).OptionalInt("maxResults", 0, 1000));
  return static_cast<int>(max.value_or(0) == 0 ? 100 : *max);
}

}  // namespace stepwise::api
