#include "api/actions/task_token.h"

#include "api/errors.h"

namespace stepwise::api {

Result<std::string> ReadTaskToken(const RequestReader& reader) {
  std::string token = TRY(reader.RequiredString("taskToken", 1, 2048));
  for (char c : token) {
    bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   c == '-' || c == '_';
    if (!allowed) return ApiError("InvalidToken", "Invalid Token: '" + token + "'");
  }
  return token;
}

}  // namespace stepwise::api
