#include "engine/interpreter.h"

#include <algorithm>
#include <cmath>

#include "common/error_name.h"
#include "engine/data_flow.h"
#include "engine/group.h"
#include "engine/jsonata_flow.h"
#include "json/write.h"

namespace stepwise::engine {
namespace {

EventType EnteredType(asl::StateType type) {
  switch (type) {
    case asl::StateType::kPass: return EventType::kPassStateEntered;
    case asl::StateType::kTask: return EventType::kTaskStateEntered;
    case asl::StateType::kChoice: return EventType::kChoiceStateEntered;
    case asl::StateType::kWait: return EventType::kWaitStateEntered;
    case asl::StateType::kSucceed: return EventType::kSucceedStateEntered;
    case asl::StateType::kFail: return EventType::kFailStateEntered;
    case asl::StateType::kParallel: return EventType::kParallelStateEntered;
    case asl::StateType::kMap: return EventType::kMapStateEntered;
  }
  return EventType::kPassStateEntered;
}

EventType ExitedType(asl::StateType type) {
  switch (type) {
    case asl::StateType::kPass: return EventType::kPassStateExited;
    case asl::StateType::kTask: return EventType::kTaskStateExited;
    case asl::StateType::kChoice: return EventType::kChoiceStateExited;
    case asl::StateType::kWait: return EventType::kWaitStateExited;
    case asl::StateType::kSucceed: return EventType::kSucceedStateExited;
    case asl::StateType::kParallel: return EventType::kParallelStateExited;
    case asl::StateType::kMap: return EventType::kMapStateExited;
    case asl::StateType::kFail: break;
  }
  return EventType::kPassStateExited;
}

// Enters state `index` of frame's machine with `input`.
Step EnterState(const FramePtr& frame, asl::StateIndex index, json::Value input) {
  Frame& f = *frame;
  const asl::State& state = f.machine->states[index];
  f.state = index;
  f.input = std::move(input);
  f.retries = 0;
  if (!state.retry.empty()) {
    f.retry_counts.assign(state.retry.size(), 0);
  } else if (!f.retry_counts.empty()) {
    f.retry_counts.clear();
  }
  ++f.transitions;
  if (!f.execution->WithinTransitionBound()) {
    Step step = Step::Failed(StateError{
        "States.Runtime",
        "The execution entered more than " +
            std::to_string(f.execution->options().max_transitions) + " states",
        true});
    step.handled = true;
    return step;
  }
  CheckpointSink* checkpoints = f.execution->checkpoints();
  if (state.reads_context || checkpoints != nullptr) f.entered_ms = f.execution->NowMillis();
  RecordEntered(f, state);
  if (checkpoints != nullptr) SaveCheckpoint(f, FrameCheckpoint::Phase::kEntered);
  return ExecuteState(frame);
}

// The transition after a state that ends with `output`.
Step Transition(const asl::State& state, json::Value output) {
  if (state.end) return Step::Succeeded(std::move(output));
  return Step::Enter(state.next, std::move(output));
}

// Reports a finished frame: to its group, or as the end of the execution.
void FrameEnded(const FramePtr& frame, Step step) {
  if (frame->group != nullptr) {
    ChildEnded(frame, std::move(step));  // which flushes the frame's counts
    return;
  }
  FlushTransitions(*frame);
  ClearDirty(*frame);  // the execution's end accounts for its events
  Execution& execution = *frame->execution;
  if (execution.ended()) return;
  if (step.kind == Step::Kind::kSucceeded) {
    execution.Succeed(std::move(step.value), frame->last_event);
  } else {
    execution.Fail(step.error, frame->last_event);
  }
}

// Whether the frame should stop: the execution ended, or its group was cancelled.
bool Cancelled(const Frame& frame) {
  return frame.execution->ended() ||
         (frame.group != nullptr && frame.group->cancelled.load(std::memory_order_relaxed));
}

// The error output a Catch passes on: {"Error": ..., "Cause": ...}.
json::Value ErrorOutput(const StateError& error) {
  std::vector<json::Member> members;
  members.emplace_back("Error", json::Value::String(error.error));
  if (error.has_cause) members.emplace_back("Cause", json::Value::String(error.cause));
  return json::Value::Object(std::move(members));
}

// The delay before retry attempt `attempt` (0-based) of retrier, in milliseconds.
int64_t RetryDelayMillis(const asl::Retrier& retrier, int64_t attempt, Execution& execution) {
  double seconds =
      static_cast<double>(retrier.interval_seconds) * std::pow(retrier.backoff_rate, attempt);
  if (retrier.max_delay_seconds) {
    seconds = std::min(seconds, static_cast<double>(*retrier.max_delay_seconds));
  }
  seconds = std::min(seconds, static_cast<double>(asl::kMaxSeconds));
  int64_t millis = static_cast<int64_t>(seconds * 1000);
  if (retrier.jitter == asl::JitterStrategy::kFull && millis > 0) {
    // FULL jitter: a uniformly random delay between 0 and the computed one.
    asl::IntrinsicContext context = execution.intrinsic_context();
    uint64_t r = context.random != nullptr ? context.random->Next()
                                           : static_cast<uint64_t>(execution.NowMillis()) *
                                                 0x9E3779B97F4A7C15ULL;
    millis = static_cast<int64_t>(r % static_cast<uint64_t>(millis + 1));
  }
  return millis;
}

}  // namespace

void FlushTransitions(Frame& frame) {
  if (frame.transitions != 0) {
    frame.execution->AddTransitions(frame.transitions);
    frame.transitions = 0;
  }
  if (frame.unpublished_events != 0) {
    frame.execution->ReserveEventIds(frame.unpublished_events);
    frame.unpublished_events = 0;
  }
}

void RecordEntered(Frame& frame, const asl::State& state) {
  if (!frame.silent && !frame.execution->recording()) {
    // Only the Entered event's id is ever needed (AWS's causes cite it): reserve the frame's
    // counted events and this one together.
    int64_t pending = frame.unpublished_events + TakeCarriedEvents();
    frame.entered_event = frame.execution->ReserveEventIds(pending + 1) + pending;
    frame.unpublished_events = 0;
    return;
  }
  frame.last_event = frame.entered_event = RecordFor(
      frame, EnteredType(state.type), frame.last_event, [&](HistoryEvent& event) {
        event.name = &state.name;
        event.data = frame.input;
      });
}

void RecordExited(Frame& frame, const asl::State& state, const json::Value& output,
                  const json::Value& assigned) {
  frame.last_event =
      RecordFor(frame, ExitedType(state.type), frame.last_event, [&](HistoryEvent& event) {
        event.name = &state.name;
        event.data = output;
        if (!assigned.is_null()) {
          auto details = new EventDetails;
          details->assigned = assigned;
          event.details = EventDetailsPtr(details);
        }
      });
}

jsonpath::Roots RootsFor(const Frame& frame, const asl::State& state, const json::Value& input,
                         json::Value* context) {
  jsonpath::Roots roots;
  roots.input = &input;
  if (state.reads_context) {
    *context = frame.execution->ContextFor(state, frame.entered_ms, frame.retries, nullptr, 0,
                                           &frame.task_token);
    roots.context = context;
  }
  roots.variables = frame.scope;
  return roots;
}

std::optional<json::Value> EffectiveInput(Frame& frame, const asl::State& state,
                                          jsonpath::Roots roots, Step* failure) {
  Result<json::Value> effective = ApplyInputOrOutputPath(state.input_path, frame.input, roots);
  if (!effective.ok()) {
    *failure = Step::Failed(StateFailure(frame, state, effective.error()));
    return std::nullopt;
  }
  json::Value input = effective.release_value();
  if (state.parameters) {
    roots.input = &input;
    Result<json::Value> filled =
        state.parameters->Evaluate(roots, frame.execution->intrinsic_context());
    if (!filled.ok()) {
      *failure = Step::Failed(StateFailure(frame, state, filled.error()));
      return std::nullopt;
    }
    input = filled.release_value();
  }
  Result<void> size =
      CheckPayloadSize(input, frame.execution->options().max_payload_bytes, state.name);
  if (!size.ok()) {
    *failure = Step::Failed(ToStateError(size.error()));
    return std::nullopt;
  }
  return input;
}

StateError StateFailure(const Frame& frame, const asl::State& state, const Error& error) {
  if (error.name() == "States.DataLimitExceeded") return ToStateError(error);
  return StateError{error.name(),
                    "An error occurred while executing the state '" + state.name +
                        "' (entered at the event id #" + std::to_string(frame.entered_event) +
                        "). " + error.message(),
                    true};
}

void RunFrame(const FramePtr& frame, Step step) {
  while (true) {
    switch (step.kind) {
      case Step::Kind::kEnter:
        if (Cancelled(*frame)) return ClearDirty(*frame);  // it stops for good
        step = EnterState(frame, step.next, std::move(step.value));
        break;
      case Step::Kind::kRetry:
        if (Cancelled(*frame)) return ClearDirty(*frame);  // it stops for good
        step = ExecuteState(frame);
        break;
      case Step::Kind::kFailed:
        if (!step.handled) {
          step = HandleError(frame, frame->machine->states[frame->state], std::move(step.error));
          break;
        }
        FrameEnded(frame, std::move(step));
        return;
      case Step::Kind::kSucceeded:
        FrameEnded(frame, std::move(step));
        return;
      case Step::Kind::kSuspended:
        return;
    }
  }
}

void ClearDirty(Frame& frame) {
  if (!frame.dirty) return;
  frame.dirty = false;
  frame.execution->checkpoints()->MarkClean();
}

void SaveCheckpoint(Frame& frame, FrameCheckpoint::Phase phase, const GroupPtr& group) {
  CheckpointSink* sink = frame.execution->checkpoints();
  if (sink == nullptr) return;
  FrameCheckpoint checkpoint;
  checkpoint.phase = phase;
  checkpoint.state = frame.state;
  checkpoint.input = frame.input;
  if (frame.own_scope != nullptr) checkpoint.variables = frame.own_scope->Variables();
  checkpoint.last_event = frame.last_event;
  checkpoint.entered_event = frame.entered_event;
  checkpoint.entered_ms = frame.entered_ms;
  checkpoint.retries = frame.retries;
  checkpoint.retry_counts = frame.retry_counts;
  checkpoint.task_token = frame.task_token;
  checkpoint.live_group = group;
  if (frame.group == nullptr) {
    sink->Save(std::move(checkpoint));
  } else {
    Group& parent = *frame.group;
    std::lock_guard<std::mutex> lock(parent.mutex);
    parent.child_checkpoints.insert_or_assign(frame.index, std::move(checkpoint));
    sink->ChildSaved();
  }
  ClearDirty(frame);
}

namespace {

// A frame standing where checkpoint says, about to run its state again (after a restart): the
// state's Entered event stands; Task, Wait, Parallel and Map states take up what they had begun.
void RestoreFrame(Frame& frame, const FrameCheckpoint& checkpoint) {
  frame.state = checkpoint.state;
  frame.input = checkpoint.input;
  frame.last_event = checkpoint.last_event;
  frame.entered_event = checkpoint.entered_event;
  frame.entered_ms = checkpoint.entered_ms;
  frame.retries = checkpoint.retries;
  frame.retry_counts = checkpoint.retry_counts;
  frame.task_token = checkpoint.task_token;
  if (frame.silent) frame.silent_event_id = checkpoint.last_event;
  switch (frame.machine->states[checkpoint.state].type) {
    case asl::StateType::kTask:
    case asl::StateType::kWait:
      // Task and Wait states read (and clear) the flag as they start.
      frame.resume = checkpoint.phase == FrameCheckpoint::Phase::kTaskStarted
                         ? Frame::Resume::kTaskStarted
                         : Frame::Resume::kState;
      break;
    case asl::StateType::kParallel:
    case asl::StateType::kMap:
      if (checkpoint.phase == FrameCheckpoint::Phase::kGroup && checkpoint.group != nullptr) {
        frame.resume = Frame::Resume::kGroup;
        frame.resume_group = checkpoint.group;
      }
      break;
    default:
      break;
  }
}

}  // namespace

void ResumeChild(const GroupPtr& group, size_t index, const FrameCheckpoint& checkpoint) {
  const asl::State& state = *group->state;
  auto child = std::make_shared<Frame>();
  child->execution = group->execution;
  child->machine = state.type == asl::StateType::kParallel
                       ? asl::FieldsOf<asl::ParallelFields>(state).branches[index].get()
                       : asl::FieldsOf<asl::MapFields>(state).processor.get();
  child->scope = group->scope.get();
  child->group = group;
  child->index = index;
  child->silent = group->silent;
  if (checkpoint.variables.is_object() && checkpoint.variables.size() > 0) {
    AssignVariables(*child, checkpoint.variables);
  }
  RestoreFrame(*child, checkpoint);
  RunFrame(child, Step::Retry());
}

void ResumeExecution(Execution& execution, const FrameCheckpoint& checkpoint,
                     int64_t redrive_count) {
  auto frame = std::make_shared<Frame>();
  frame->execution = &execution;
  frame->own_execution = execution.shared_from_this();
  frame->machine = &execution.machine();
  frame->own_scope = std::make_shared<Scope>();
  if (checkpoint.variables.is_object()) frame->own_scope->AssignAll(checkpoint.variables);
  frame->scope = frame->own_scope.get();
  if (redrive_count > 0) {
    // RedriveExecution: ExecutionRedriven after the last event, then the state afresh.
    frame->last_event = RecordFor(
        *frame, EventType::kExecutionRedriven, execution.NextEventId() - 1,
        [&](HistoryEvent& event) { event.number = static_cast<uint32_t>(redrive_count); });
    if (checkpoint.phase == FrameCheckpoint::Phase::kGroup && checkpoint.group != nullptr) {
      // A Parallel or Map entered afresh keeps the children that had succeeded.
      frame->resume = Frame::Resume::kGroup;
      frame->resume_group = checkpoint.group;
    }
    RunFrame(frame, Step::Enter(checkpoint.state, checkpoint.input));
    return;
  }
  RestoreFrame(*frame, checkpoint);
  // The state runs again from its start, as a retry would run it; its Entered event stands.
  RunFrame(frame, Step::Retry());
}

void StartExecution(Execution& execution) {
  auto frame = std::make_shared<Frame>();
  frame->execution = &execution;
  frame->own_execution = execution.shared_from_this();
  frame->machine = &execution.machine();
  frame->own_scope = std::make_shared<Scope>();
  frame->scope = frame->own_scope.get();
  RecordFor(*frame, EventType::kExecutionStarted, 0, [&](HistoryEvent& event) {
    event.data = execution.input();
    event.details = ArnDetails(execution.options().identity.role_arn);
  });
  // The first state's Entered event follows no event of the frame (AWS numbers it after
  // ExecutionStarted but gives it previousEventId 0).
  RunFrame(frame, Step::Enter(execution.machine().start_at, execution.input()));
}

Step ExecuteState(const FramePtr& frame) {
  Frame& f = *frame;
  const asl::State& state = f.machine->states[f.state];
  switch (state.type) {
    case asl::StateType::kPass: return ExecutePass(f, state);
    case asl::StateType::kChoice: return ExecuteChoice(f, state);
    case asl::StateType::kSucceed: return ExecuteSucceed(f, state);
    case asl::StateType::kFail: return ExecuteFail(f, state);
    case asl::StateType::kWait: return ExecuteWait(frame, state);
    case asl::StateType::kTask: return ExecuteTask(frame, state);
    case asl::StateType::kParallel: return ExecuteParallel(frame, state);
    case asl::StateType::kMap: return ExecuteMap(frame, state);
  }
  return Step::Failed(StateError{"States.Runtime", "Unknown state type", true});
}

// ASL "Pass State": InputPath, Parameters, then Result (or the effective input) as the result.
Step ExecutePass(Frame& frame, const asl::State& state) {
  if (state.query_language == asl::QueryLanguage::kJsonata) {
    // A JSONata Pass state's output is its Output, by default its input.
    JsonataEnvironment environment(frame, state, frame.input);
    return FinishJsonata(frame, state, environment, state.jsonata_assign, state.jsonata_output,
                         frame.input);
  }
  json::Value context;
  jsonpath::Roots roots = RootsFor(frame, state, frame.input, &context);
  Result<json::Value> effective = ApplyInputOrOutputPath(state.input_path, frame.input, roots);
  if (!effective.ok()) return Step::Failed(StateFailure(frame, state, effective.error()));
  json::Value result;
  const auto& pass = asl::FieldsOf<asl::PassFields>(state);
  if (pass.result) {
    result = *pass.result;
  } else if (state.parameters) {
    roots.input = &effective.value();
    Result<json::Value> filled =
        state.parameters->Evaluate(roots, frame.execution->intrinsic_context());
    if (!filled.ok()) return Step::Failed(StateFailure(frame, state, filled.error()));
    result = filled.release_value();
  } else {
    result = effective.release_value();
  }
  return FinishState(frame, state, result);
}

Step FinishJsonata(Frame& frame, const asl::State& state, const JsonataEnvironment& environment,
                   const std::optional<asl::JsonataTemplate>& assign,
                   const std::optional<asl::JsonataTemplate>& output,
                   const json::Value& default_output, asl::StateIndex next) {
  asl::JsonataFailure failure;
  json::Value assigned;
  if (assign) {
    Result<json::Value> values = environment.Evaluate(*assign, &failure);
    if (!values.ok()) return Step::Failed(QueryFailure(frame, state, values.error(), failure));
    assigned = values.release_value();
  }
  json::Value out = default_output;
  if (output) {
    Result<json::Value> value = environment.Evaluate(*output, &failure);
    if (!value.ok()) return Step::Failed(QueryFailure(frame, state, value.error(), failure));
    out = value.release_value();
  }
  Result<void> size =
      CheckPayloadSize(out, frame.execution->options().max_payload_bytes, state.name);
  if (!size.ok()) return Step::Failed(ToStateError(size.error()));
  if (assigned.is_object()) AssignVariables(frame, assigned);
  RecordExited(frame, state, out, assigned);
  if (next != asl::kNoState) return Step::Enter(next, std::move(out));
  return Transition(state, std::move(out));
}

Step FinishState(Frame& frame, const asl::State& state, const json::Value& raw_result) {
  if (state.query_language == asl::QueryLanguage::kJsonata) {
    // $states.result is the result; Output defaults to it.
    JsonataEnvironment environment(frame, state, frame.input);
    environment.SetResult(raw_result);
    return FinishJsonata(frame, state, environment, state.jsonata_assign, state.jsonata_output,
                         raw_result);
  }
  Execution& execution = *frame.execution;
  json::Value context;
  jsonpath::Roots roots = RootsFor(frame, state, raw_result, &context);
  json::Value result = raw_result;
  if (state.result_selector) {
    Result<json::Value> selected =
        state.result_selector->Evaluate(roots, execution.intrinsic_context());
    if (!selected.ok()) return Step::Failed(StateFailure(frame, state, selected.error()));
    result = selected.release_value();
  }
  // Assign sees the result (after ResultSelector) and the variables as they were before it.
  json::Value assigned;
  if (state.assign) {
    roots.input = &result;
    Result<json::Value> values = state.assign->Evaluate(roots, execution.intrinsic_context());
    if (!values.ok()) return Step::Failed(StateFailure(frame, state, values.error()));
    assigned = values.release_value();
  }
  Result<json::Value> placed = ApplyResultPath(state.result_path, frame.input, result);
  if (!placed.ok()) return Step::Failed(ToStateError(placed.error()));
  Result<json::Value> output = ApplyInputOrOutputPath(state.output_path, placed.value(), roots);
  if (!output.ok()) return Step::Failed(StateFailure(frame, state, output.error()));
  Result<void> size = CheckPayloadSize(output.value(), execution.options().max_payload_bytes,
                                       state.name);
  if (!size.ok()) return Step::Failed(ToStateError(size.error()));
  if (assigned.is_object()) AssignVariables(frame, assigned);
  RecordExited(frame, state, output.value(), assigned);
  return Transition(state, output.release_value());
}

namespace {

// A JSONata Choice state: the first rule whose Condition is true chooses the next state, and its
// Assign and Output apply; with none, Default and the state's own Assign and Output.
// https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
Step ExecuteJsonataChoice(Frame& frame, const asl::State& state) {
  JsonataEnvironment environment(frame, state, frame.input);
  const auto& choice = asl::FieldsOf<asl::ChoiceFields>(state);
  for (const asl::ChoiceRule& rule : choice.choices) {
    bool matched = rule.condition;
    if (rule.condition_expression) {
      static const std::string kField = "Condition";
      Result<json::Value> value = environment.Evaluate(*rule.condition_expression, kField);
      asl::JsonataFailure failure{kField};
      if (!value.ok()) return Step::Failed(QueryFailure(frame, state, value.error(), failure));
      if (!value.value().is_bool()) {
        return Step::Failed(QueryFailure(
            frame, state,
            asl::UnexpectedJsonataType(*rule.condition_expression, kField, "boolean",
                                       value.value()),
            failure));
      }
      matched = value.value().as_bool();
    }
    if (matched) {
      return FinishJsonata(frame, state, environment, rule.jsonata_assign, rule.jsonata_output,
                           frame.input, rule.next);
    }
  }
  if (choice.default_state == asl::kNoState) {
    return Step::Failed(StateError{"States.NoChoiceMatched", "No Matches!", true});
  }
  return FinishJsonata(frame, state, environment, state.jsonata_assign, state.jsonata_output,
                       frame.input, choice.default_state);
}

}  // namespace

// ASL "Choice State": the first rule that matches chooses the next state; else Default; else
// States.NoChoiceMatched.
Step ExecuteChoice(Frame& frame, const asl::State& state) {
  if (state.query_language == asl::QueryLanguage::kJsonata) return ExecuteJsonataChoice(frame, state);
  json::Value context;
  jsonpath::Roots roots = RootsFor(frame, state, frame.input, &context);
  Result<json::Value> effective = ApplyInputOrOutputPath(state.input_path, frame.input, roots);
  if (!effective.ok()) return Step::Failed(StateFailure(frame, state, effective.error()));
  roots.input = &effective.value();
  const auto& choice = asl::FieldsOf<asl::ChoiceFields>(state);
  const asl::ChoiceRule* chosen = nullptr;
  for (const asl::ChoiceRule& rule : choice.choices) {
    Result<bool> matched = asl::EvaluateChoiceRule(rule, roots);
    if (!matched.ok()) return Step::Failed(StateFailure(frame, state, matched.error()));
    if (matched.value()) {
      chosen = &rule;
      break;
    }
  }
  asl::StateIndex next = chosen != nullptr ? chosen->next : choice.default_state;
  if (next == asl::kNoState) {
    return Step::Failed(StateError{"States.NoChoiceMatched", "No Matches!", true});
  }
  // The state's Assign, then the matched rule's, both against the state's input.
  json::Value assigned;
  for (const auto* assign : {&state.assign, chosen != nullptr ? &chosen->assign : nullptr}) {
    if (assign == nullptr || !*assign) continue;
    Result<json::Value> values = (*assign)->Evaluate(roots, frame.execution->intrinsic_context());
    if (!values.ok()) return Step::Failed(StateFailure(frame, state, values.error()));
    if (!assigned.is_object()) {
      assigned = values.release_value();
    } else {
      for (const json::Member& m : values.value().members()) {
        assigned = assigned.With(m.name(), m.value);
      }
    }
  }
  Result<json::Value> output = ApplyInputOrOutputPath(state.output_path, effective.value(), roots);
  if (!output.ok()) return Step::Failed(StateFailure(frame, state, output.error()));
  if (assigned.is_object()) AssignVariables(frame, assigned);
  RecordExited(frame, state, output.value(), assigned);
  return Step::Enter(next, output.release_value());
}

// ASL "Succeed State": InputPath and OutputPath, then the frame ends successfully.
Step ExecuteSucceed(Frame& frame, const asl::State& state) {
  if (state.query_language == asl::QueryLanguage::kJsonata) {
    JsonataEnvironment environment(frame, state, frame.input);
    json::Value output = frame.input;
    if (state.jsonata_output) {
      asl::JsonataFailure failure;
      Result<json::Value> value = environment.Evaluate(*state.jsonata_output, &failure);
      if (!value.ok()) return Step::Failed(QueryFailure(frame, state, value.error(), failure));
      output = value.release_value();
    }
    RecordExited(frame, state, output, json::Value());
    return Step::Succeeded(std::move(output));
  }
  json::Value context;
  jsonpath::Roots roots = RootsFor(frame, state, frame.input, &context);
  Result<json::Value> effective = ApplyInputOrOutputPath(state.input_path, frame.input, roots);
  if (!effective.ok()) return Step::Failed(StateFailure(frame, state, effective.error()));
  Result<json::Value> output = ApplyInputOrOutputPath(state.output_path, effective.value(), roots);
  if (!output.ok()) return Step::Failed(StateFailure(frame, state, output.error()));
  RecordExited(frame, state, output.value(), json::Value());
  return Step::Succeeded(output.release_value());
}

// ASL "Fail State": the frame fails with Error and Cause (or ErrorPath and CausePath).
Step ExecuteFail(Frame& frame, const asl::State& state) {
  const auto& fail = asl::FieldsOf<asl::FailFields>(state);
  if (state.query_language == asl::QueryLanguage::kJsonata) {
    // Error and Cause: literal strings or expressions whose results are strings.
    JsonataEnvironment environment(frame, state, frame.input);
    StateError error{"", "", false};
    for (auto [field, out, has, name] :
         {std::tuple{&fail.error, &error.error, static_cast<bool*>(nullptr), "Error"},
          std::tuple{&fail.cause, &error.cause, &error.has_cause, "Cause"}}) {
      if (field->value) {
        *out = *field->value;
      } else if (field->jsonata) {
        asl::JsonataFailure failure{name};
        Result<json::Value> value = environment.Evaluate(*field->jsonata, name);
        if (!value.ok()) return Step::Failed(QueryFailure(frame, state, value.error(), failure));
        if (!value.value().is_string()) {
          return Step::Failed(QueryFailure(
              frame, state,
              asl::UnexpectedJsonataType(*field->jsonata, name, "string", value.value()),
              failure));
        }
        *out = std::string(value.value().as_string());
      } else {
        continue;
      }
      if (has != nullptr) *has = true;
    }
    return Step::Failed(std::move(error));
  }
  json::Value context;
  jsonpath::Roots roots = RootsFor(frame, state, frame.input, &context);
  StateError error{"", "", false};
  for (auto [field, out, has, name] :
       {std::tuple{&fail.error, &error.error, static_cast<bool*>(nullptr), "ErrorPath"},
        std::tuple{&fail.cause, &error.cause, &error.has_cause, "CausePath"}}) {
    if (field->value) {
      *out = *field->value;
      if (has != nullptr) *has = true;
    } else if (field->expression) {
      Result<std::optional<json::Value>> value =
          field->expression->Evaluate(roots, frame.execution->intrinsic_context());
      if (!value.ok()) return Step::Failed(StateFailure(frame, state, value.error()));
      if (!value.value()) {
        return Step::Failed(StateFailure(
            frame, state,
            Error("States.Runtime", "The JSONPath '" + field->expression->text() +
                                        "' specified for the field '" + name +
                                        "' could not be found in the input '" +
                                        json::WriteForMessage(frame.input) + "'")));
      }
      const json::Value& v = *value.value();
      *out = v.is_string() ? std::string(v.as_string()) : json::WriteForMessage(v);
      if (has != nullptr) *has = true;
    }
  }
  return Step::Failed(std::move(error));
}

namespace {

Step Unhandled(StateError error) {
  Step step = Step::Failed(std::move(error));
  step.handled = true;
  return step;
}

}  // namespace

namespace {

// Whether an ErrorEquals name matches error. "States.HeartbeatTimeout is only available inside
// the Catch and Retry fields" (https://docs.aws.amazon.com/step-functions/latest/dg/
// concepts-error-handling.html): the error itself is reported as States.Timeout, as AWS recorded
// in the conformance case timeouts/heartbeats.heartbeat_no_timeout.
bool Matches(std::string_view name, const StateError& error) {
  return ErrorEqualsMatches(name, error.error) ||
         (error.heartbeat && name == "States.HeartbeatTimeout");
}

// The retrier that applies to error (the first whose ErrorEquals matches), or -1.
int MatchingRetrier(const asl::State& state, const StateError& error) {
  if (IsTerminalError(error.error)) return -1;
  for (size_t i = 0; i < state.retry.size(); ++i) {
    const auto& names = state.retry[i].error_equals;
    if (std::any_of(names.begin(), names.end(), [&](const std::string& name) {
          return Matches(name, error);
        })) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

}  // namespace

bool WillRetry(const Frame& frame, const asl::State& state, const StateError& error) {
  int i = MatchingRetrier(state, error);
  return i >= 0 && frame.retry_counts[static_cast<size_t>(i)] < state.retry[static_cast<size_t>(i)].max_attempts;
}

Step HandleError(const FramePtr& frame_ptr, const asl::State& state, StateError error) {
  Frame& frame = *frame_ptr;
  if (IsTerminalError(error.error)) return Unhandled(std::move(error));
  // ASL "Retrying after error": the first retrier whose ErrorEquals matches applies; when its
  // MaxAttempts are spent, the error goes on to Catch.
  if (WillRetry(frame, state, error)) {
    size_t i = static_cast<size_t>(MatchingRetrier(state, error));
    const asl::Retrier& retrier = state.retry[i];
    int64_t delay = RetryDelayMillis(retrier, frame.retry_counts[i], *frame.execution);
    ++frame.retry_counts[i];
    ++frame.retries;
    // Resumed during the backoff, the state runs again at once, its retry counted.
    SaveCheckpoint(frame, FrameCheckpoint::Phase::kEntered);
    uint64_t generation = BeginWait(frame);
    FlushTransitions(frame);
    Execution& execution = *frame.execution;
    execution.scheduler().ScheduleAt(execution.NowMillis() + delay, [frame_ptr, generation] {
      if (!EndWait(*frame_ptr, generation)) return;
      RunFrame(frame_ptr, Step::Retry());
    });
    return Step::Suspended();
  }
  // ASL "Fallback states": the first catcher whose ErrorEquals matches.
  for (const asl::Catcher& catcher : state.catchers) {
    bool matches = std::any_of(catcher.error_equals.begin(), catcher.error_equals.end(),
                               [&](const std::string& name) {
                                 return Matches(name, error);
                               });
    if (!matches) continue;
    json::Value error_output = ErrorOutput(error);
    if (state.query_language == asl::QueryLanguage::kJsonata) {
      // $states.errorOutput is the error output; Output defaults to it.
      JsonataEnvironment environment(frame, state, frame.input);
      environment.SetErrorOutput(error_output);
      Step step = FinishJsonata(frame, state, environment, catcher.jsonata_assign,
                                catcher.jsonata_output, error_output, catcher.next);
      if (step.kind == Step::Kind::kFailed) step.handled = true;
      return step;
    }
    json::Value assigned;
    if (catcher.assign) {
      json::Value context;
      jsonpath::Roots roots = RootsFor(frame, state, error_output, &context);
      Result<json::Value> values =
          catcher.assign->Evaluate(roots, frame.execution->intrinsic_context());
      if (!values.ok()) return Unhandled(StateFailure(frame, state, values.error()));
      assigned = values.release_value();
    }
    Result<json::Value> output = ApplyResultPath(catcher.result_path, frame.input, error_output);
    if (!output.ok()) return Unhandled(ToStateError(output.error()));
    Result<void> size = CheckPayloadSize(output.value(), frame.execution->options().max_payload_bytes,
                                         state.name);
    if (!size.ok()) return Unhandled(ToStateError(size.error()));
    if (assigned.is_object()) AssignVariables(frame, assigned);
    RecordExited(frame, state, output.value(), assigned);
    return Step::Enter(catcher.next, output.release_value());
  }
  return Unhandled(std::move(error));
}

}  // namespace stepwise::engine
