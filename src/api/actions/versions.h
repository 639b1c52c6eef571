#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "api/context.h"
#include "common/result.h"
#include "json/value.h"
#include "store/store.h"

// What the version and alias actions share (PublishStateMachineVersion ... ListStateMachineAliases,
// and StartExecution through an alias): a machine's published versions and the highest number it
// ever published, aliases' routing configurations, and the lock that keeps their
// read-check-write sequences apart.
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-state-machine-version.html
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-state-machine-alias.html
namespace stepwise::api {

// AWS's quotas: published versions and aliases per state machine.
inline constexpr size_t kMaxVersionsPerMachine = 1000;
inline constexpr size_t kMaxAliasesPerMachine = 100;

// Serializes, within this process, the actions that read versions or aliases, check them and
// write: two concurrent publishes would otherwise take the same number, and an alias could come
// to route to a version being deleted. Hold it from the first read to the Write.
std::unique_lock<std::mutex> LockVersionsAndAliases();

// A state machine's versions as the API shows them.
struct PublishedVersions {
  std::vector<store::StateMachineRecord> versions;  // newest (highest number) first
  // The highest number the machine ever published, deleted versions included: AWS never reuses
  // a number (delete version 10, publish, and the new one is 11). 0: it never published one.
  int64_t highest_number = 0;
};

// The versions of machine_arn (a state machine's ARN); none when the machine does not exist.
// Errors: the store's.
Result<PublishedVersions> ReadPublishedVersions(Context& context, std::string_view machine_arn);

// What publishing a machine's revision comes to. AWS publishes a revision once: when one of the
// machine's versions has that revision, publishing it again answers that version (with its own
// description and creation date) and writes nothing.
struct Publication {
  store::StateMachineRecord version;  // the existing version, or the new one to write
  bool is_new = false;                // true: version is to be written (put_state_machines)
};

// Plans publishing `machine`'s revision (machine: a state machine's record as it is or is about to
// be stored; its revision_id is the one published): the existing version of that revision, or a
// new version of it numbered after every number the machine ever published, with description and
// creation_ms. Errors: the store's; ServiceQuotaExceededException when a new version is needed and
// the machine has kMaxVersionsPerMachine. Hold LockVersionsAndAliases() from before this call until
// the new version is written, so that no concurrent publication takes the same number or the
// same revision.
Result<Publication> PlanPublication(Context& context, const store::StateMachineRecord& machine,
                                    std::string description, int64_t creation_ms);

// Adds to batch the deletion of `version`, one of published.versions, and, when it is the newest,
// what keeps its number from being published again.
void DeleteVersion(const PublishedVersions& published, const store::StateMachineRecord& version,
                   store::WriteBatch& batch);

// One entry of an alias's routing configuration. Intentionally copyable.
struct Route {
  std::string version_arn;
  int64_t weight = 0;  // percent of the executions started through the alias
};

// A routing configuration and the state machine whose versions it names.
struct Routing {
  std::vector<Route> routes;
  std::string machine_arn;
};

// Reads a request's `routingConfiguration` as CreateStateMachineAlias and
// UpdateStateMachineAlias check it: 1 or 2 entries of {stateMachineVersionArn, weight 0..100},
// distinct version ARNs of one state machine, weights summing to 100. Errors:
// SerializationException (a member of the wrong JSON type), ValidationException (in AWS's
// words), InvalidArn (a version ARN that is no ARN). Does not look at the store.
Result<Routing> ReadRouting(const json::Value& request);

// Checks against the store what ReadRouting cannot: the machine exists and is not being deleted
// (ResourceNotFound, StateMachineDeleting) and every routed version exists (ResourceNotFound).
Result<void> CheckRoutedVersionsExist(Context& context, const Routing& routing);

// The routes as the API shows them ([{stateMachineVersionArn, weight}]) and as the store keeps
// them (that value's JSON text, AliasRecord::routing_configuration).
json::Value RoutingValue(const std::vector<Route>& routes);
std::string RoutingText(const std::vector<Route>& routes);
// The routes of a stored alias. InternalFailure when the stored text is not what RoutingText
// writes.
Result<std::vector<Route>> RoutesOf(const store::AliasRecord& alias);
// Whether a and b route the same versions with the same weights, in any order.
bool SameRoutes(const std::vector<Route>& a, const std::vector<Route>& b);

// The alias an ARN names: InvalidArn for an ARN that is not an alias's, ResourceNotFound ("Request
// references a resource that does not exist.") when there is none.
Result<store::AliasRecord> FindAlias(Context& context, std::string_view arn);
// The ResourceNotFound error AWS returns for an alias or version that does not exist.
Error ResourceNotFound();

// The route an execution started through an alias takes, for a draw in [0, 100): the routes
// split [0, 100) in their order by weight. Precondition: routes come from ReadRouting or RoutesOf
// (weights sum to 100). The returned reference lives as long as routes.
const Route& PickRoute(const std::vector<Route>& routes, int64_t draw);
// A uniformly distributed draw in [0, 100), from a per-thread generator seeded by the system's
// random device (AWS picks "randomly ... based on the percentage"). Thread-safe.
int64_t DrawPercent();

}  // namespace stepwise::api
