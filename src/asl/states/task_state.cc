// Task: a unit of work done by a resource (a function, an activity, a service integration).
// https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html

#include "asl/internal_states.h"
#include "asl/resource.h"

namespace stepwise::asl::internal {
namespace {

void CompileCredentials(Checker& checker, const json::Value& credentials,
                        const std::string& location, bool jsonata) {
  if (!credentials.is_object()) {
    checker.Fail("The value for the field 'Credentials' must be an OBJECT", location);
    return;
  }
  static const std::set<std::string_view> kJsonPath = {"RoleArn", "RoleArn.$"};
  static const std::set<std::string_view> kJsonata = {"RoleArn"};
  checker.CheckFields(credentials, jsonata ? kJsonata : kJsonPath, location);
  const json::Value* role = credentials.Find("RoleArn");
  const json::Value* role_path = jsonata ? nullptr : credentials.Find("RoleArn.$");
  if (role == nullptr && role_path == nullptr) {
    checker.Fail("The field 'RoleArn' is required but was missing", location);
    return;
  }
  checker.Exclusive(credentials, {"RoleArn", "RoleArn.$"}, location);
  if (role != nullptr) {
    if (!role->is_string()) {
      checker.Fail("The value for the field 'RoleArn' must be a STRING", location + "/RoleArn");
    } else if (jsonata) {
      checker.CheckJsonataValue(*role, location + "/RoleArn");
    }
  }
  if (role_path != nullptr) {
    std::vector<Diagnostic>& out = checker.diagnostics();
    PayloadTemplate::Compile(credentials, location, &out);
  }
}

}  // namespace

void CompileTask(Checker& checker, const json::Value& definition, const std::string& location,
                 State* state) {
  static const std::set<std::string_view> kJsonPath = FieldSet(
      {kTransitionFields,
       {"InputPath", "OutputPath", "Parameters", "ResultPath", "ResultSelector", "Retry", "Catch",
        "Resource", "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds",
        "HeartbeatSecondsPath", "Credentials", "Assign"}});
  static const std::set<std::string_view> kJsonata = FieldSet(
      {kTransitionFields,
       {"Arguments", "Output", "Assign", "Retry", "Catch", "Resource", "TimeoutSeconds",
        "HeartbeatSeconds", "Credentials"}});
  CheckStateFields(checker, definition, location, *state, kJsonPath, kJsonata);
  checker.Require(definition, {"Resource"}, location);
  CompileTransition(checker, definition, location, state);
  bool jsonata = state->query_language == QueryLanguage::kJsonata;
  if (jsonata) {
    CompileJsonataDataFlow(checker, definition, location, state);
  } else {
    CompileJsonPathDataFlow(checker, definition, location, state);
  }
  CompileRetry(checker, definition, location, state);
  CompileCatch(checker, definition, location, state);

  TaskFields fields;
  if (std::optional<std::string> resource = checker.String(definition, "Resource", location)) {
    std::string at = location + "/Resource";
    if (std::optional<std::string> problem = CheckResourceArn(*resource)) {
      checker.Fail(kInvalidResource, *problem, at);
    } else if (checker.options().type == MachineType::kExpress) {
      // Express workflows run at-least-once and cannot wait for a token or a job.
      for (std::string_view pattern : {".waitForTaskToken", ".sync"}) {
        if (resource->find(pattern) != std::string::npos) {
          checker.Fail("Express state machine does not support '" + std::string(pattern) +
                           "' service integration ",
                       at);
          break;
        }
      }
    }
    fields.history_resource = DescribeResource(*resource);
    fields.resource = std::move(*resource);
  }
  fields.timeout_seconds = CompileDynamicNumber(checker, definition, location, "TimeoutSeconds",
                                                jsonata, 1, kMaxSeconds);
  fields.heartbeat_seconds = CompileDynamicNumber(checker, definition, location,
                                                  "HeartbeatSeconds", jsonata, 1, kMaxSeconds);
  checker.Exclusive(definition, {"TimeoutSeconds", "TimeoutSecondsPath"}, location);
  checker.Exclusive(definition, {"HeartbeatSeconds", "HeartbeatSecondsPath"}, location);
  if (fields.timeout_seconds.value && fields.heartbeat_seconds.value &&
      *fields.heartbeat_seconds.value >= *fields.timeout_seconds.value) {
    checker.Fail("HeartbeatSeconds must be smaller than TimeoutSeconds",
                 location + "/HeartbeatSeconds");
  }
  if (const json::Value* credentials = definition.Find("Credentials")) {
    CompileCredentials(checker, *credentials, location + "/Credentials", jsonata);
    fields.credentials = *credentials;
  }
  state->fields = std::move(fields);
}

}  // namespace stepwise::asl::internal
