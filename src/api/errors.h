#pragma once

#include <string>
#include <string_view>

#include "common/error.h"

// The errors of the Step Functions API, as data: an Error whose name is AWS's error code
// ("InvalidArn", "StateMachineDoesNotExist", ...) and whose message is AWS's message. The
// protocol layer turns one into the response AWS sends (`__type`, `message`, the status code).
// https://docs.aws.amazon.com/step-functions/latest/apireference/CommonErrors.html
namespace stepwise::api {

inline Error ApiError(std::string code, std::string message) {
  return Error(std::move(code), std::move(message));
}

// ValidationException in the form AWS's services word it:
// "1 validation error detected: Value 'x' at 'name' failed to satisfy constraint: Member must
// have length less than or equal to 80". `value` is the offending value as AWS quotes it
// ("null", "'text'", "5").
Error ValidationError(std::string_view field, std::string_view value, std::string_view constraint);

// The value as a ValidationException quotes it: 'text' for strings, null, or the JSON text.
std::string QuoteForValidation(std::string_view text);

// The HTTP status AWS sends with an error: 500 for the service's own failures (InternalFailure,
// a store error), 400 for everything the request did wrong.
int HttpStatusFor(const Error& error);

}  // namespace stepwise::api
