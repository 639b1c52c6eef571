// UpdateMapRun: new concurrency and failure tolerance for a Map Run in progress, applied to the
// running Map at once (engine::ExecutionHandle::UpdateMapRun: a grown bound starts more child
// executions now, a smaller one lets those in flight finish) and recorded for DescribeMapRun.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_UpdateMapRun.html
#include <cstdint>

#include "api/actions/actions.h"
#include "api/actions/map_runs.h"
#include "api/errors.h"
#include "api/execution_runner.h"
#include "api/request.h"

namespace stepwise::api {

Result<json::Value> UpdateMapRun(Context& context, const json::Value& request) {
  RequestReader reader(request);
  std::string arn = TRY(reader.RequiredString("mapRunArn", 1, 2000));
  MapRunSettings settings;
  settings.max_concurrency = TRY(reader.OptionalInt("maxConcurrency", 0, INT32_MAX));
  settings.tolerated_failure_percentage =
      TRY(reader.OptionalNumber("toleratedFailurePercentage", 0, 100));
  settings.tolerated_failure_count = TRY(reader.OptionalInt("toleratedFailureCount", 0, INT64_MAX));
  if (!settings.max_concurrency && !settings.tolerated_failure_percentage &&
      !settings.tolerated_failure_count) {
    // AWS's ValidationException reason MISSING_REQUIRED_PARAMETER.
    return ApiError("ValidationException",
                    "At least one of maxConcurrency, toleratedFailurePercentage or "
                    "toleratedFailureCount must be specified");
  }
  FoundMapRun found = TRY(FindMapRun(context, arn));
  if (found.run.status != "RUNNING") {
    // AWS's ValidationException reason CANNOT_UPDATE_COMPLETED_MAP_RUN.
    return ApiError("ValidationException", "Map Run '" + arn + "' is " + found.run.status +
                                               ": only a Map Run in progress can be updated");
  }
  std::optional<engine::ExecutionHandle> handle = context.runner.Handle(found.execution.arn);
  engine::MapRunLimits limits{settings.max_concurrency, settings.tolerated_failure_percentage,
                              settings.tolerated_failure_count};
  if (!handle || !handle->UpdateMapRun(arn, limits)) {
    return ApiError("ValidationException",
                    "Map Run '" + arn + "' has ended: only a Map Run in progress can be updated");
  }
  RecordMapRunUpdate(context, found.run, settings);
  return json::Value::EmptyObject();
}

}  // namespace stepwise::api
