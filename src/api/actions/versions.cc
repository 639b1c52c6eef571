#include "api/actions/versions.h"

#include <algorithm>
#include <cassert>
#include <random>
#include <tuple>

#include "api/arn.h"
#include "api/errors.h"
#include "api/request.h"
#include "json/parse.h"
#include "json/write.h"

namespace stepwise::api {
namespace {

// Where a machine's highest version number survives the deletion of its newest version. The
// store keeps versions as state machine records (version_of, version) and has no field for the
// highest number a machine ever published, so deleting the newest version leaves a *number mark*
// in its place: a record with the machine's version_of and the deleted number, under an ARN that
// no request can name ('#' is neither a digit of a version number nor allowed in an alias name,
// and FindStateMachine refuses alias-shaped ARNs). ListVersions returns the mark among the
// versions and ReadPublishedVersions takes it out; DeleteStateMachine removes it with the
// versions (they share version_of); ReadPublishedVersions counts its number in highest_number,
// and every publication (PublishStateMachineVersion, UpdateStateMachine with publish) numbers
// through PlanPublication, so no path publishes a deleted number again. A field of the machine's record would say this more
// plainly; the mark needs no change of the store's schema.
constexpr std::string_view kNumberMarkSuffix = ":#highest-version";

std::string NumberMarkArn(std::string_view machine_arn) {
  return std::string(machine_arn) + std::string(kNumberMarkSuffix);
}

Error WrongType(std::string_view field, std::string_view expected) {
  return ApiError("SerializationException", "Unexpected value type for '" + std::string(field) +
                                                "': expected " + std::string(expected));
}

// "[arn1, arn2]", as AWS lists a routing configuration's ARNs in its messages.
std::string ArnList(const std::vector<Route>& routes) {
  std::string list = "[";
  for (const Route& route : routes) {
    if (list.size() > 1) list += ", ";
    list += route.version_arn;
  }
  return list + "]";
}

// The routing configuration as AWS's validation messages quote a list of them:
// [RoutingConfigurationListItem(stateMachineVersionArn=arn, weight=50), ...].
std::string ItemList(const std::vector<Route>& routes) {
  std::string list = "[";
  for (const Route& route : routes) {
    if (list.size() > 1) list += ", ";
    list += "RoutingConfigurationListItem(stateMachineVersionArn=" + route.version_arn +
            ", weight=" + std::to_string(route.weight) + ")";
  }
  return list + "]";
}

// One entry of a request's routingConfiguration; `path` is its place as AWS names it in
// messages ("routingConfiguration.1.member.").
Result<Route> ReadRoute(const json::Value& item, const std::string& path) {
  if (!item.is_object()) {
    return ApiError("SerializationException",
                    "Unexpected value type in 'routingConfiguration': expected an object");
  }
  Route route;
  const json::Value* arn = item.Find("stateMachineVersionArn");
  if (arn == nullptr || arn->is_null()) {
    return ValidationError(path + "stateMachineVersionArn", "null", "Member must not be null");
  }
  if (!arn->is_string()) return WrongType("stateMachineVersionArn", "a string");
  route.version_arn = std::string(arn->as_string());
  size_t length = CodePoints(route.version_arn);
  if (length < 1) {
    return ValidationError(path + "stateMachineVersionArn", "''",
                           "Member must have length greater than or equal to 1");
  }
  if (length > 256) {
    return ValidationError(path + "stateMachineVersionArn", "'...'",
                           "Member must have length less than or equal to 256");
  }
  const json::Value* weight = item.Find("weight");
  if (weight == nullptr || weight->is_null()) {
    return ValidationError(path + "weight", "null", "Member must not be null");
  }
  if (!weight->is_int()) return WrongType("weight", "an integer");
  route.weight = weight->as_int();
  return route;
}

}  // namespace

std::unique_lock<std::mutex> LockVersionsAndAliases() {
  static std::mutex mutex;
  return std::unique_lock<std::mutex>(mutex);
}

Result<PublishedVersions> ReadPublishedVersions(Context& context, std::string_view machine_arn) {
  std::vector<store::StateMachineRecord> records = TRY(context.store.ListVersions(machine_arn));
  std::string mark = NumberMarkArn(machine_arn);
  PublishedVersions published;
  for (store::StateMachineRecord& record : records) {
    published.highest_number = std::max(published.highest_number, record.version);
    if (record.arn != mark) published.versions.push_back(std::move(record));
  }
  return published;
}

Result<Publication> PlanPublication(Context& context, const store::StateMachineRecord& machine,
                                    std::string description, int64_t creation_ms) {
  PublishedVersions published = TRY(ReadPublishedVersions(context, machine.arn));
  for (store::StateMachineRecord& version : published.versions) {
    if (version.revision_id == machine.revision_id) return Publication{std::move(version), false};
  }
  if (published.versions.size() >= kMaxVersionsPerMachine) {
    return ApiError("ServiceQuotaExceededException",
                    "Maximum number of versions (" + std::to_string(kMaxVersionsPerMachine) +
                        ") reached for state machine: '" + machine.arn + "'");
  }
  Publication publication{machine, true};
  store::StateMachineRecord& version = publication.version;
  version.version_of = machine.arn;
  version.version = published.highest_number + 1;
  version.arn = context.arns.Version(machine.arn, version.version);
  version.creation_ms = creation_ms;
  version.description = std::move(description);
  return publication;
}

void DeleteVersion(const PublishedVersions& published, const store::StateMachineRecord& version,
                   store::WriteBatch& batch) {
  batch.delete_state_machines.push_back(version.arn);
  if (version.version < published.highest_number) return;  // a higher number stays behind
  store::StateMachineRecord mark;
  mark.arn = NumberMarkArn(version.version_of);
  mark.name = version.name;
  mark.type = version.type;
  mark.version_of = version.version_of;
  mark.version = version.version;
  batch.put_state_machines.push_back(std::move(mark));
}

Result<Routing> ReadRouting(const json::Value& request) {
  json::Value list = TRY(RequestReader(request).OptionalArray("routingConfiguration"));
  if (list.is_null()) {
    return ValidationError("routingConfiguration", "null", "Member must not be null");
  }
  Routing routing;
  for (size_t i = 0; i < list.size(); ++i) {
    std::string path = "routingConfiguration." + std::to_string(i + 1) + ".member.";
    routing.routes.push_back(TRY(ReadRoute(*list.At(i), path)));
  }
  // The checks in the order AWS reports them: the list's length, distinct versions, each
  // weight's range, the weights' sum, then what the ARNs name.
  std::vector<Route>& routes = routing.routes;
  if (routes.empty()) {
    return ValidationError("routingConfiguration", "'[]'",
                           "Member must have length greater than or equal to 1");
  }
  if (routes.size() > 2) {
    return ValidationError("routingConfiguration", "'" + ItemList(routes) + "'",
                           "Member must have length less than or equal to 2");
  }
  if (routes.size() == 2 && routes[0].version_arn == routes[1].version_arn) {
    return ApiError("ValidationException",
                    "Routing configuration must contain distinct state machine version ARNs. "
                    "Received: " +
                        ArnList(routes));
  }
  int64_t sum = 0;
  std::string weights;
  for (size_t i = 0; i < routes.size(); ++i) {
    // AWS quotes the weight here: "Value '101' at 'routingConfiguration.1.member.weight'".
    std::string path = "routingConfiguration." + std::to_string(i + 1) + ".member.weight";
    std::string value = QuoteForValidation(std::to_string(routes[i].weight));
    if (routes[i].weight < 0) {
      return ValidationError(path, value, "Member must have value greater than or equal to 0");
    }
    if (routes[i].weight > 100) {
      return ValidationError(path, value, "Member must have value less than or equal to 100");
    }
    sum += routes[i].weight;
    weights += (weights.empty() ? "" : ", ") + std::to_string(routes[i].weight);
  }
  if (sum != 100) {
    return ApiError(
        "ValidationException",
        "Sum of routing configuration weights must equal 100. Received: [" + weights + "]");
  }
  for (const Route& route : routes) {
    Arn parsed = TRY(ParseArn(route.version_arn));
    if (parsed.kind != ArnKind::kStateMachineVersion) {
      return ApiError("ValidationException",
                      "Routing configuration must contain state machine version ARNs. Received: " +
                          ArnList(routes));
    }
    std::string machine = parsed.StateMachineArn();
    if (routing.machine_arn.empty()) {
      routing.machine_arn = machine;
    } else if (machine != routing.machine_arn) {
      return ApiError("ValidationException",
                      "Routing configuration must contain versions of the same state machine. "
                      "Received: " +
                          ArnList(routes));
    }
  }
  return routing;
}

Result<void> CheckRoutedVersionsExist(Context& context, const Routing& routing) {
  std::optional<store::StateMachineRecord> machine =
      TRY(context.store.GetStateMachine(routing.machine_arn));
  if (!machine) return ResourceNotFound();
  if (machine->status == "DELETING") {
    return ApiError("StateMachineDeleting",
                    "State machine is being deleted: '" + routing.machine_arn + "'");
  }
  for (const Route& route : routing.routes) {
    std::optional<store::StateMachineRecord> version =
        TRY(context.store.GetStateMachine(route.version_arn));
    if (!version || version->version_of != routing.machine_arn) return ResourceNotFound();
  }
  return Ok();
}

json::Value RoutingValue(const std::vector<Route>& routes) {
  std::vector<json::Value> items;
  for (const Route& route : routes) {
    items.push_back(
        json::Value::Object({{"stateMachineVersionArn", json::Value::String(route.version_arn)},
                             {"weight", json::Value::Int(route.weight)}}));
  }
  return json::Value::Array(std::move(items));
}

std::string RoutingText(const std::vector<Route>& routes) {
  return json::Write(RoutingValue(routes));
}

Result<std::vector<Route>> RoutesOf(const store::AliasRecord& alias) {
  auto corrupt = [&] {
    return ApiError("InternalFailure",
                    "The stored routing configuration of alias '" + alias.arn + "' is corrupt");
  };
  Result<json::Value> parsed = json::Parse(alias.routing_configuration);
  if (!parsed.ok() || !parsed.value().is_array() || parsed.value().size() == 0) return corrupt();
  std::vector<Route> routes;
  for (const json::Value& item : parsed.value().items()) {
    const json::Value* arn = item.Find("stateMachineVersionArn");
    const json::Value* weight = item.Find("weight");
    if (arn == nullptr || !arn->is_string() || weight == nullptr || !weight->is_int()) {
      return corrupt();
    }
    routes.push_back(Route{std::string(arn->as_string()), weight->as_int()});
  }
  return routes;
}

bool SameRoutes(const std::vector<Route>& a, const std::vector<Route>& b) {
  auto sorted = [](std::vector<Route> routes) {
    std::sort(routes.begin(), routes.end(), [](const Route& x, const Route& y) {
      return std::tie(x.version_arn, x.weight) < std::tie(y.version_arn, y.weight);
    });
    return routes;
  };
  std::vector<Route> x = sorted(a);
  std::vector<Route> y = sorted(b);
  return std::equal(x.begin(), x.end(), y.begin(), y.end(), [](const Route& p, const Route& q) {
    return p.version_arn == q.version_arn && p.weight == q.weight;
  });
}

Error ResourceNotFound() {
  return ApiError("ResourceNotFound", "Request references a resource that does not exist.");
}

Result<store::AliasRecord> FindAlias(Context& context, std::string_view arn) {
  TRY(ParseArnOf(arn, ArnKindBit(ArnKind::kStateMachineAlias)));
  std::optional<store::AliasRecord> alias = TRY(context.store.GetAlias(arn));
  if (!alias) return ResourceNotFound();
  return std::move(*alias);
}

const Route& PickRoute(const std::vector<Route>& routes, int64_t draw) {
  assert(!routes.empty());
  int64_t upper = 0;
  for (const Route& route : routes) {
    upper += route.weight;
    if (draw < upper) return route;
  }
  return routes.back();  // only when the weights sum to less than 100, which ReadRouting refuses
}

int64_t DrawPercent() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  return std::uniform_int_distribution<int64_t>(0, 99)(generator);
}

}  // namespace stepwise::api
