#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/context.h"
#include "common/result.h"
#include "json/value.h"
#include "store/store.h"

// The Map Runs of Distributed Maps, as ListMapRuns, DescribeMapRun and UpdateMapRun show them,
// derived from the executions' committed histories: there is no table of map runs. A run is its
// MapRunStarted event (whose mapRunArn names it) and the MapRunSucceeded or MapRunFailed event
// that follows it (previousEventId: the engine records a run's end right after its start, since
// its iterations are silent child frames that record nothing). A run with no end event is
// RUNNING while its execution runs, and ABORTED once the execution ended.
//
// A run in progress is not in the store yet (the runner commits events with the top-level
// frame's checkpoint, which stands at the Map state until the Map ends): for a running execution
// ReadMapRuns goes on with the events the engine recorded since the last commit, and
// DescribeMapRun counts a run in progress as the engine has it (ExecutionHandle::MapRun).
//
// The engine makes a run's ARN arn:aws:states:REGION:ACCOUNT:mapRun:MACHINE/LABEL:NAME-ID, NAME
// being the execution's name and ID its MapStateStarted event's id (src/engine/map_state.cc),
// so that the ARN leads to the execution and to the run's first event.
namespace stepwise::api {

// One run of a Distributed Map. Intentionally copyable.
struct MapRun {
  std::string arn;
  std::string execution_arn;
  std::string machine_name;   // MACHINE of the ARN
  std::string label;          // the Map's Label, or its state name
  int64_t started_event = 0;  // the MapRunStarted event's id
  int64_t item_count = 0;     // MapStateStarted's length (0 when that event was not read)
  int64_t start_ms = 0;
  int64_t stop_ms = 0;             // 0 while RUNNING
  std::string status = "RUNNING";  // RUNNING | SUCCEEDED | FAILED | ABORTED
  std::string error;               // MapRunFailed's error
};

// The runs an execution started, in the order they started, from event `first_id` of its
// history on (0: from the start). StoreError, or InternalFailure for a corrupt stored event.
Result<std::vector<MapRun>> ReadMapRuns(Context& context, const store::ExecutionRecord& execution,
                                        int64_t first_id = 0);

// The run an ARN names, with its execution: InvalidArn for a malformed ARN (or one of another
// kind), ResourceNotFound when no execution of this service started such a run.
struct FoundMapRun {
  MapRun run;
  store::ExecutionRecord execution;
};
Result<FoundMapRun> FindMapRun(Context& context, std::string_view arn);

// UpdateMapRun's values: applied to the running Map (update_map_run.cc), and recorded for
// DescribeMapRun's maxConcurrency and tolerance.
struct MapRunSettings {
  std::optional<int64_t> max_concurrency;
  std::optional<double> tolerated_failure_percentage;
  std::optional<int64_t> tolerated_failure_count;
};
// Records values given to UpdateMapRun for `run` (merged with earlier ones).
void RecordMapRunUpdate(Context& context, const MapRun& run, const MapRunSettings& settings);
// The values UpdateMapRun recorded for `run` in this process (all empty when none).
MapRunSettings MapRunUpdates(Context& context, const MapRun& run);

// DescribeMapRun's response for a run of `execution`, at its current state.
json::Value DescribeMapRunRecord(Context& context, const MapRun& run,
                                 const store::ExecutionRecord& execution);

}  // namespace stepwise::api
