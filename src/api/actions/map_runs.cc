#include "api/actions/map_runs.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <unordered_map>
#include <utility>

#include "api/arn.h"
#include "api/errors.h"
#include "api/execution_runner.h"
#include "api/resources.h"
#include "engine/history.h"
#include "json/parse.h"

namespace stepwise::api {
namespace {

// Events read from the store at a time while scanning a history.
constexpr int kEventsPerRead = 1000;

Error NotFound(std::string_view arn) {
  return ApiError("ResourceNotFound", "Resource not found: '" + std::string(arn) + "'");
}

int64_t MillisOf(const json::Value& event) {
  const json::Value* timestamp = event.Find("timestamp");
  if (timestamp == nullptr || !timestamp->is_number()) return 0;
  return std::llround(timestamp->as_number() * 1000);
}

int64_t IntOf(const json::Value* value) {
  return value != nullptr && value->is_number() ? static_cast<int64_t>(value->as_number()) : 0;
}

const json::Value* DetailsOf(const json::Value& event, std::string_view key) {
  const json::Value* details = event.Find(key);
  return details != nullptr && details->is_object() ? details : nullptr;
}

// Only these events matter to map runs; the test on the text spares parsing the others (a
// payload that merely mentions the words is parsed and then skipped).
bool MayMatter(std::string_view text) {
  return text.find("MapRun") != std::string_view::npos ||
         text.find("MapStateStarted") != std::string_view::npos ||
         text.find("\"Execution") != std::string_view::npos;
}

bool EndsExecution(std::string_view type) {
  return type == "ExecutionSucceeded" || type == "ExecutionFailed" || type == "ExecutionAborted" ||
         type == "ExecutionTimedOut";
}

// The parts of a map run ARN: MACHINE/LABEL and the ID NAME-EVENT (map_runs.h).
struct RunArnParts {
  Arn arn;
  std::string machine;
  std::string label;
  std::string execution_name;
  int64_t map_state_started = 0;  // 0: not an ID this service makes
};

Result<RunArnParts> ParseRunArn(std::string_view text) {
  RunArnParts parts;
  parts.arn = TRY(ParseArnOf(text, ArnKindBit(ArnKind::kMapRun)));
  size_t slash = parts.arn.name.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == parts.arn.name.size()) {
    return ApiError("InvalidArn",
                    "Invalid Arn: 'Resource name not valid: " + std::string(text) + "'");
  }
  parts.machine = parts.arn.name.substr(0, slash);
  parts.label = parts.arn.name.substr(slash + 1);
  const std::string& id = parts.arn.qualifier;
  size_t dash = id.rfind('-');
  if (dash == std::string::npos || dash == 0 || dash + 1 == id.size()) return parts;
  int64_t event = 0;
  for (size_t i = dash + 1; i < id.size(); ++i) {
    if (id[i] < '0' || id[i] > '9' || event > (INT64_MAX - 9) / 10) return parts;
    event = event * 10 + (id[i] - '0');
  }
  parts.execution_name = id.substr(0, dash);
  parts.map_state_started = event;
  return parts;
}

// What the definition says of a Distributed Map: its bound, its tolerance, its batches. Values
// given through *Path fields or JSONata are known only while the Map runs: they show as unset.
struct MapConfig {
  int64_t max_concurrency = 0;  // 0: no bound given
  std::optional<double> tolerated_failure_percentage;
  std::optional<int64_t> tolerated_failure_count;
  int64_t items_per_batch = 0;  // 0: one item per child execution (or a batch size not fixed)
};

// The Distributed Map whose Label (or, without one, name) is `label`, in `states` or in the
// branches and item processors nested in them.
const json::Value* FindDistributedMap(const json::Value& states, std::string_view label) {
  if (!states.is_object()) return nullptr;
  for (const json::Member& m : states.members()) {
    const json::Value& state = m.value;
    if (!state.is_object()) continue;
    const json::Value* type = state.Find("Type");
    if (type == nullptr || !type->is_string()) continue;
    if (type->as_string() == "Parallel") {
      const json::Value* branches = state.Find("Branches");
      if (branches == nullptr || !branches->is_array()) continue;
      for (const json::Value& branch : branches->items()) {
        const json::Value* nested = branch.is_object() ? branch.Find("States") : nullptr;
        if (nested == nullptr) continue;
        if (const json::Value* found = FindDistributedMap(*nested, label)) return found;
      }
      continue;
    }
    if (type->as_string() != "Map") continue;
    const json::Value* processor = state.Find("ItemProcessor");
    if (processor == nullptr) processor = state.Find("Iterator");
    if (processor == nullptr || !processor->is_object()) continue;
    const json::Value* config = processor->Find("ProcessorConfig");
    const json::Value* mode =
        config != nullptr && config->is_object() ? config->Find("Mode") : nullptr;
    bool distributed = mode != nullptr && mode->is_string() && mode->as_string() == "DISTRIBUTED";
    const json::Value* own_label = state.Find("Label");
    bool named = own_label != nullptr && own_label->is_string() ? own_label->as_string() == label
                                                                : m.name() == label;
    if (distributed && named) return &state;
    if (const json::Value* nested = processor->Find("States")) {
      if (const json::Value* found = FindDistributedMap(*nested, label)) return found;
    }
  }
  return nullptr;
}

// The run's Map as the definition of the execution's machine (or version) has it now: a machine
// updated since the execution started shows its new definition, a deleted one nothing.
MapConfig ConfigOf(Context& context, const MapRun& run, const store::ExecutionRecord& execution) {
  MapConfig config;
  const std::string& machine_arn =
      execution.version_arn.empty() ? execution.state_machine_arn : execution.version_arn;
  Result<std::optional<store::StateMachineRecord>> machine =
      context.store.GetStateMachine(machine_arn);
  if (!machine.ok() || !machine.value()) return config;
  Result<json::Value> definition = json::Parse(machine.value()->definition);
  if (!definition.ok() || !definition.value().is_object()) return config;
  const json::Value* states = definition.value().Find("States");
  const json::Value* map = states != nullptr ? FindDistributedMap(*states, run.label) : nullptr;
  if (map == nullptr) return config;
  if (const json::Value* v = map->Find("MaxConcurrency"); v != nullptr && v->is_number()) {
    config.max_concurrency = static_cast<int64_t>(v->as_number());
  }
  if (const json::Value* v = map->Find("ToleratedFailurePercentage");
      v != nullptr && v->is_number()) {
    config.tolerated_failure_percentage = v->as_number();
  }
  if (const json::Value* v = map->Find("ToleratedFailureCount"); v != nullptr && v->is_number()) {
    config.tolerated_failure_count = static_cast<int64_t>(v->as_number());
  }
  const json::Value* batcher = map->Find("ItemBatcher");
  if (batcher != nullptr && batcher->is_object() &&
      batcher->Find("MaxInputBytesPerBatch") == nullptr &&
      batcher->Find("MaxInputBytesPerBatchPath") == nullptr) {
    if (const json::Value* v = batcher->Find("MaxItemsPerBatch"); v != nullptr && v->is_number()) {
      config.items_per_batch = std::max<int64_t>(static_cast<int64_t>(v->as_number()), 1);
    }
  }
  return config;
}

// A run's counts of one kind (items, or child executions), in MapRunItemCounts' members.
struct Tally {
  int64_t pending = 0;
  int64_t running = 0;
  int64_t succeeded = 0;
  int64_t failed = 0;
  int64_t aborted = 0;
  int64_t total = 0;
  int64_t results_written = 0;
};

// The history records how a run ended, not how each child did: the counts follow from the
// status. A succeeded run counts every unit succeeded (and its result written to the Map's
// output, as AWS counts resultsWritten without a ResultWriter); a failed one the units whose
// failures failed it (one, or the tolerated number plus one) failed and the rest aborted; an
// aborted one all aborted; a running one as many running as its bound allows, the rest pending.
// `unit` is how many of the counted things one child execution stands for (items per batch).
Tally TallyOf(const MapRun& run, int64_t total, int64_t failed_children, int64_t running_children,
              int64_t unit) {
  Tally tally;
  tally.total = total;
  if (run.status == "SUCCEEDED") {
    tally.succeeded = tally.results_written = total;
  } else if (run.status == "FAILED") {
    tally.failed = std::min(total, failed_children * unit);
    tally.aborted = total - tally.failed;
  } else if (run.status == "ABORTED") {
    tally.aborted = total;
  } else {
    tally.running = std::min(total, running_children * unit);
    tally.pending = total - tally.running;
  }
  return tally;
}

// A run in progress, as the engine has it: each child execution stands for `unit` items (the
// last batch may hold fewer: `total` bounds the counts).
Tally LiveTally(const engine::MapRunProgress& progress, int64_t total, int64_t unit) {
  auto units = [&](size_t children) {
    return std::min(total, static_cast<int64_t>(children) * unit);
  };
  Tally tally;
  tally.total = total;
  size_t finished = progress.started - std::min(progress.started, progress.in_flight);
  tally.failed = units(progress.failed);
  tally.running = units(progress.in_flight);
  tally.succeeded = std::min(total - tally.failed - tally.running,
                             units(finished - std::min(finished, progress.failed)));
  tally.results_written = tally.succeeded;
  tally.pending = total - tally.failed - tally.running - tally.succeeded;
  return tally;
}

json::Value CountsJson(const Tally& tally) {
  return json::Value::Object({
      {"pending", json::Value::Int(tally.pending)},
      {"running", json::Value::Int(tally.running)},
      {"succeeded", json::Value::Int(tally.succeeded)},
      {"failed", json::Value::Int(tally.failed)},
      {"timedOut", json::Value::Int(0)},
      {"aborted", json::Value::Int(tally.aborted)},
      {"total", json::Value::Int(tally.total)},
      {"resultsWritten", json::Value::Int(tally.results_written)},
      {"failuresNotRedrivable", json::Value::Int(0)},
      {"pendingRedrive", json::Value::Int(0)},
  });
}

// UpdateMapRun's values, by store (one per service) and run. In memory, not in the store: a
// run's settings matter while it runs, and a run that was running when the process stopped
// starts again as a new run (a new MapStateStarted, so a new ARN) when its execution resumes.
// Process-wide rather than in the Context because services share a process only in tests; the
// run's start time guards against a later service at the same store address.
struct RecordedUpdate {
  int64_t start_ms = 0;
  MapRunSettings settings;
};
struct UpdateRegistry {
  std::mutex mutex;
  std::map<std::pair<const store::Store*, std::string>, RecordedUpdate> updates;
};
UpdateRegistry& Registry() {
  static UpdateRegistry* registry = new UpdateRegistry;  // never destroyed: used until exit
  return *registry;
}

}  // namespace

namespace {

// Pairs a history's map run events into runs, event by event in id order.
class RunScanner {
 public:
  explicit RunScanner(const store::ExecutionRecord& execution) : execution_(execution) {}

  void Consume(const json::Value& event) {
    const json::Value* type_value = event.Find("type");
    if (type_value == nullptr || !type_value->is_string()) return;
    std::string_view type = type_value->as_string();
    int64_t id = IntOf(event.Find("id"));
    int64_t previous = IntOf(event.Find("previousEventId"));
    if (type == "MapStateStarted") {
      const json::Value* details = DetailsOf(event, "mapStateStartedEventDetails");
      lengths_[id] = details != nullptr ? IntOf(details->Find("length")) : 0;
    } else if (type == "MapRunStarted") {
      const json::Value* details = DetailsOf(event, "mapRunStartedEventDetails");
      const json::Value* arn = details != nullptr ? details->Find("mapRunArn") : nullptr;
      if (arn == nullptr || !arn->is_string()) return;
      MapRun run;
      run.arn = std::string(arn->as_string());
      run.execution_arn = execution_.arn;
      if (Result<RunArnParts> parts = ParseRunArn(run.arn); parts.ok()) {
        run.machine_name = parts.value().machine;
        run.label = parts.value().label;
      }
      run.started_event = id;
      if (auto length = lengths_.find(previous); length != lengths_.end()) {
        run.item_count = length->second;
      }
      run.start_ms = MillisOf(event);
      open_[id] = runs_.size();
      runs_.push_back(std::move(run));
    } else if (type == "MapRunSucceeded" || type == "MapRunFailed" || type == "MapRunAborted") {
      // A run's end follows its start (see map_runs.h): pairs are exact even when the same Map
      // runs again in a loop or several runs of it are under way at once.
      auto started = open_.find(previous);
      if (started == open_.end()) return;
      MapRun& run = runs_[started->second];
      run.status = type == "MapRunSucceeded" ? "SUCCEEDED"
                   : type == "MapRunFailed"  ? "FAILED"
                                             : "ABORTED";
      run.stop_ms = MillisOf(event);
      if (const json::Value* details = DetailsOf(event, "mapRunFailedEventDetails")) {
        const json::Value* error = details->Find("error");
        if (error != nullptr && error->is_string()) run.error = std::string(error->as_string());
      }
      open_.erase(started);
    } else if (EndsExecution(type)) {
      // The execution ended (a redrive starts Maps again as new runs): what was still running,
      // a Map cancelled with its execution or its enclosing Parallel, was aborted.
      AbortOpen(MillisOf(event));
    }
  }

  void AbortOpen(int64_t stop_ms) {
    for (const auto& [started, index] : open_) {
      runs_[index].status = "ABORTED";
      runs_[index].stop_ms = stop_ms;
    }
    open_.clear();
  }

  std::vector<MapRun> Take() { return std::move(runs_); }

 private:
  const store::ExecutionRecord& execution_;
  std::vector<MapRun> runs_;
  std::unordered_map<int64_t, size_t> open_;      // MapRunStarted's id -> its run
  std::unordered_map<int64_t, int64_t> lengths_;  // MapStateStarted's id -> its length
};

bool MattersToRuns(engine::EventType type) {
  using engine::EventType;
  switch (type) {
    case EventType::kMapStateStarted:
    case EventType::kMapRunStarted:
    case EventType::kMapRunSucceeded:
    case EventType::kMapRunFailed:
    case EventType::kMapRunAborted:
      return true;
    default:
      return false;
  }
}

}  // namespace

Result<std::vector<MapRun>> ReadMapRuns(Context& context, const store::ExecutionRecord& execution,
                                        int64_t first_id) {
  RunScanner scanner(execution);
  int64_t next = first_id;
  for (;;) {
    std::vector<store::EventRecord> events =
        TRY(context.store.ReadEvents(execution.arn, next, kEventsPerRead, false));
    for (const store::EventRecord& record : events) {
      if (!MayMatter(record.json)) continue;
      Result<json::Value> parsed = json::Parse(record.json);
      if (!parsed.ok() || !parsed.value().is_object()) {
        return ApiError("InternalFailure", "A stored history event is corrupt: event " +
                                               std::to_string(record.id) + " of " + execution.arn);
      }
      scanner.Consume(parsed.value());
    }
    if (!events.empty()) next = events.back().id + 1;
    if (static_cast<int>(events.size()) < kEventsPerRead) break;
  }
  if (execution.status == "RUNNING") {
    // The events recorded since the last commit: a run in progress is among them (the top-level
    // checkpoint stands at its Map state until the Map ends).
    std::optional<engine::ExecutionHandle> handle = context.runner.Handle(execution.arn);
    std::shared_ptr<const engine::History> history = handle ? handle->history() : nullptr;
    if (history != nullptr) {
      size_t first = static_cast<size_t>(std::max<int64_t>(next, 1) - 1);
      history->VisitWrittenFrom(first, [&](const engine::HistoryEvent& event) {
        if (MattersToRuns(event.type)) scanner.Consume(engine::EventToJson(event));
      });
    }
  } else {
    scanner.AbortOpen(execution.stop_ms);
  }
  return scanner.Take();
}

Result<FoundMapRun> FindMapRun(Context& context, std::string_view arn) {
  RunArnParts parts = TRY(ParseRunArn(arn));
  if (parts.map_state_started == 0) return NotFound(arn);
  std::string execution_arn = "arn:aws:states:" + parts.arn.region + ":" + parts.arn.account +
                              ":execution:" + parts.machine + ":" + parts.execution_name;
  std::optional<store::ExecutionRecord> execution = TRY(context.store.GetExecution(execution_arn));
  if (!execution) return NotFound(arn);
  // The run's events start at its MapStateStarted event, the ARN's ID.
  std::vector<MapRun> runs = TRY(ReadMapRuns(context, *execution, parts.map_state_started));
  for (MapRun& run : runs) {
    if (run.arn == arn) return FoundMapRun{std::move(run), std::move(*execution)};
  }
  return NotFound(arn);
}

void RecordMapRunUpdate(Context& context, const MapRun& run, const MapRunSettings& settings) {
  UpdateRegistry& registry = Registry();
  std::lock_guard<std::mutex> lock(registry.mutex);
  RecordedUpdate& recorded = registry.updates[{&context.store, run.arn}];
  if (recorded.start_ms != run.start_ms) recorded = RecordedUpdate{run.start_ms, {}};
  if (settings.max_concurrency) recorded.settings.max_concurrency = settings.max_concurrency;
  if (settings.tolerated_failure_percentage) {
    recorded.settings.tolerated_failure_percentage = settings.tolerated_failure_percentage;
  }
  if (settings.tolerated_failure_count) {
    recorded.settings.tolerated_failure_count = settings.tolerated_failure_count;
  }
}

MapRunSettings MapRunUpdates(Context& context, const MapRun& run) {
  UpdateRegistry& registry = Registry();
  std::lock_guard<std::mutex> lock(registry.mutex);
  auto found = registry.updates.find({&context.store, run.arn});
  if (found == registry.updates.end() || found->second.start_ms != run.start_ms) return {};
  return found->second.settings;
}

json::Value DescribeMapRunRecord(Context& context, const MapRun& run,
                                 const store::ExecutionRecord& execution) {
  MapConfig config = ConfigOf(context, run, execution);
  int64_t bound = config.max_concurrency;
  MapRunSettings updates = MapRunUpdates(context, run);
  if (updates.max_concurrency) config.max_concurrency = *updates.max_concurrency;
  if (updates.tolerated_failure_percentage) {
    config.tolerated_failure_percentage = updates.tolerated_failure_percentage;
  }
  if (updates.tolerated_failure_count)
    config.tolerated_failure_count = updates.tolerated_failure_count;

  int64_t items = run.item_count;
  int64_t children = config.items_per_batch > 0
                         ? (items + config.items_per_batch - 1) / config.items_per_batch
                         : items;
  // As the engine reckons the threshold (map_state.cc): the smaller of the count and the
  // percentage of the child executions.
  int64_t failed_children = 1;
  if (run.error == "States.ExceedToleratedFailureThreshold") {
    int64_t tolerated = INT64_MAX;
    if (config.tolerated_failure_count) tolerated = *config.tolerated_failure_count;
    if (config.tolerated_failure_percentage) {
      tolerated = std::min(tolerated,
                           static_cast<int64_t>(std::floor(*config.tolerated_failure_percentage *
                                                           static_cast<double>(children) / 100.0)));
    }
    if (tolerated != INT64_MAX) failed_children = tolerated + 1;
  }
  int64_t running_children = bound > 0 ? bound : children;
  int64_t unit = std::max<int64_t>(config.items_per_batch, 1);

  std::vector<json::Member> members;
  members.emplace_back("mapRunArn", json::Value::String(run.arn));
  members.emplace_back("executionArn", json::Value::String(run.execution_arn));
  members.emplace_back("status", json::Value::String(run.status));
  members.emplace_back("startDate", Timestamp(run.start_ms));
  if (run.stop_ms != 0) members.emplace_back("stopDate", Timestamp(run.stop_ms));
  members.emplace_back("maxConcurrency", json::Value::Int(config.max_concurrency));
  members.emplace_back("toleratedFailurePercentage",
                       json::Value::Double(config.tolerated_failure_percentage.value_or(0)));
  members.emplace_back("toleratedFailureCount",
                       json::Value::Int(config.tolerated_failure_count.value_or(0)));
  // A run in progress counts as the engine has it; an ended one follows from how it ended.
  std::optional<engine::MapRunProgress> progress;
  if (run.status == "RUNNING") {
    if (std::optional<engine::ExecutionHandle> handle = context.runner.Handle(run.execution_arn)) {
      progress = handle->MapRun(run.arn);
    }
  }
  if (progress) {
    members.emplace_back("itemCounts", CountsJson(LiveTally(*progress, items, unit)));
    members.emplace_back(
        "executionCounts",
        CountsJson(LiveTally(*progress, static_cast<int64_t>(progress->total), 1)));
  } else {
    members.emplace_back("itemCounts",
                         CountsJson(TallyOf(run, items, failed_children, running_children, unit)));
    members.emplace_back("executionCounts",
                         CountsJson(TallyOf(run, children, failed_children, running_children, 1)));
  }
  // Stepwise does not redrive map runs (a redriven execution starts its Maps again as new runs).
  members.emplace_back("redriveCount", json::Value::Int(0));
  return json::Value::Object(std::move(members));
}

}  // namespace stepwise::api
