// ListStateMachineAliases: a machine's aliases (or, given a version's ARN, the aliases that route
// to that version), newest first, a page at a time.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListStateMachineAliases.html
#include <algorithm>
#include <charconv>
#include <tuple>

#include "api/actions/actions.h"
#include "api/actions/versions.h"
#include "api/arn.h"
#include "api/errors.h"
#include "api/request.h"
#include "api/resources.h"

namespace stepwise::api {
namespace {

// AWS's order, "sorted by time, with the most recently created aliases listed first"; aliases
// created in the same millisecond by ARN, so that paging is stable.
bool ListedBefore(const store::AliasRecord& a, const store::AliasRecord& b) {
  return std::tie(b.creation_ms, a.arn) < std::tie(a.creation_ms, b.arn);
}

}  // namespace

Result<json::Value> ListStateMachineAliases(Context& context, const json::Value& request) {
  RequestReader reader(request);
  std::string arn = TRY(reader.RequiredString("stateMachineArn", 1, 256));
  Arn parsed = TRY(ParseArnOf(
      arn, ArnKindBit(ArnKind::kStateMachine) | ArnKindBit(ArnKind::kStateMachineVersion)));
  int max_results = TRY(ReadMaxResults(request));
  std::optional<std::string> token = TRY(reader.OptionalString("nextToken", 1, 1024));

  // The paging position: the previous page's last alias, as "<creation ms> <ARN>".
  std::optional<store::AliasRecord> after;
  if (token) {
    std::string position = TRY(ReadNextToken(*token));
    size_t space = position.find(' ');
    if (space == std::string::npos) {
      return ApiError("InvalidToken", "Invalid Token: '" + *token + "'");
    }
    store::AliasRecord last;
    std::from_chars_result read =
        std::from_chars(position.data(), position.data() + space, last.creation_ms);
    if (read.ec != std::errc() || read.ptr != position.data() + space) {
      return ApiError("InvalidToken", "Invalid Token: '" + *token + "'");
    }
    last.arn = position.substr(space + 1);
    after = std::move(last);
  }

  store::StateMachineRecord machine = TRY(FindStateMachine(context, arn));
  if (machine.status == "DELETING") {
    return ApiError("StateMachineDeleting", "State machine is being deleted: '" + arn + "'");
  }
  std::vector<store::AliasRecord> aliases =
      TRY(context.store.ListAliases(parsed.StateMachineArn()));
  if (parsed.kind == ArnKind::kStateMachineVersion) {
    std::vector<store::AliasRecord> routing_here;
    for (store::AliasRecord& alias : aliases) {
      std::vector<Route> routes = TRY(RoutesOf(alias));
      if (std::any_of(routes.begin(), routes.end(),
                      [&](const Route& route) { return route.version_arn == arn; })) {
        routing_here.push_back(std::move(alias));
      }
    }
    aliases = std::move(routing_here);
  }
  std::sort(aliases.begin(), aliases.end(), ListedBefore);

  std::vector<json::Value> items;
  bool more = false;
  const store::AliasRecord* last = nullptr;
  for (const store::AliasRecord& alias : aliases) {
    if (after && !ListedBefore(*after, alias)) continue;
    if (static_cast<int>(items.size()) == max_results) {
      more = true;
      break;
    }
    items.push_back(json::Value::Object({{"stateMachineAliasArn", json::Value::String(alias.arn)},
                                         {"creationDate", Timestamp(alias.creation_ms)}}));
    last = &alias;
  }
  std::vector<json::Member> response;
  response.emplace_back("stateMachineAliases", json::Value::Array(std::move(items)));
  if (more) {
    response.emplace_back(
        "nextToken",
        json::Value::String(MakeNextToken(std::to_string(last->creation_ms) + " " + last->arn)));
  }
  return json::Value::Object(std::move(response));
}

}  // namespace stepwise::api
