#pragma once

#include <string>
#include <string_view>

#include "api/http/http_server.h"
#include "common/result.h"
#include "json/value.h"

// AWS JSON 1.0, the wire protocol of the Step Functions API: a POST whose X-Amz-Target header
// names the action ("AWSStepFunctions.StartExecution") and whose body is the request as a JSON
// object; the answer is 200 with the response object, or an error status with
// {"__type": "...#<ErrorCode>", "message": "..."}.
// https://docs.aws.amazon.com/step-functions/latest/apireference/CommonParameters.html
namespace stepwise::api {

inline constexpr std::string_view kJsonContentType = "application/x-amz-json-1.0";

// An API call, decoded: the action's name and its request object.
struct ApiCall {
  std::string action;  // "StartExecution"
  json::Value request;  // always an object
};

// Decodes an HTTP request. Errors, as AWS reports them: UnknownOperationException (no or a
// foreign X-Amz-Target), SerializationException (a body that is not a JSON object).
Result<ApiCall> DecodeCall(const http::Request& request);

// text with every byte sequence that is not UTF-8 replaced by U+FFFD. Error messages go through
// it: they may quote what the request sent (a header, the parser's view of a body), and a
// response must stay JSON.
std::string ValidUtf8(std::string_view text);

// The HTTP response for an action's result or error; request_id goes in x-amzn-RequestId.
http::Response EncodeSuccess(const json::Value& response, std::string_view request_id);
http::Response EncodeError(const Error& error, std::string_view request_id);

}  // namespace stepwise::api
