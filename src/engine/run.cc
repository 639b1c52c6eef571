#include "engine/run.h"

#include <chrono>
#include <thread>

#include "engine/execution.h"
#include "engine/interpreter.h"
#include "engine/scheduler.h"

namespace stepwise::engine {

RunResult RunExecution(std::shared_ptr<const asl::StateMachine> machine, json::Value input,
                       const TaskRouter& router, const RunOptions& options) {
  RealClock real_clock;
  SimulatedClock simulated_clock;
  bool simulated = options.clock == ClockKind::kSimulated;
  const Clock* clock = simulated ? static_cast<const Clock*>(&simulated_clock) : &real_clock;
  int workers = options.workers > 0 ? options.workers
                                    : static_cast<int>(std::thread::hardware_concurrency());
  Scheduler scheduler(workers, clock, simulated ? &simulated_clock : nullptr);

  RunResult result;
  {
    Execution execution(machine, std::move(input), options, router, scheduler);
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
