// Fuzz target: the API's request decoder, the store-free checks the actions make on a request,
// and the encoding of the answer. The input's first line is the X-Amz-Target value (no header
// when it is empty), the rest the body. Every check runs on its own, so that one failing does not
// hide the next; whatever the result, its encoding must parse back as what was encoded. Longer
// than the other targets because an action's checks are spread over several readers, and the
// actions themselves need a store (ActionEntry takes a Context), which would make runs slow and
// nondeterministic.
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "api/arn.h"
#include "api/machine_config.h"
#include "api/names.h"
#include "api/protocol.h"
#include "api/request.h"
#include "api/resources.h"
#include "json/parse.h"

namespace {

namespace api = stepwise::api;
namespace json = stepwise::json;
using stepwise::Error;
using stepwise::Result;

// An error's encoding names it in __type and carries its message.
void CheckError(const Error& error) {
  api::http::Response response = api::EncodeError(error, "fuzz");
  auto body = json::Parse(response.body);
  if (!body.ok() || !body.value().is_object()) std::abort();
  const json::Value* type = body.value().Find("__type");
  const json::Value* message = body.value().Find("message");
  if (!type || !type->is_string() || !type->as_string().ends_with("#" + error.name())) std::abort();
  if (!message || !message->is_string() || message->as_string() != api::ValidUtf8(error.message())) std::abort();
}

template <typename T>
void Check(const Result<T>& result) {
  if (!result.ok()) CheckError(result.error());
}

// An optional string member as the actions read it (a failure is encoded and checked).
std::optional<std::string> String(const api::RequestReader& reader, std::string_view field,
                                  size_t min_length, size_t max_length) {
  Result<std::optional<std::string>> value = reader.OptionalString(field, min_length, max_length);
  Check(value);
  return value.ok() ? value.value() : std::nullopt;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  size_t newline = text.find('\n');
  std::string_view target = text.substr(0, newline);
  api::http::Request request{.method = "POST", .target = "/", .headers = {}, .body = {}};
  if (!target.empty()) request.headers.emplace_back("X-Amz-Target", std::string(target));
  if (newline != std::string_view::npos) request.body = std::string(text.substr(newline + 1));
  Result<api::ApiCall> call = api::DecodeCall(request);
  if (!call.ok()) {
    CheckError(call.error());
    return 0;
  }
  const json::Value& body = call.value().request;
  api::RequestReader reader(body);
  for (std::string_view field : {"stateMachineArn", "executionArn", "activityArn", "resourceArn"}) {
    if (auto arn = String(reader, field, 1, 256)) Check(api::ParseArn(*arn));
  }
  if (auto role = String(reader, "roleArn", 1, 256)) Check(api::CheckRoleArn(*role));
  if (auto name = String(reader, "name", 1, 80)) Check(api::ValidateName(*name));
  auto type = reader.OptionalEnum("type", {"STANDARD", "EXPRESS"});
  Check(type);
  if (auto definition = String(reader, "definition", 1, 1024 * 1024)) {
    Check(api::CheckDefinition(*definition,
                               type.ok() ? type.value().value_or("STANDARD") : "STANDARD"));
  }
  if (auto input = String(reader, "input", 0, 262144)) (void)json::Parse(*input);
  if (auto token = String(reader, "nextToken", 1, 3096)) Check(api::ReadNextToken(*token));
  auto tags = reader.OptionalArray("tags");
  Check(tags);
  if (tags.ok()) Check(api::ReadTags(tags.value(), "arn:aws:states:us-east-1:123456789012:x"));
  Check(api::ReadMaxResults(body));
  Check(api::ReadLoggingConfiguration(body));
  Check(api::ReadTracingConfiguration(body));
  Check(reader.OptionalBool("includeExecutionData"));
  Check(reader.OptionalEnum("statusFilter", {"RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT",
                                             "ABORTED", "PENDING_REDRIVE"}));
  // A success's encoding is the response object, unchanged.
  auto echoed = json::Parse(api::EncodeSuccess(body, "fuzz").body);
  if (!echoed.ok() || !(echoed.value() == body)) std::abort();
  return 0;
}
