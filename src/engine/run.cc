#include "engine/run.h"

#include <chrono>
#include <thread>

#include "engine/execution.h"
#include "engine/group.h"
#include "engine/interpreter.h"
#include "engine/scheduler.h"

namespace stepwise::engine {
namespace {

// The machine's TimeoutSeconds: the timer holds the execution only weakly, so that a long
// timeout keeps nothing of an execution that ended long before.
void ScheduleTimeout(Execution& execution) {
  std::optional<int64_t> timeout;
  if (execution.machine().timeout_seconds) timeout = *execution.machine().timeout_seconds;
  int64_t bound = execution.options().max_duration_seconds;
  if (bound > 0 && (!timeout || *timeout > bound)) timeout = bound;
  if (!timeout) return;
  std::weak_ptr<Execution> weak = execution.shared_from_this();
  execution.scheduler().ScheduleAt(execution.start_ms() + *timeout * 1000, [weak] {
    if (auto alive = weak.lock()) alive->TimeOut();
  });
}

}  // namespace

RunResult RunExecution(std::shared_ptr<const asl::StateMachine> machine, json::Value input,
                       const TaskRouter& router, const RunOptions& options) {
  int workers = options.workers > 0 ? options.workers
                                    : static_cast<int>(std::thread::hardware_concurrency());
  // Shared: a task's completion holds the scheduler, since it may come after the run is over.
  auto scheduler_ptr = std::make_shared<Scheduler>(workers, options.clock == ClockKind::kSimulated);
  Scheduler& scheduler = *scheduler_ptr;

  auto execution =
      std::make_shared<Execution>(machine, std::move(input), options, router, scheduler_ptr);
  ScheduleTimeout(*execution);
  // The execution starts on this thread, which runs it until it first waits; counted as
  // external work so that the simulated clock does not jump while it runs.
  scheduler.BeginExternal();
  StartExecution(*execution);
  scheduler.EndExternal();
  RunResult result = execution->Wait();
  // Frames still running (branches of a failed Parallel, iterations after a timeout) stop at
  // their next state; wait for them before the execution goes away.
  scheduler.Shutdown();
  return result;
}

const std::string& ExecutionHandle::arn() const { return execution_->execution_arn(); }
int64_t ExecutionHandle::start_ms() const { return execution_->start_ms(); }
bool ExecutionHandle::ended() const { return execution_->ended(); }
void ExecutionHandle::Stop(std::optional<std::string> error, std::optional<std::string> cause) {
  execution_->Abort(std::move(error), std::move(cause));
}
std::shared_ptr<const History> ExecutionHandle::history() const { return execution_->history(); }

bool ExecutionHandle::UpdateMapRun(std::string_view run_arn, const MapRunLimits& limits) const {
  std::shared_ptr<Group> group = execution_->FindMapRun(run_arn);
  if (group == nullptr) return false;
  UpdateMapLimits(group, limits);
  return true;
}

std::optional<MapRunProgress> ExecutionHandle::MapRun(std::string_view run_arn) const {
  std::shared_ptr<Group> group = execution_->FindMapRun(run_arn);
  if (group == nullptr) return std::nullopt;
  return ProgressOf(*group);
}

ExecutionHandle StartExecutionOn(std::shared_ptr<Scheduler> scheduler,
                                 std::shared_ptr<const asl::StateMachine> machine,
                                 json::Value input, const TaskRouter& router,
                                 const RunOptions& options,
                                 std::function<void(const RunResult&)> on_end) {
  auto execution = std::make_shared<Execution>(std::move(machine), std::move(input), options,
                                               router, scheduler);
  execution->SetOnEnd(std::move(on_end));
  ScheduleTimeout(*execution);
  scheduler->Post([execution] { StartExecution(*execution); });
  return ExecutionHandle(execution);
}

ExecutionHandle ResumeExecutionOn(std::shared_ptr<Scheduler> scheduler,
                                  std::shared_ptr<const asl::StateMachine> machine,
                                  json::Value input, const TaskRouter& router,
                                  const RunOptions& options, const ResumePoint& resume,
                                  std::function<void(const RunResult&)> on_end) {
  auto execution = std::make_shared<Execution>(std::move(machine), std::move(input), options,
                                               router, scheduler, &resume);
  execution->SetOnEnd(std::move(on_end));
  ScheduleTimeout(*execution);
  scheduler->Post([execution, checkpoint = resume.checkpoint, count = resume.redrive_count] {
    ResumeExecution(*execution, checkpoint, count);
  });
  return ExecutionHandle(execution);
}

}  // namespace stepwise::engine
