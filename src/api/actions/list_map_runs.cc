// ListMapRuns: the Map Runs an execution's Distributed Maps started, in the order they started,
// a page at a time.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListMapRuns.html

#include "api/actions/actions.h"
#include "api/actions/map_runs.h"
#include "api/arn.h"
#include "api/errors.h"
#include "api/request.h"
#include "api/resources.h"

namespace stepwise::api {

Result<json::Value> ListMapRuns(Context& context, const json::Value& request) {
  RequestReader reader(request);
  std::string arn = TRY(reader.RequiredString("executionArn", 1, 256));
  int max_results = TRY(ReadMaxResults(request));
  std::optional<std::string> token = TRY(reader.OptionalString("nextToken", 1, 3096));
  store::ExecutionRecord execution = TRY(FindExecution(context, arn));

  // The paging position: the last listed run's MapRunStarted event; the next page reads the
  // history from the event after it.
  int64_t first = 0;
  if (token) {
    int64_t last = TRY(ReadNumberToken(*token));
    if (last < 1) return ApiError("InvalidToken", "Invalid Token: '" + *token + "'");
    first = last + 1;
  }
  std::vector<MapRun> runs = TRY(ReadMapRuns(context, execution, first));
  bool more = static_cast<int>(runs.size()) > max_results;
  if (more) runs.resize(static_cast<size_t>(max_results));

  std::string prefix = "arn:aws:states:" + context.arns.region() + ":" + context.arns.account();
  if (Result<Arn> parsed = ParseArn(arn); parsed.ok()) {
    prefix = "arn:aws:states:" + parsed.value().region + ":" + parsed.value().account;
  }
  std::vector<json::Value> items;
  items.reserve(runs.size());
  for (const MapRun& run : runs) {
    std::vector<json::Member> item;
    item.emplace_back("executionArn", json::Value::String(run.execution_arn));
    item.emplace_back("mapRunArn", json::Value::String(run.arn));
    // AWS names the run's child workflow: the machine's ARN with "/LABEL".
    item.emplace_back(
        "stateMachineArn",
        json::Value::String(prefix + ":stateMachine:" + run.machine_name + "/" + run.label));
    item.emplace_back("startDate", Timestamp(run.start_ms));
    if (run.stop_ms != 0) item.emplace_back("stopDate", Timestamp(run.stop_ms));
    items.push_back(json::Value::Object(std::move(item)));
  }
  std::vector<json::Member> response;
  response.emplace_back("mapRuns", json::Value::Array(std::move(items)));
  if (more) {
    response.emplace_back(
        "nextToken", json::Value::String(MakeNextToken(std::to_string(runs.back().started_event))));
  }
  return json::Value::Object(std::move(response));
}

}  // namespace stepwise::api
