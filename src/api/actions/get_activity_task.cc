// GetActivityTask: a worker's long poll for the next task of an activity, up to 60 seconds; the
// answer has no taskToken when none came.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_GetActivityTask.html
#include "api/actions/actions.h"
#include "api/activity_queues.h"
#include "api/request.h"
#include "api/resources.h"

namespace stepwise::api {

void GetActivityTask(Context& context, const json::Value& request, Reply reply) {
  RequestReader reader(request);
  Result<std::string> arn = reader.RequiredString("activityArn", 1, 256);
  if (!arn.ok()) return reply(arn.release_error());
  Result<std::optional<std::string>> worker = reader.OptionalString("workerName", 1, 80);
  if (!worker.ok()) return reply(worker.release_error());
  Result<store::ActivityRecord> activity = FindActivity(context, arn.value());
  if (!activity.ok()) return reply(activity.release_error());
  context.activities.Poll(arn.value(), worker.value().value_or(""),
                          std::chrono::milliseconds(context.options.activity_poll_ms),
                          [reply](std::optional<ActivityTask> task) {
                            if (!task) return reply(json::Value::EmptyObject());
                            reply(json::Value::Object(
                                {{"taskToken", json::Value::String(task->token)},
                                 {"input", json::Value::String(task->input)}}));
                          });
}

}  // namespace stepwise::api
