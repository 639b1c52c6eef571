#include "api/errors.h"

namespace stepwise::api {

Error ValidationError(std::string_view field, std::string_view value, std::string_view constraint) {
  std::string message = "1 validation error detected: Value ";
  message += value;
  message += " at '";
  message += field;
  message += "' failed to satisfy constraint: ";
  message += constraint;
  return Error("ValidationException", std::move(message));
}

std::string QuoteForValidation(std::string_view text) {
  return "'" + std::string(text) + "'";
}

int HttpStatusFor(const Error& error) {
  const std::string& name = error.name();
  if (name == "InternalFailure" || name == "InternalServerError" || name == "StoreError") {
    return 500;
  }
  if (name == "ServiceUnavailable") return 503;
  return 400;
}

}  // namespace stepwise::api
