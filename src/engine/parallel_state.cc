// ASL "Parallel State": every branch runs on the same input; the result is the array of the
// branches' outputs, in branch order. The first branch to fail fails the state with its error and
// stops the others.
// https://docs.aws.amazon.com/step-functions/latest/dg/state-parallel.html

#include "engine/data_flow.h"
#include "engine/execution.h"
#include "engine/group.h"
#include "engine/jsonata_flow.h"

namespace stepwise::engine {

Step ExecuteParallel(const FramePtr& frame_ptr, const asl::State& state) {
  Frame& frame = *frame_ptr;
  Execution& execution = *frame.execution;
  // Resumed after a restart with its branches under way, it takes them up; redriven, it keeps
  // the branches that had succeeded (checkpoint.h).
  std::shared_ptr<const GroupCheckpoint> saved;
  if (frame.resume == Frame::Resume::kGroup) saved = std::move(frame.resume_group);
  frame.resume = Frame::Resume::kNone;
  json::Value input;
  if (state.query_language == asl::QueryLanguage::kJsonata) {
    // Every branch's input is Arguments, by default the state's input.
    input = frame.input;
    if (state.jsonata_arguments) {
      JsonataEnvironment environment(frame, state, frame.input);
      asl::JsonataFailure failure;
      Result<json::Value> arguments = environment.Evaluate(*state.jsonata_arguments, &failure);
      if (!arguments.ok()) {
        return Step::Failed(QueryFailure(frame, state, arguments.error(), failure));
      }
      input = arguments.release_value();
    }
  } else {
    json::Value context;
    jsonpath::Roots roots = RootsFor(frame, state, frame.input, &context);
    Step failure;
    std::optional<json::Value> effective = EffectiveInput(frame, state, roots, &failure);
    if (!effective) return failure;
    input = std::move(*effective);
  }

  const auto& parallel = asl::FieldsOf<asl::ParallelFields>(state);
  if (saved == nullptr || saved->redrive) {
    frame.last_event = RecordFor(frame, EventType::kParallelStateStarted, frame.last_event);
  }
  auto group = std::make_shared<Group>();
  group->kind = Group::Kind::kParallel;
  group->owner = frame_ptr;
  group->execution = &execution;
  group->own_execution = execution.shared_from_this();
  group->state = &state;
  group->scope = SharedScope(frame);
  group->silent = frame.silent;
  group->entered_event = frame.entered_event;
  group->count = parallel.branches.size();
  group->max_in_flight.store(group->count, std::memory_order_relaxed);
  group->items = std::move(input);
  group->results.resize(group->count);
  group->started_event = group->last_event = frame.last_event;
  BeginWait(frame);
  FlushTransitions(frame);
  return saved != nullptr ? ResumeGroup(group, *saved) : RunGroup(group);
}

void StartParallelBranch(const GroupPtr& group, size_t index, int64_t /*previous_event*/) {
  const auto& parallel = std::get<asl::ParallelFields>(group->state->fields);
  auto child = std::make_shared<Frame>();
  child->execution = group->execution;
  child->machine = parallel.branches[index].get();
  child->scope = group->scope.get();
  child->group = group;
  child->index = index;
  child->silent = group->silent;
  // Every branch's first event follows ParallelStateStarted.
  child->last_event = group->started_event;
  RunFrame(child, Step::Enter(child->machine->start_at, group->items));
}

Step FinishParallel(const FramePtr& owner, const GroupPtr& group) {
  const asl::State& state = *group->state;
  if (group->failed) {
    // A Parallel about to be retried records no ParallelStateFailed (AWS starts it again).
    if (!WillRetry(*owner, state, group->first_error)) {
      owner->last_event = RecordFor(*owner, EventType::kParallelStateFailed, group->last_event);
    } else {
      owner->last_event = group->last_event;
    }
    return Step::Failed(group->first_error);
  }
  RecordFor(*owner, EventType::kParallelStateSucceeded, group->last_event);
  // ParallelStateExited follows the same event as ParallelStateSucceeded.
  owner->last_event = group->last_event;
  return FinishState(*owner, state, json::Value::Array(TakeResults(*group)));
}

}  // namespace stepwise::engine
