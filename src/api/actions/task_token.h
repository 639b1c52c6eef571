#pragma once

#include <string>

#include "api/request.h"
#include "common/result.h"

namespace stepwise::api {

// A request's taskToken: 1 to 2048 characters (ValidationException otherwise); InvalidToken for
// one that no token of this service can be (tokens are URL-safe base64 text).
Result<std::string> ReadTaskToken(const RequestReader& reader);

}  // namespace stepwise::api
