// ASL "Map State": runs the item processor for each item of an array (Inline), or for each
// batch, with a bound on the iterations in flight and a tolerated share of failures. A
// Distributed Map's iterations are child executions: their events are not in this history.
// https://docs.aws.amazon.com/step-functions/latest/dg/state-map.html

#include <cmath>

#include "engine/data_flow.h"
#include "engine/execution.h"
#include "engine/group.h"
#include "engine/jsonata_flow.h"
#include "json/parse.h"
#include "json/write.h"

namespace stepwise::engine {
namespace {

// A number field given as a value or read with a *Path (AWS's messages name the field).
// kind: "integer" or "float".
Result<std::optional<double>> ReadNumber(const asl::DynamicNumber& field,
                                         const std::string& path_field, const char* kind,
                                         const json::Value& input, const jsonpath::Roots& roots) {
  if (field.value) return std::optional<double>(*field.value);
  if (!field.path) return std::optional<double>();
  jsonpath::Roots at = roots;
  at.input = &input;
  std::optional<json::Value> value = field.path->Evaluate(at);
  if (!value) {
    return Error("States.Runtime", "Invalid path '" + field.path->text() +
                                       "' : No results for path: " + field.path->Normalized());
  }
  // A number written as a string ("1") is read as Java's parseInt / parseDouble would.
  json::Value number = *value;
  if (number.is_string()) {
    Result<json::Value> parsed = json::Parse(number.as_string());
    if (parsed.ok() && parsed.value().is_number()) number = parsed.release_value();
  }
  bool integral =
      number.is_int() || (number.is_double() && std::floor(number.as_double()) == number.as_double());
  bool ok = std::string_view(kind) == "integer" ? integral : number.is_number();
  if (!ok) {
    return Error("States.Runtime", "The " + path_field + " field refers to value \"" +
                                       (value->is_string() ? std::string(value->as_string())
                                                           : json::WriteForMessage(*value)) +
                                       "\" which is not a valid " + kind + ": " +
                                       field.path->text());
  }
  return std::optional<double>(number.as_number());
}

// Splits the (already selected) items into batches: {"Items": [...], "BatchInput": ...}.
// JSONata: the batcher's fields are evaluated by the caller and passed in.
struct BatchLimits {
  std::optional<double> max_items;
  std::optional<double> max_bytes;
  std::optional<json::Value> batch_input;
};

Result<std::vector<json::Value>> Batch(const asl::ItemBatcher& batcher,
                                       const std::vector<json::Value>& items,
                                       const json::Value& input, const jsonpath::Roots& roots,
                                       const asl::IntrinsicContext& intrinsics,
                                       const BatchLimits* jsonata = nullptr) {
  std::optional<double> max_items;
  std::optional<double> max_bytes;
  if (jsonata != nullptr) {
    max_items = jsonata->max_items;
    max_bytes = jsonata->max_bytes;
  } else {
    max_items = TRY(
        ReadNumber(batcher.max_items_per_batch, "MaxItemsPerBatchPath", "integer", input, roots));
    max_bytes = TRY(ReadNumber(batcher.max_input_bytes_per_batch, "MaxInputBytesPerBatchPath",
                               "integer", input, roots));
  }
  json::Value batch_input;
  bool has_batch_input = false;
  if (jsonata != nullptr) {
    has_batch_input = jsonata->batch_input.has_value();
    if (has_batch_input) batch_input = *jsonata->batch_input;
  } else if (batcher.batch_input) {
    jsonpath::Roots at = roots;
    at.input = &input;
    batch_input = TRY(batcher.batch_input->Evaluate(at, intrinsics));
    has_batch_input = true;
  }
  size_t item_limit = max_items ? static_cast<size_t>(*max_items) : items.size();
  size_t byte_limit = max_bytes ? static_cast<size_t>(*max_bytes) : SIZE_MAX;
  std::vector<json::Value> batches;
  std::vector<json::Value> current;
  size_t bytes = 0;
  auto flush = [&] {
    if (current.empty()) return;
    std::vector<json::Member> members;
    members.emplace_back("Items", json::Value::Array(std::move(current)));
    if (has_batch_input) members.emplace_back("BatchInput", batch_input);
    batches.push_back(json::Value::Object(std::move(members)));
    current.clear();
    bytes = 0;
  };
  for (const json::Value& item : items) {
    size_t size = item.SerializedSize() + 1;
    if (!current.empty() && (current.size() >= item_limit || bytes + size > byte_limit)) flush();
    current.push_back(item);
    bytes += size;
  }
  flush();
  return batches;
}

// A Map Run's ARN: arn:aws:states:REGION:ACCOUNT:mapRun:MACHINE/LABEL:ID, LABEL being the Map's
// Label or else its name. AWS's ID is a UUID; ours is "<execution name>-<id of the run's
// MapStateStarted event>": unique for every run of the Map (a Map in a loop, retried or redriven
// starts a new run), and it leads the API from the ARN to the execution and to the run's events
// without an index of map runs (src/api/actions/map_runs.h). Execution names contain no ':' or
// '/', and the suffix is all digits, so the split at the last '-' is unambiguous. MACHINE is the
// machine's name, also for an execution of a version.
std::string MapRunArn(const Execution& execution, const asl::State& state,
                      int64_t started_event) {
  const auto& map = asl::FieldsOf<asl::MapFields>(state);
  const ExecutionIdentity& identity = execution.options().identity;
  std::string arn = identity.state_machine_arn;
  size_t at = arn.find(":stateMachine:");
  if (at != std::string::npos) arn = arn.substr(0, at) + ":mapRun:" + identity.state_machine_name;
  return arn + "/" + (map.label ? *map.label : state.name) + ":" + execution.execution_name() +
         "-" + std::to_string(started_event);
}

}  // namespace

Step ExecuteMap(const FramePtr& frame_ptr, const asl::State& state) {
  Frame& frame = *frame_ptr;
  Execution& execution = *frame.execution;
  const auto& map = asl::FieldsOf<asl::MapFields>(state);
  // Resumed after a restart with its iterations under way, the items are selected again (from
  // the same input, variables and context) and it takes them up; redriven, it keeps the
  // iterations that had succeeded (checkpoint.h).
  std::shared_ptr<const GroupCheckpoint> saved;
  if (frame.resume == Frame::Resume::kGroup) saved = std::move(frame.resume_group);
  frame.resume = Frame::Resume::kNone;
  bool jsonata = state.query_language == asl::QueryLanguage::kJsonata;
  json::Value context;
  jsonpath::Roots roots;
  std::optional<JsonataEnvironment> environment;
  asl::JsonataFailure failure;
  if (jsonata) {
    environment.emplace(frame, state, frame.input);
  } else {
    roots = RootsFor(frame, state, frame.input, &context);
  }
  // Taken up where it stood: its Started events are recorded already.
  bool taken_up = saved != nullptr && !saved->redrive;
  bool started = taken_up;
  auto fail = [&](const Error& error) {
    if (!jsonata) return Step::Failed(StateFailure(frame, state, error));
    // A JSONata Map's evaluation failure: EvaluationFailed, then MapStateFailed (as AWS records
    // it, scenarios/base_scenarios.map_state_items_eval_jsonata_fail.*).
    Step step = Step::Failed(QueryFailure(frame, state, error, failure));
    if (!started || !WillRetry(frame, state, step.error)) {
      frame.last_event = RecordFor(frame, EventType::kMapStateFailed, frame.last_event);
    }
    return step;
  };

  json::Value input;
  json::Value items;
  if (jsonata) {
    // Items: an array (whose "{% %}" members are filled in) or an expression whose result must
    // be an array; by default the state's input, which must then be an array.
    input = frame.input;
    items = input;
    if (map.jsonata_items) {
      Result<json::Value> evaluated = environment->Evaluate(*map.jsonata_items, &failure);
      if (!evaluated.ok()) return fail(evaluated.error());
      items = evaluated.release_value();
      if (const asl::JsonataExpression* expression = map.jsonata_items->expression();
          expression != nullptr && !items.is_array()) {
        failure.location = "Items";
        return fail(asl::UnexpectedJsonataType(*expression, "Items", "array", items));
      }
    }
    if (!items.is_array()) {
      return fail(Error(std::string(asl::kQueryEvaluationError),
                        "Map state input must be an array but was: " +
                            json::WriteForMessage(items)));
    }
  } else {
    Result<json::Value> effective = ApplyInputOrOutputPath(state.input_path, frame.input, roots);
    if (!effective.ok()) return fail(effective.error());
    input = effective.release_value();
    items = input;
  }
  // A number field of either language (AWS's messages name the *Path field or the field).
  auto read_number = [&](const asl::DynamicNumber& field, const std::string& path_field,
                         const char* kind) -> Result<std::optional<double>> {
    if (!jsonata) return ReadNumber(field, path_field, kind, input, roots);
    std::string name = path_field.substr(0, path_field.size() - 4);  // without "Path"
    return JsonataNumber(field, *environment, name, std::string_view(kind) == "integer",
                         &failure);
  };
  if (map.items_path) {
    roots.input = &input;
    std::optional<json::Value> selected = map.items_path->Evaluate(roots);
    if (!selected) {
      return fail(Error("States.Runtime", "Invalid path '" + map.items_path->text() +
                                              "' : No results for path: " +
                                              map.items_path->Normalized()));
    }
    items = std::move(*selected);
  }
  if (!items.is_array()) {
    return fail(Error("States.Runtime",
                      "Map state input must be an array but was: " + json::WriteForMessage(items)));
  }

  Result<std::optional<double>> concurrency =
      read_number(map.max_concurrency, "MaxConcurrencyPath", "integer");
  if (!concurrency.ok()) return fail(concurrency.error());
  // AWS records MapStateStarted after reading MaxConcurrency and before reading the tolerated
  // failures (as its recorded histories of failing *Path fields show).
  if (!taken_up) {
    frame.last_event = RecordFor(frame, EventType::kMapStateStarted, frame.last_event,
                                 [&](HistoryEvent& event) {
                                   event.number = static_cast<uint32_t>(items.size());
                                 });
  }
  started = true;
  Result<std::optional<double>> tolerated_count =
      read_number(map.tolerated_failure_count, "ToleratedFailureCountPath", "integer");
  if (!tolerated_count.ok()) return fail(tolerated_count.error());
  Result<std::optional<double>> tolerated_percentage =
      read_number(map.tolerated_failure_percentage, "ToleratedFailurePercentagePath", "float");
  if (!tolerated_percentage.ok()) return fail(tolerated_percentage.error());
  if (tolerated_percentage.value() &&
      (*tolerated_percentage.value() < 0 || *tolerated_percentage.value() > 100)) {
    failure.location = "ToleratedFailurePercentage";
    return fail(Error(jsonata ? std::string(asl::kQueryEvaluationError) : "States.Runtime",
                      "ToleratedFailurePercentage must be between 0 and 100."));
  }

  auto group = std::make_shared<Group>();
  group->kind = Group::Kind::kMap;
  group->execution = &execution;
  group->own_execution = execution.shared_from_this();
  group->state = &state;
  group->scope = SharedScope(frame);
  group->silent = frame.silent || map.distributed;
  group->entered_event = frame.entered_event;
  group->entered_ms = frame.entered_ms;
  group->retries = frame.retries;
  group->effective_input = input;
  if (map.item_batcher) {
    // Items are selected first, then batched: each iteration gets one batch.
    std::vector<json::Value> selected;
    selected.reserve(items.size());
    for (size_t i = 0; i < items.size(); ++i) {
      json::Value item = items.items()[i];
      if (jsonata && map.jsonata_item_selector) {
        JsonataEnvironment item_environment(frame, state, input, &item, static_cast<int64_t>(i));
        Result<json::Value> filled = item_environment.Evaluate(*map.jsonata_item_selector, &failure);
        if (!filled.ok()) return fail(filled.error());
        item = filled.release_value();
      } else if (map.item_selector) {
        json::Value item_context = execution.ContextFor(state, frame.entered_ms, frame.retries,
                                                        &item, static_cast<int64_t>(i));
        jsonpath::Roots at{&input, &item_context, frame.scope};
        Result<json::Value> filled = map.item_selector->Evaluate(at, execution.intrinsic_context());
        if (!filled.ok()) return fail(filled.error());
        item = filled.release_value();
      }
      selected.push_back(std::move(item));
    }
    BatchLimits limits;
    if (jsonata) {
      const asl::ItemBatcher& batcher = *map.item_batcher;
      Result<std::optional<double>> max_items =
          read_number(batcher.max_items_per_batch, "MaxItemsPerBatchPath", "integer");
      if (!max_items.ok()) return fail(max_items.error());
      Result<std::optional<double>> max_bytes =
          read_number(batcher.max_input_bytes_per_batch, "MaxInputBytesPerBatchPath", "integer");
      if (!max_bytes.ok()) return fail(max_bytes.error());
      limits.max_items = max_items.value();
      limits.max_bytes = max_bytes.value();
      if (batcher.jsonata_batch_input) {
        Result<json::Value> batch_input =
            environment->Evaluate(*batcher.jsonata_batch_input, &failure);
        if (!batch_input.ok()) return fail(batch_input.error());
        limits.batch_input = batch_input.release_value();
      }
    }
    Result<std::vector<json::Value>> batches =
        Batch(*map.item_batcher, selected, input, roots, execution.intrinsic_context(),
              jsonata ? &limits : nullptr);
    if (!batches.ok()) return fail(batches.error());
    group->items = json::Value::Array(batches.release_value());
    group->inputs_ready = true;
  } else {
    group->items = items;
  }
  group->count = group->items.size();
  group->remaining.store(group->count, std::memory_order_relaxed);  // none finished (ProgressOf)
  group->max_in_flight.store(
      MapConcurrencyBound(execution, static_cast<int64_t>(concurrency.value().value_or(0))),
      std::memory_order_relaxed);
  group->results.resize(group->count);
  SetTolerance(*group, tolerated_count.value(), tolerated_percentage.value());

  if (map.distributed && !frame.silent) {
    if (taken_up && !saved->map_run_arn.empty()) {
      group->map_run_arn = saved->map_run_arn;
    } else {
      group->map_run_arn = MapRunArn(execution, state, frame.last_event);
      frame.last_event =
          RecordFor(frame, EventType::kMapRunStarted, frame.last_event,
                    [&](HistoryEvent& event) { event.details = ArnDetails(group->map_run_arn); });
    }
    // UpdateMapRun and DescribeMapRun reach the run while it is in progress.
    execution.AddMapRun(group->map_run_arn, group);
  }
  group->started_event = group->last_event = frame.last_event;
  group->owner = frame_ptr;
  BeginWait(frame);
  FlushTransitions(frame);
  return saved != nullptr ? ResumeGroup(group, *saved) : RunGroup(group);
}

void StartMapIteration(const GroupPtr& group, size_t index, int64_t previous_event) {
  const asl::State& state = *group->state;
  const auto& map = asl::FieldsOf<asl::MapFields>(state);
  Execution& execution = *group->execution;
  auto child = std::make_shared<Frame>();
  child->execution = &execution;
  child->machine = map.processor.get();
  child->scope = group->scope.get();
  child->group = group;
  child->index = index;
  child->silent = group->silent;
  child->last_event = previous_event;
  if (!child->silent) {
    child->last_event = RecordFor(*child, EventType::kMapIterationStarted, previous_event,
                                  [&](HistoryEvent& event) {
                                    event.name = &state.name;
                                    event.number = static_cast<uint32_t>(index);
                                  });
  }
  json::Value input = group->items.items()[index];
  // An ItemSelector that fails for this item ends the iteration before it enters any state (so
  // nothing in it can retry or catch the error), and with it the Map; the cause names the Map's
  // Entered event.
  auto fail_item = [&](const Error& error) {
    Step failed = Step::Failed(StateError{
        error.name(),
        "An error occurred while executing the state '" + state.name +
            "' (entered at the event id #" + std::to_string(group->entered_event) + "). " +
            error.message(),
        true});
    failed.handled = true;
    ChildEnded(child, std::move(failed));
  };
  if (!group->inputs_ready && map.jsonata_item_selector &&
      state.query_language == asl::QueryLanguage::kJsonata) {
    // ItemSelector: $states.input is the Map's input, $states.context.Map.Item this item.
    JsonataEnvironment environment(execution, state, group->scope.get(), group->entered_ms,
                                   group->retries, group->effective_input, &input,
                                   static_cast<int64_t>(index));
    asl::JsonataFailure failure;
    Result<json::Value> filled = environment.Evaluate(*map.jsonata_item_selector, &failure);
    if (!filled.ok()) return fail_item(filled.error());
    input = filled.release_value();
  } else if (!group->inputs_ready && map.item_selector) {
    // ItemSelector: `$` is the Map's effective input, `$$.Map.Item` this item.
    json::Value item_context = execution.ContextFor(state, group->entered_ms, group->retries,
                                                    &input, static_cast<int64_t>(index));
    jsonpath::Roots roots{&group->effective_input, &item_context, group->scope.get()};
    Result<json::Value> filled = map.item_selector->Evaluate(roots, execution.intrinsic_context());
    if (!filled.ok()) return fail_item(filled.error());
    input = filled.release_value();
  }
  RunFrame(child, Step::Enter(child->machine->start_at, std::move(input)));
}

Step FinishMap(const FramePtr& owner, const GroupPtr& group) {
  const asl::State& state = *group->state;
  const auto& map = asl::FieldsOf<asl::MapFields>(state);
  if (map.distributed && !owner->silent) {
    group->last_event = RecordFor(
        *owner, group->failed ? EventType::kMapRunFailed : EventType::kMapRunSucceeded,
        group->last_event, [&](HistoryEvent& event) {
          if (group->failed) {
            event.details = ErrorDetails(group->first_error.error, group->first_error.cause);
          }
        });
  }
  if (group->failed) {
    // A Map about to be retried records no MapStateFailed (AWS starts it again).
    if (!WillRetry(*owner, state, group->first_error)) {
      owner->last_event = RecordFor(*owner, EventType::kMapStateFailed, group->last_event);
    } else {
      owner->last_event = group->last_event;
    }
    return Step::Failed(group->first_error);
  }
  RecordFor(*owner, EventType::kMapStateSucceeded, group->last_event);
  // MapStateExited follows the same event as MapStateSucceeded.
  owner->last_event = group->last_event;
  return FinishState(*owner, state, json::Value::Array(TakeResults(*group)));
}

}  // namespace stepwise::engine
