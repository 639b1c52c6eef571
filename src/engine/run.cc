#include "engine/run.h"

#include <chrono>
#include <thread>

#include "engine/execution.h"
#include "engine/interpreter.h"
#include "engine/scheduler.h"

namespace stepwise::engine {

RunResult RunExecution(std::shared_ptr<const asl::StateMachine> machine, json::Value input,
                       const TaskRouter& router, const RunOptions& options) {
  int workers = options.workers > 0 ? options.workers
                                    : static_cast<int>(std::thread::hardware_concurrency());
  // Shared: a task's completion holds the scheduler, since it may come after the run is over.
  auto scheduler_ptr = std::make_shared<Scheduler>(workers, options.clock == ClockKind::kSimulated);
  Scheduler& scheduler = *scheduler_ptr;

  RunResult result;
  {
    Execution execution(machine, std::move(input), options, router, scheduler_ptr);
    if (machine->timeout_seconds) {
      scheduler.ScheduleAt(execution.start_ms() + *machine->timeout_seconds * 1000,
                           [&execution] { execution.TimeOut(); });
    }
    // The execution starts on this thread, which runs it until it first waits; counted as
    // external work so that the simulated clock does not jump while it runs.
    scheduler.BeginExternal();
    StartExecution(execution);
    scheduler.EndExternal();
    result = execution.Wait();
    // Frames still running (branches of a failed Parallel, iterations after a timeout) stop at
    // their next state; wait for them before the execution goes away.
    scheduler.Shutdown();
  }
  return result;
}

}  // namespace stepwise::engine
