// SendTaskSuccess: completes the callback or activity task waiting for the token with output.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_SendTaskSuccess.html
#include "api/actions/actions.h"
#include "api/actions/task_token.h"
#include "api/errors.h"
#include "api/request.h"
#include "api/task_callbacks.h"
#include "json/parse.h"

namespace stepwise::api {

Result<json::Value> SendTaskSuccess(Context& context, const json::Value& request) {
  RequestReader reader(request);
  std::string token = TRY(ReadTaskToken(reader));
  std::string output = TRY(reader.RequiredString("output", 0, 262144));
  Result<json::Value> parsed = json::Parse(output);
  if (!parsed.ok()) {
    return ApiError("InvalidOutput", "Invalid Output: '" + parsed.error().message() + "'");
  }
  TRY(context.callbacks.Complete(token, engine::TaskOutcome::Success(parsed.release_value())));
  return json::Value::EmptyObject();
}

}  // namespace stepwise::api
