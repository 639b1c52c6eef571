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

std::string ValidUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool valid = length != 0 && i + length <= text.size();
    char32_t code = length == 1 ? c : length == 2 ? c & 0x1F : length == 3 ? c & 0x0F : c & 0x07;
    for (size_t k = 1; valid && k < length; ++k) {
      unsigned char next = static_cast<unsigned char>(text[i + k]);
      valid = (next & 0xC0) == 0x80;
      code = (code << 6) | (next & 0x3F);
    }
    // Overlong forms, surrogates and code points beyond U+10FFFF are not UTF-8 either.
    if (valid && ((length == 2 && code < 0x80) || (length == 3 && code < 0x800) ||
                  (length == 4 && (code < 0x10000 || code > 0x10FFFF)) ||
                  (code >= 0xD800 && code <= 0xDFFF))) {
      valid = false;
    }
    if (valid) {
      out.append(text.substr(i, length));
      i += length;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

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
      {"__type", json::Value::String(ValidUtf8(std::string(kErrorNamespace) + error.name()))},
      {"message", json::Value::String(ValidUtf8(error.message()))},
  });
  http::Response response = JsonResponse(HttpStatusFor(error), json::Write(body), request_id);
  response.headers.emplace_back("x-amzn-ErrorType", ValidUtf8(error.name()));
  return response;
}

}  // namespace stepwise::api
