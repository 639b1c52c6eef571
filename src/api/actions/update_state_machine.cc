// UpdateStateMachine: a new definition, role, logging or tracing configuration; running
// executions keep the definition they started with. With `publish`, the updated revision is
// published as PublishStateMachineVersion publishes it (versions.h): once per revision, within
// the quota, numbered after every number the machine ever published.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_UpdateStateMachine.html
#include <mutex>

#include "api/actions/actions.h"
#include "api/actions/versions.h"
#include "api/arn.h"
#include "api/errors.h"
#include "api/machine_config.h"
#include "api/request.h"
#include "api/resources.h"
#include "common/uuid.h"

namespace stepwise::api {

Result<json::Value> UpdateStateMachine(Context& context, const json::Value& request) {
  RequestReader reader(request);
  std::string arn = TRY(reader.RequiredString("stateMachineArn", 1, 256));
  TRY(ParseArnOf(arn, ArnKindBit(ArnKind::kStateMachine)));
  std::optional<std::string> definition = TRY(reader.OptionalString("definition", 1, 1024 * 1024));
  std::optional<std::string> role_arn = TRY(reader.OptionalString("roleArn", 1, 256));
  const json::Value* logging_value = request.Find("loggingConfiguration");
  const json::Value* tracing_value = request.Find("tracingConfiguration");
  std::string logging = TRY(ReadLoggingConfiguration(request));
  std::string tracing = TRY(ReadTracingConfiguration(request));
  bool publish = TRY(reader.OptionalBool("publish")).value_or(false);
  std::optional<std::string> version_description =
      TRY(reader.OptionalString("versionDescription", 0, 256));
  if (version_description && !publish) {
    return ValidationError("versionDescription", QuoteForValidation(*version_description),
                           "Version description can only be set when publish is true");
  }
  if (!definition && !role_arn && logging_value == nullptr && tracing_value == nullptr) {
    return ApiError("MissingRequiredParameter",
                    "Either the definition, the role ARN, the LoggingConfiguration, or the "
                    "TracingConfiguration must be specified");
  }
  // Publishing reads the machine's versions, checks them and writes one: under the lock that
  // PublishStateMachineVersion and DeleteStateMachineVersion hold, from before the machine is read
  // (the revision published is the one this call writes) until the Write.
  std::unique_lock<std::mutex> versions_lock;
  if (publish) versions_lock = LockVersionsAndAliases();
  store::StateMachineRecord machine = TRY(FindStateMachine(context, arn));
  if (role_arn) TRY(CheckRoleArn(*role_arn));
  if (definition) TRY(CheckDefinition(*definition, machine.type));

  bool changed = false;
  if (definition && *definition != machine.definition) {
    machine.definition = *definition;
    changed = true;
  }
  if (role_arn && *role_arn != machine.role_arn) {
    machine.role_arn = *role_arn;
    changed = true;
  }
  if (logging_value != nullptr) machine.logging_configuration = logging;
  if (tracing_value != nullptr) machine.tracing_configuration = tracing;
  machine.update_ms = context.NowMillis();
  if (changed) machine.revision_id = NewUuid();

  store::WriteBatch batch;
  batch.put_state_machines.push_back(machine);
  std::vector<json::Member> response;
  response.emplace_back("updateDate", Timestamp(machine.update_ms));
  response.emplace_back("revisionId", json::Value::String(machine.revision_id));
  if (publish) {
    // Nothing is written when the quota refuses the version: the update fails as a whole.
    Publication publication = TRY(PlanPublication(
        context, machine, version_description.value_or(""), machine.update_ms));
    if (publication.is_new) batch.put_state_machines.push_back(publication.version);
    response.emplace_back("stateMachineVersionArn",
                          json::Value::String(publication.version.arn));
  }
  TRY(context.store.Write(batch));
  return json::Value::Object(std::move(response));
}

}  // namespace stepwise::api
