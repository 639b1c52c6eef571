// SendTaskHeartbeat: restarts the HeartbeatSeconds of the task waiting for the token.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_SendTaskHeartbeat.html
#include "api/actions/actions.h"
#include "api/actions/task_token.h"
#include "api/request.h"
#include "api/task_callbacks.h"

namespace stepwise::api {

Result<json::Value> SendTaskHeartbeat(Context& context, const json::Value& request) {
  RequestReader reader(request);
  std::string token = TRY(ReadTaskToken(reader));
  TRY(context.callbacks.Heartbeat(token));
  return json::Value::EmptyObject();
}

}  // namespace stepwise::api
