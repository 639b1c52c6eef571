// ASL "Wait State": delays for Seconds or until Timestamp (or their *Path forms).
// https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html

#include <cmath>

#include "asl/timestamp.h"
#include "engine/data_flow.h"
#include "engine/execution.h"
#include "engine/interpreter.h"
#include "engine/jsonata_flow.h"
#include "json/write.h"

namespace stepwise::engine {
namespace {

// How AWS's messages quote a value read by a *Path field: strings bare, the rest as JSON.
std::string Quote(const json::Value& value) {
  return value.is_string() ? std::string(value.as_string()) : json::WriteForMessage(value);
}

Result<json::Value> ReadPath(const jsonpath::Path& path, const json::Value& input,
                             const jsonpath::Roots& roots) {
  jsonpath::Roots at = roots;
  at.input = &input;
  std::optional<json::Value> value = path.Evaluate(at);
  if (!value) {
    return Error("States.Runtime", "Invalid path '" + path.text() +
                                       "' : No results for path: " + path.Normalized());
  }
  return std::move(*value);
}

// When the wait ends, in clock milliseconds.
Result<int64_t> DueMillis(const asl::WaitFields& wait, const json::Value& input,
                          const jsonpath::Roots& roots, int64_t now) {
  if (wait.seconds.value) return now + static_cast<int64_t>(*wait.seconds.value) * 1000;
  if (wait.seconds.path) {
    json::Value v = TRY(ReadPath(*wait.seconds.path, input, roots));
    std::string where = wait.seconds.path->text() + " == " + Quote(v);
    bool integral = v.is_int() || (v.is_double() && std::floor(v.as_double()) == v.as_double());
    if (!integral) {
      return Error("States.Runtime",
                   "The SecondsPath parameter cannot be parsed as a long value: " + where);
    }
    double seconds = v.as_number();
    if (seconds < 0) {
      return Error("States.Runtime", "The SecondsPath parameter references a negative value: " +
                                         where);
    }
    return now + static_cast<int64_t>(std::min(seconds, static_cast<double>(asl::kMaxSeconds) * 365)) * 1000;
  }
  auto to_millis = [](const asl::Timestamp& t) {
    return t.epoch_seconds * 1000 + t.nanos / 1000000;
  };
  if (wait.timestamp) return to_millis(*asl::ParseTimestamp(*wait.timestamp));
  if (wait.timestamp_path) {
    json::Value v = TRY(ReadPath(*wait.timestamp_path, input, roots));
    std::optional<asl::Timestamp> t =
        v.is_string() ? asl::ParseTimestamp(v.as_string()) : std::nullopt;
    if (!t) {
      return Error("States.Runtime",
                   "The TimestampPath parameter does not reference a valid ISO-8601 extended "
                   "offset date-time format string: " +
                       wait.timestamp_path->text() + " == " + Quote(v));
    }
    return to_millis(*t);
  }
  return Error("States.Runtime", "The Wait state has no duration");
}

// JSONata: when the wait ends, from Seconds or Timestamp (each a literal or an expression).
// Every failure is States.QueryEvaluationError, at the field (*failure).
Result<int64_t> JsonataDueMillis(const asl::WaitFields& wait,
                                 const JsonataEnvironment& environment, int64_t now,
                                 asl::JsonataFailure* failure) {
  if (wait.seconds.present()) {
    std::optional<double> seconds =
        TRY(JsonataNumber(wait.seconds, environment, "Seconds", /*integral=*/true, failure));
    if (*seconds < 0) {
      failure->location = "Seconds";
      return Error(std::string(asl::kQueryEvaluationError),
                   "The Seconds field must not be negative: " + json::Write(json::Value::Double(*seconds)));
    }
    return now + static_cast<int64_t>(std::min(*seconds, static_cast<double>(asl::kMaxSeconds) * 365)) * 1000;
  }
  std::string text;
  if (wait.timestamp) {
    text = *wait.timestamp;
  } else if (wait.jsonata_timestamp) {
    failure->location = "Timestamp";
    json::Value value = TRY(environment.Evaluate(*wait.jsonata_timestamp, "Timestamp"));
    if (!value.is_string()) {
      return asl::UnexpectedJsonataType(*wait.jsonata_timestamp, "Timestamp", "string", value);
    }
    text = std::string(value.as_string());
  } else {
    return Error("States.Runtime", "The Wait state has no duration");
  }
  std::optional<asl::Timestamp> t = asl::ParseTimestamp(text);
  if (!t) {
    failure->location = "Timestamp";
    return Error(std::string(asl::kQueryEvaluationError),
                 "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time "
                 "format string: " +
                     text);
  }
  return t->epoch_seconds * 1000 + t->nanos / 1000000;
}

// The end of the wait: Assign, OutputPath, the Exited event, the transition.
Step FinishWait(Frame& frame, const asl::State& state) {
  if (state.query_language == asl::QueryLanguage::kJsonata) {
    JsonataEnvironment environment(frame, state, frame.input);
    return FinishJsonata(frame, state, environment, state.jsonata_assign, state.jsonata_output,
                         frame.input);
  }
  json::Value context;
  jsonpath::Roots roots = RootsFor(frame, state, frame.effective_input, &context);
  json::Value assigned;
  if (state.assign) {
    Result<json::Value> values = state.assign->Evaluate(roots, frame.execution->intrinsic_context());
    if (!values.ok()) return Step::Failed(StateFailure(frame, state, values.error()));
    assigned = values.release_value();
  }
  Result<json::Value> output =
      ApplyInputOrOutputPath(state.output_path, frame.effective_input, roots);
  if (!output.ok()) return Step::Failed(StateFailure(frame, state, output.error()));
  if (assigned.is_object()) AssignVariables(frame, assigned);
  RecordExited(frame, state, output.value(), assigned);
  if (state.end) return Step::Succeeded(output.release_value());
  return Step::Enter(state.next, output.release_value());
}

}  // namespace

Step ExecuteWait(const FramePtr& frame_ptr, const asl::State& state) {
  Frame& frame = *frame_ptr;
  Execution& execution = *frame.execution;
  int64_t now = execution.NowMillis();
  // A resumed Wait ends when it would have: its duration counts from when it was entered.
  bool resumed = frame.resume != Frame::Resume::kNone;
  frame.resume = Frame::Resume::kNone;
  int64_t start = resumed ? frame.entered_ms : now;
  Result<int64_t> due = 0;
  if (state.query_language == asl::QueryLanguage::kJsonata) {
    frame.effective_input = frame.input;
    JsonataEnvironment environment(frame, state, frame.input);
    asl::JsonataFailure failure;
    due = JsonataDueMillis(asl::FieldsOf<asl::WaitFields>(state), environment, start, &failure);
    if (!due.ok()) return Step::Failed(QueryFailure(frame, state, due.error(), failure));
  } else {
    json::Value context;
    jsonpath::Roots roots = RootsFor(frame, state, frame.input, &context);
    Result<json::Value> effective = ApplyInputOrOutputPath(state.input_path, frame.input, roots);
    if (!effective.ok()) return Step::Failed(StateFailure(frame, state, effective.error()));
    frame.effective_input = effective.release_value();
    due = DueMillis(asl::FieldsOf<asl::WaitFields>(state), frame.effective_input, roots, start);
    if (!due.ok()) return Step::Failed(StateFailure(frame, state, due.error()));
  }
  if (due.value() <= now) return FinishWait(frame, state);
  uint64_t generation = BeginWait(frame);
  FlushTransitions(frame);
  execution.scheduler().ScheduleAt(due.value(), [frame_ptr, generation, &state] {
    if (!EndWait(*frame_ptr, generation)) return;
    RunFrame(frame_ptr, FinishWait(*frame_ptr, state));
  });
  return Step::Suspended();
}

}  // namespace stepwise::engine
