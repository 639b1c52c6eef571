// ListExecutions: a machine's (or version's, or alias's) executions, newest first, a page at a
// time, optionally of one status.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListExecutions.html
#include <charconv>

#include "api/actions/actions.h"
#include "api/arn.h"
#include "api/errors.h"
#include "api/request.h"
#include "api/resources.h"

namespace stepwise::api {
namespace {

// The paging position: the last execution's start time and ARN.
std::string Position(const store::ExecutionRecord& execution) {
  return std::to_string(execution.start_ms) + " " + execution.arn;
}

}  // namespace

Result<json::Value> ListExecutions(Context& context, const json::Value& request) {
  RequestReader reader(request);
  std::string arn = TRY(reader.RequiredString("stateMachineArn", 1, 256));
  std::optional<std::string> status = TRY(reader.OptionalEnum(
      "statusFilter",
      {"RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"}));
  int max_results = TRY(ReadMaxResults(request));
  std::optional<std::string> token = TRY(reader.OptionalString("nextToken", 1, 3096));

  Arn parsed = TRY(ParseArnOf(arn, ArnKindBit(ArnKind::kStateMachine) |
                                       ArnKindBit(ArnKind::kStateMachineVersion) |
                                       ArnKindBit(ArnKind::kStateMachineAlias)));
  store::ExecutionQuery query;
  query.state_machine_arn = parsed.StateMachineArn();
  if (parsed.kind == ArnKind::kStateMachineVersion) query.version_arn = arn;
  if (parsed.kind == ArnKind::kStateMachineAlias) query.alias_arn = arn;
  store::StateMachineRecord machine = TRY(FindStateMachine(context, query.state_machine_arn));
  if (machine.type == "EXPRESS") {
    return ApiError("StateMachineTypeNotSupported",
                    "This operation is not supported by express state machines");
  }
  query.status = status.value_or("");
  if (token) {
    std::string position = TRY(ReadNextToken(*token));
    size_t space = position.find(' ');
    if (space == std::string::npos) {
      return ApiError("InvalidToken", "Invalid Token: '" + *token + "'");
    }
    std::from_chars_result read =
        std::from_chars(position.data(), position.data() + space, query.after_start_ms);
    if (read.ec != std::errc() || read.ptr != position.data() + space) {
      return ApiError("InvalidToken", "Invalid Token: '" + *token + "'");
    }
    query.after_arn = position.substr(space + 1);
  }
  query.limit = max_results + 1;  // one more, to know whether there is a next page
  std::vector<store::ExecutionRecord> executions = TRY(context.store.ListExecutions(query));
  bool more = static_cast<int>(executions.size()) > max_results;
  if (more) executions.resize(static_cast<size_t>(max_results));

  std::vector<json::Value> items;
  for (const store::ExecutionRecord& e : executions) {
    std::vector<json::Member> item;
    item.emplace_back("executionArn", json::Value::String(e.arn));
    item.emplace_back("stateMachineArn", json::Value::String(e.state_machine_arn));
    item.emplace_back("name", json::Value::String(e.name));
    item.emplace_back("status", json::Value::String(e.status));
    item.emplace_back("startDate", Timestamp(e.start_ms));
    if (e.stop_ms != 0) item.emplace_back("stopDate", Timestamp(e.stop_ms));
    if (!e.version_arn.empty()) {
      item.emplace_back("stateMachineVersionArn", json::Value::String(e.version_arn));
    }
    if (!e.alias_arn.empty()) {
      item.emplace_back("stateMachineAliasArn", json::Value::String(e.alias_arn));
    }
    item.emplace_back("redriveCount", json::Value::Int(e.redrive_count));
    items.push_back(json::Value::Object(std::move(item)));
  }
  std::vector<json::Member> response;
  response.emplace_back("executions", json::Value::Array(std::move(items)));
  if (more) {
    response.emplace_back("nextToken",
                          json::Value::String(MakeNextToken(Position(executions.back()))));
  }
  return json::Value::Object(std::move(response));
}

}  // namespace stepwise::api
