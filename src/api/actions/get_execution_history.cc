// GetExecutionHistory: an execution's events as committed to the store, a page at a time,
// oldest or newest first.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_GetExecutionHistory.html

#include "api/actions/actions.h"
#include "api/errors.h"
#include "api/request.h"
#include "api/resources.h"
#include "json/parse.h"

namespace stepwise::api {
namespace {

// The event without its execution data (includeExecutionData false): inputs, outputs and task
// parameters are left out of its details.
json::Value WithoutExecutionData(const json::Value& event) {
  std::vector<json::Member> members;
  for (const json::Member& m : event.members()) {
    if (!m.value.is_object() || !m.name().ends_with("EventDetails")) {
      members.push_back(m);
      continue;
    }
    std::vector<json::Member> details;
    for (const json::Member& d : m.value.members()) {
      if (d.name() == "input" || d.name() == "inputDetails" || d.name() == "output" ||
          d.name() == "outputDetails" || d.name() == "parameters") {
        continue;
      }
      details.push_back(d);
    }
    members.emplace_back(m.key, json::Value::Object(std::move(details)));
  }
  return json::Value::Object(std::move(members));
}

}  // namespace

Result<json::Value> GetExecutionHistory(Context& context, const json::Value& request) {
  RequestReader reader(request);
  std::string arn = TRY(reader.RequiredString("executionArn", 1, 256));
  int max_results = TRY(ReadMaxResults(request));
  bool reverse = TRY(reader.OptionalBool("reverseOrder")).value_or(false);
  bool include_data = TRY(reader.OptionalBool("includeExecutionData")).value_or(true);
  std::optional<std::string> token = TRY(reader.OptionalString("nextToken", 1, 3096));
  TRY(FindExecution(context, arn));

  int64_t first = 0;  // from the start (or, reverse, from the end)
  if (token) {
    int64_t last = TRY(ReadNumberToken(*token));
    if (last < 1) return ApiError("InvalidToken", "Invalid Token: '" + *token + "'");
    first = reverse ? last - 1 : last + 1;
  }
  std::vector<store::EventRecord> events;
  if (!(token && reverse && first < 1)) {
    events = TRY(context.store.ReadEvents(arn, first, max_results + 1, reverse));
  }
  bool more = static_cast<int>(events.size()) > max_results;
  if (more) events.resize(static_cast<size_t>(max_results));
  std::vector<json::Value> items;
  items.reserve(events.size());
  for (const store::EventRecord& record : events) {
    Result<json::Value> event = json::Parse(record.json);
    if (!event.ok()) {
      return ApiError("InternalFailure", "A stored history event is corrupt: event " +
                                            std::to_string(record.id) + " of " + arn);
    }
    items.push_back(include_data ? event.release_value() : WithoutExecutionData(event.value()));
  }
  std::vector<json::Member> response;
  response.emplace_back("events", json::Value::Array(std::move(items)));
  if (more) {
    response.emplace_back("nextToken",
                          json::Value::String(MakeNextToken(std::to_string(events.back().id))));
  }
  return json::Value::Object(std::move(response));
}

}  // namespace stepwise::api
