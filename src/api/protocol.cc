#include "api/protocol.h"

#include "api/errors.h"
#include "json/parse.h"
#include "json/write.h"

namespace stepwise::api {
namespace {

constexpr std::string_view kTargetPrefix = "AWSStepFunctions.";
// AWS qualifies error codes with the namespace of the service's model; clients keep what follows
// the '#'.
constexpr std::string_view kErrorNamespace = "com.amazonaws.swf.service.v2.model#";

http::Response JsonResponse(int status, std::string body, std::string_view request_id) {
  http::Response response;
  response.status = status;
  response.content_type = std::string(kJsonContentType);
  response.headers.emplace_back("x-amzn-RequestId", std::string(request_id));
  response.body = std::move(body);
  return response;
}

}  // namespace

Result<ApiCall> DecodeCall(const http::Request& request) {
  std::optional<std::string_view> target = request.Header("X-Amz-Target");
  if (!target || !target->starts_with(kTargetPrefix) || target->size() == kTargetPrefix.size()) {
    return ApiError("UnknownOperationException",
                    target ? "Unknown operation " + std::string(*target)
                           : std::string("Missing X-Amz-Target header"));
  }
  ApiCall call;
  call.action = std::string(target->substr(kTargetPrefix.size()));
  std::string_view body = request.body;
  size_t first = body.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    call.request = json::Value::EmptyObject();  // clients send no body for empty requests
    return call;
  }
  Result<json::Value> parsed = json::Parse(body);
  if (!parsed.ok()) {
    return ApiError("SerializationException",
                    "Request body is not valid JSON: " + parsed.error().message());
  }
  if (!parsed.value().is_object()) {
    return ApiError("SerializationException", "Request body must be a JSON object");
  }
  call.request = parsed.release_value();
  return call;
}

http::Response EncodeSuccess(const json::Value& response, std::string_view request_id) {
  return JsonResponse(200, json::Write(response), request_id);
}

http::Response EncodeError(const Error& error, std::string_view request_id) {
  json::Value body = json::Value::Object({
      {"__type", json::Value::String(std::string(kErrorNamespace) + error.name())},
      {"message", json::Value::String(error.message())},
  });
  http::Response response = JsonResponse(HttpStatusFor(error), json::Write(body), request_id);
  response.headers.emplace_back("x-amzn-ErrorType", error.name());
  return response;
}

}  // namespace stepwise::api
