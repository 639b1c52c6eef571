#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "engine/task_invoker.h"
#include "json/value.h"

namespace stepwise::tasks {

class Subprocess;

// AWS's payload quota (256 KiB) plus 1 KiB, so that a result the engine will reject with
// States.DataLimitExceeded still reaches it, while a runaway command cannot exhaust our memory.
inline constexpr size_t kDefaultMaxOutputBytes = 256 * 1024 + 1024;

struct ExecOptions {
  // At most this many commands run at once; further invocations wait in a first-in, first-out
  // queue. 0: the number of cores, and at least 4.
  size_t max_processes = 0;
  // Stdout beyond this many bytes kills the command and fails the task; stderr beyond it is read
  // and discarded.
  size_t max_output_bytes = kDefaultMaxOutputBytes;
};

// Runs a Task state's work as a local command: `/bin/sh -c COMMAND`, given the state's effective
// input as compact JSON on stdin (which is then closed), with the parent's environment plus
// STEPWISE_STATE_NAME and STEPWISE_RESOURCE. Its stdout is the result; command_outcome.h gives
// the exact rules for exit statuses, errors, signals and limits.
//
// Threads: Invoke only queues the request and returns. A pool of at most max_processes worker
// threads, started as the queue needs them and kept until Shutdown, runs the commands: each
// worker spawns one process, feeds and drains it (subprocess.h) and calls the completion, then
// takes the next request. A blocking thread per running process is the simplest model that is
// plainly correct, and the bound keeps threads, processes and file descriptors (six per process)
// flat however many invocations a run makes. A worker that the completion keeps busy (the engine
// may start the next state there) runs no command meanwhile.
//
// Each command runs in a process group of its own (see subprocess.h), so that killing it stops
// everything it started; a terminal's Ctrl-C therefore reaches this program but not the commands,
// and a program that wants Ctrl-C to stop them handles SIGINT by calling Shutdown.
//
// Completions run on a worker thread, or on the calling thread for requests that Invoke or
// Shutdown refuse. Each is called exactly once and must not throw.
//
// Thread safety: Invoke may be called concurrently, from any thread, including from inside a
// completion. Shutdown (and so the destructor) must not be called from inside a completion.
class ExecInvoker final : public engine::TaskInvoker {
 public:
  // command: a shell command line, e.g. "python3 handler.py". Nothing runs until Invoke.
  explicit ExecInvoker(std::string command, ExecOptions options = {});
  // Shutdown().
  ~ExecInvoker() override;

  ExecInvoker(const ExecInvoker&) = delete;
  ExecInvoker& operator=(const ExecInvoker&) = delete;

  void Invoke(const engine::TaskRequest& request, engine::TaskCompletion complete) override;

  // Stops the invoker: requests still queued fail at once, running commands are killed (SIGKILL
  // to each command's process group) and their tasks fail, and the worker threads are joined. Later
  // invocations fail at once. Every failure here is States.TaskFailed with a Cause saying the
  // invoker shut down. Idempotent.
  void Shutdown();

  const std::string& command() const { return command_; }
  size_t max_processes() const { return max_processes_; }

 private:
  struct Job {
    std::string resource;
    std::string state_name;
    json::Value input;
    engine::TaskCompletion complete;
  };

  void WorkerLoop();
  engine::TaskOutcome Run(const Job& job);

  const std::string command_;
  const size_t max_processes_;
  const size_t max_output_bytes_;
  // This process's environment when the invoker was made, without the two STEPWISE_ variables
  // that each invocation sets.
  const std::vector<std::string> environment_;

  std::mutex mutex_;
  std::condition_variable work_available_;
  std::deque<Job> queue_;             // guarded by mutex_
  std::vector<std::thread> workers_;  // guarded by mutex_
  size_t idle_workers_ = 0;           // guarded by mutex_
  std::set<Subprocess*> running_;     // guarded by mutex_; what Shutdown kills
  bool stopping_ = false;             // guarded by mutex_
};

}  // namespace stepwise::tasks
