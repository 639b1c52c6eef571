// PublishStateMachineVersion: a numbered, immutable snapshot of a machine's current revision.
// Numbers start at 1 and are never reused; publishing a revision that already has a version
// returns that version.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_PublishStateMachineVersion.html
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-state-machine-version.html
#include "api/actions/actions.h"
#include "api/actions/versions.h"
#include "api/arn.h"
#include "api/errors.h"
#include "api/request.h"
#include "api/resources.h"

namespace stepwise::api {

Result<json::Value> PublishStateMachineVersion(Context& context, const json::Value& request) {
  RequestReader reader(request);
  std::string arn = TRY(reader.RequiredString("stateMachineArn", 1, 256));
  TRY(ParseArnOf(arn, ArnKindBit(ArnKind::kStateMachine)));
  std::optional<std::string> revision_id = TRY(reader.OptionalString("revisionId"));
  std::optional<std::string> description = TRY(reader.OptionalString("description", 0, 256));

  std::unique_lock<std::mutex> lock = LockVersionsAndAliases();
  store::StateMachineRecord machine = TRY(FindStateMachine(context, arn));
  if (machine.status == "DELETING") {
    return ApiError("StateMachineDeleting", "State machine is being deleted: '" + arn + "'");
  }
  // AWS: "INITIAL" names the revision of a machine that was never updated (AWS gives such a
  // machine no revision ID; this service gives it one at creation, which matches too).
  if (revision_id && *revision_id != machine.revision_id &&
      !(*revision_id == "INITIAL" && machine.update_ms == 0)) {
    return ApiError("ConflictException",
                    "Failed to publish the State Machine version for revision " + *revision_id +
                        ". The current State Machine revision is " + machine.revision_id + ".");
  }

  // AWS: idempotent on the revision; a version of the current revision is returned as it is
  // (with its own description), not published again.
  Publication publication =
      TRY(PlanPublication(context, machine, description.value_or(""), context.NowMillis()));
  if (publication.is_new) {
    store::WriteBatch batch;
    batch.put_state_machines.push_back(publication.version);
    TRY(context.store.Write(batch));
  }
  return json::Value::Object(
      {{"creationDate", Timestamp(publication.version.creation_ms)},
       {"stateMachineVersionArn", json::Value::String(publication.version.arn)}});
}

}  // namespace stepwise::api
