// TestState: runs one state by itself and answers with its output or error, the state it would
// go to next, and (at DEBUG and TRACE) how its input and output processing went.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_TestState.html
// https://docs.aws.amazon.com/step-functions/latest/dg/test-state-isolation.html
#include <cstdint>

#include "api/actions/actions.h"
#include "api/errors.h"
#include "api/isolated_state.h"
#include "api/machine_config.h"
#include "api/request.h"
#include "asl/diagnostic.h"
#include "asl/load.h"
#include "json/parse.h"
#include "json/write.h"

namespace stepwise::api {
namespace {

// The name AWS gives the state of a definition that is one state: its $$.State.Name. Task routes
// by state name (`--task StateName=COMMAND`) apply to such a state under this name.
constexpr std::string_view kSingleStateName = "StateName";

// AWS's payload quota, the bound of TestState's input, variables and mock result.
constexpr size_t kMaxPayloadLength = 262144;

Error InvalidDefinition(std::string message) {
  return ApiError("InvalidDefinition",
                  asl::InvalidDefinitionMessage({asl::Diagnostic{
                      asl::Severity::kError, std::string(asl::kSchemaValidationFailed),
                      std::move(message), ""}}));
}

Error ValidationFailed(std::string message) {
  return ApiError("ValidationException", std::move(message));
}

// The definition's JSON: InvalidDefinition, with the loader's message, when it is not JSON.
Result<json::Value> ParseDefinition(const std::string& text) {
  json::ParseOptions options;
  options.repeated_keys = json::RepeatedKeys::kError;
  Result<json::Value> parsed = json::Parse(text, options);
  if (!parsed.ok()) {
    return ApiError("InvalidDefinition",
                    asl::InvalidDefinitionMessage(asl::LoadDefinition(text).diagnostics));
  }
  if (!parsed.value().is_object()) return InvalidDefinition("The definition must be a JSON object");
  return parsed;
}

// A JSON member given as text (input, variables): InvalidExecutionInput when it is not JSON or
// is over the payload quota, as StartExecution reports its input.
Result<json::Value> ParseExecutionData(const std::string& text, size_t max_bytes) {
  if (text.size() > max_bytes) {
    return ApiError("InvalidExecutionInput",
                    "Invalid State Machine Execution Input: 'the input exceeds the maximum size "
                    "of " +
                        std::to_string(max_bytes) + " bytes'");
  }
  Result<json::Value> parsed = json::Parse(text);
  if (!parsed.ok()) {
    return ApiError("InvalidExecutionInput",
                    "Invalid State Machine Execution Input: '" + parsed.error().message() + "'");
  }
  return parsed;
}

// mock: {"result": JSON text} or {"errorOutput": {"error", "cause"}}, and fieldValidationMode,
// which Stepwise accepts and does not apply (it has no model of AWS's service APIs to check a
// result against).
Result<std::optional<engine::TaskOutcome>> ReadMock(const json::Value& mock) {
  if (mock.is_null()) return std::optional<engine::TaskOutcome>();
  RequestReader reader(mock);
  std::optional<std::string> result = TRY(reader.OptionalString("result", 0, kMaxPayloadLength));
  json::Value error_output = TRY(reader.OptionalObject("errorOutput"));
  TRY(reader.OptionalEnum("fieldValidationMode", {"STRICT", "PRESENT", "NONE"}));
  if (result.has_value() == !error_output.is_null()) {
    return ValidationFailed("A mock must specify exactly one of result and errorOutput");
  }
  if (result) {
    Result<json::Value> parsed = json::Parse(*result);
    if (!parsed.ok()) {
      return ValidationFailed("The mock result is not valid JSON: " + parsed.error().message());
    }
    return std::optional(engine::TaskOutcome::Success(parsed.release_value()));
  }
  RequestReader errors(error_output);
  std::optional<std::string> error = TRY(errors.OptionalString("error", 0, 256));
  std::optional<std::string> cause = TRY(errors.OptionalString("cause", 0, 32768));
  return std::optional(engine::TaskOutcome::Failure(error.value_or(""), cause.value_or("")));
}

}  // namespace

Result<json::Value> TestState(Context& context, const json::Value& request) {
  RequestReader reader(request);
  std::string definition = TRY(reader.RequiredString("definition", 1, 1024 * 1024));
  std::optional<std::string> role_arn = TRY(reader.OptionalString("roleArn", 1, 256));
  std::optional<std::string> input = TRY(reader.OptionalString("input", 0, kMaxPayloadLength));
  std::string level =
      TRY(reader.OptionalEnum("inspectionLevel", {"INFO", "DEBUG", "TRACE"})).value_or("INFO");
  // revealSecrets shows what an HTTP Task's EventBridge connection adds to its request, at
  // TRACE; Stepwise has no such connections, so there is nothing to reveal or hide.
  TRY(reader.OptionalBool("revealSecrets"));
  std::optional<std::string> variables =
      TRY(reader.OptionalString("variables", 0, kMaxPayloadLength));
  std::optional<std::string> state_name = TRY(reader.OptionalString("stateName", 1, 80));
  json::Value mock_member = TRY(reader.OptionalObject("mock"));
  std::optional<std::string> context_object =
      TRY(reader.OptionalString("context", 0, kMaxPayloadLength));
  json::Value configuration = TRY(reader.OptionalObject("stateConfiguration"));
  if (role_arn) TRY(CheckRoleArn(*role_arn));

  IsolatedStateRun run;
  run.level = level == "INFO"    ? InspectionLevel::kInfo
              : level == "DEBUG" ? InspectionLevel::kDebug
                                 : InspectionLevel::kTrace;
  run.role_arn = role_arn.value_or("");
  run.mock = TRY(ReadMock(mock_member));
  if (context_object) {
    return ValidationFailed(
        "Stepwise's TestState does not take a context object: $$ is the one of "
        "the execution the state runs in");
  }
  if (!configuration.is_null()) {
    RequestReader state_configuration(configuration);
    run.retrier_retry_count =
        TRY(state_configuration.OptionalInt("retrierRetryCount", 0, INT32_MAX)).value_or(0);
    for (std::string_view member :
         {"errorCausedByState", "mapIterationFailureCount", "mapItemReaderData"}) {
      if (configuration.Find(member) != nullptr && !configuration.Find(member)->is_null()) {
        return ValidationFailed("stateConfiguration." + std::string(member) +
                                " applies to Map and Parallel states, which Stepwise's TestState "
                                "does not run");
      }
    }
  }

  // The state: the definition itself, or with stateName the state of that name in a machine.
  json::Value parsed = TRY(ParseDefinition(definition));
  if (state_name) {
    asl::LoadResult machine = asl::LoadDefinition(definition);
    if (!machine.ok()) {
      return ApiError("InvalidDefinition", asl::InvalidDefinitionMessage(machine.diagnostics));
    }
    const json::Value* state = parsed.Find("States")->Find(*state_name);
    if (state == nullptr) {
      return ValidationFailed("The state '" + *state_name + "' is not a state of the definition");
    }
    run.name = *state_name;
    run.state = *state;
    const json::Value* language = parsed.Find("QueryLanguage");
    run.jsonata_machine =
        language != nullptr && language->is_string() && language->as_string() == "JSONata";
  } else {
    run.name = std::string(kSingleStateName);
    run.state = parsed;
  }

  run.input = TRY(ParseExecutionData(input.value_or("{}"), context.options.max_payload_bytes));
  if (variables) {
    run.variables = TRY(ParseExecutionData(*variables, context.options.max_payload_bytes));
    if (!run.variables.is_object()) {
      return ApiError("InvalidExecutionInput",
                      "Invalid State Machine Execution Input: 'variables must be a JSON object'");
    }
    for (const json::Member& m : run.variables.members()) {
      if (m.name().empty()) {
        return ApiError(
            "InvalidExecutionInput",
            "Invalid State Machine Execution Input: 'variable names must not be empty'");
      }
    }
  }

  IsolatedStateOutcome outcome =
      TRY(RunIsolatedState(run, context.router, context.options, context.arns));
  std::vector<json::Member> response;
  if (outcome.output) {
    response.emplace_back("output", json::Value::String(json::Write(*outcome.output)));
  }
  if (outcome.error) response.emplace_back("error", json::Value::String(*outcome.error));
  if (outcome.cause) response.emplace_back("cause", json::Value::String(*outcome.cause));
  if (!outcome.inspection_data.is_null()) {
    response.emplace_back("inspectionData", outcome.inspection_data);
  }
  if (outcome.next_state) {
    response.emplace_back("nextState", json::Value::String(*outcome.next_state));
  }
  response.emplace_back("status", json::Value::String(outcome.status));
  return json::Value::Object(std::move(response));
}

}  // namespace stepwise::api
