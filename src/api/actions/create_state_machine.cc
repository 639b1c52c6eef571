// CreateStateMachine: a new Standard or Express machine, idempotent on identical requests.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html
#include "api/actions/actions.h"
#include "api/errors.h"
#include "api/machine_config.h"
#include "api/names.h"
#include "api/request.h"
#include "api/resources.h"
#include "common/uuid.h"

namespace stepwise::api {

Result<json::Value> CreateStateMachine(Context& context, const json::Value& request) {
  RequestReader reader(request);
  std::string name = TRY(reader.RequiredString("name", 1, 80));
  TRY(ValidateName(name));
  std::string definition = TRY(reader.RequiredString("definition", 1, 1024 * 1024));
  std::string role_arn = TRY(reader.RequiredString("roleArn", 1, 256));
  std::string type = TRY(reader.OptionalEnum("type", {"STANDARD", "EXPRESS"})).value_or("STANDARD");
  std::string logging = TRY(ReadLoggingConfiguration(request));
  std::string tracing = TRY(ReadTracingConfiguration(request));
  json::Value tags_value = TRY(reader.OptionalArray("tags"));
  bool publish = TRY(reader.OptionalBool("publish")).value_or(false);
  std::optional<std::string> version_description =
      TRY(reader.OptionalString("versionDescription", 0, 256));
  if (version_description && !publish) {
    return ValidationError("versionDescription", QuoteForValidation(*version_description),
                           "Version description can only be set when publish is true");
  }
  TRY(CheckRoleArn(role_arn));
  TRY(CheckDefinition(definition, type));
  std::string arn = context.arns.StateMachine(name);
  std::vector<store::Tag> tags = TRY(ReadTags(tags_value, arn));

  // AWS: creating a machine that exists with the same configuration returns it; with a
  // different one, StateMachineAlreadyExists.
  std::optional<store::StateMachineRecord> existing = TRY(context.store.GetStateMachine(arn));
  if (existing) {
    if (existing->status == "DELETING") {
      return ApiError("StateMachineDeleting", "State machine is being deleted: '" + arn + "'");
    }
    if (existing->definition != definition || existing->role_arn != role_arn ||
        existing->type != type || existing->logging_configuration != logging ||
        existing->tracing_configuration != tracing) {
      return ApiError("StateMachineAlreadyExists", "State Machine Already Exists: '" + arn + "'");
    }
    return json::Value::Object({{"stateMachineArn", json::Value::String(arn)},
                                {"creationDate", Timestamp(existing->creation_ms)}});
  }

  store::StateMachineRecord machine;
  machine.arn = arn;
  machine.name = name;
  machine.type = type;
  machine.definition = definition;
  machine.role_arn = role_arn;
  machine.creation_ms = context.NowMillis();
  machine.revision_id = NewUuid();
  machine.logging_configuration = logging;
  machine.tracing_configuration = tracing;
  store::WriteBatch batch;
  batch.put_state_machines.push_back(machine);
  if (!tags.empty()) batch.tags.push_back({arn, tags, {}});
  std::vector<json::Member> response;
  response.emplace_back("stateMachineArn", json::Value::String(arn));
  response.emplace_back("creationDate", Timestamp(machine.creation_ms));
  if (publish) {
    store::StateMachineRecord version = machine;
    version.arn = context.arns.Version(arn, 1);
    version.version_of = arn;
    version.version = 1;
    version.description = version_description.value_or("");
    batch.put_state_machines.push_back(version);
    response.emplace_back("stateMachineVersionArn", json::Value::String(version.arn));
  }
  TRY(context.store.Write(batch));
  return json::Value::Object(std::move(response));
}

}  // namespace stepwise::api
