// SendTaskFailure: fails the callback or activity task waiting for the token with an error and
// a cause, which its state's Retry and Catch see.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_SendTaskFailure.html
#include "api/actions/actions.h"
#include "api/actions/task_token.h"
#include "api/request.h"
#include "api/task_callbacks.h"

namespace stepwise::api {

Result<json::Value> SendTaskFailure(Context& context, const json::Value& request) {
  RequestReader reader(request);
  std::string token = TRY(ReadTaskToken(reader));
  std::string error = TRY(reader.OptionalString("error", 0, 256)).value_or("");
  std::string cause = TRY(reader.OptionalString("cause", 0, 32768)).value_or("");
  TRY(context.callbacks.Complete(token, engine::TaskOutcome::Failure(error, cause)));
  return json::Value::EmptyObject();
}

}  // namespace stepwise::api
