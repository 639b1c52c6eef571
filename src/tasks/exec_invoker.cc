#include "tasks/exec_invoker.h"

#include <unistd.h>

#include <algorithm>
#include <cassert>
#include <string_view>
#include <system_error>
#include <utility>

#include "common/error_name.h"
#include "json/write.h"
#include "tasks/command_outcome.h"
#include "tasks/subprocess.h"

extern char** environ;

namespace stepwise::tasks {
namespace {

constexpr std::string_view kStateNameVariable = "STEPWISE_STATE_NAME";
constexpr std::string_view kResourceVariable = "STEPWISE_RESOURCE";

bool Defines(std::string_view entry, std::string_view name) {
  return entry.size() > name.size() && entry.starts_with(name) && entry[name.size()] == '=';
}

// Read once, when the invoker is made: reading environ while another thread calls setenv is a
// data race, and a worker thread would do exactly that.
std::vector<std::string> InheritedEnvironment() {
  std::vector<std::string> environment;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view text = *entry;
    if (Defines(text, kStateNameVariable) || Defines(text, kResourceVariable)) continue;
    environment.emplace_back(text);
  }
  return environment;
}

size_t DefaultMaxProcesses() { return std::max<size_t>(4, std::thread::hardware_concurrency()); }

engine::TaskOutcome ShutDownFailure(std::string_view what) {
  return engine::TaskOutcome::Failure(std::string(StatesErrorName(StatesError::kTaskFailed)),
                                      std::string(what));
}

constexpr std::string_view kRefusedCause =
    "The exec invoker had shut down, so the command was not started.";
constexpr std::string_view kKilledCause =
    "The command was killed because the exec invoker shut down.";

}  // namespace

ExecInvoker::ExecInvoker(std::string command, ExecOptions options)
    : command_(std::move(command)),
      max_processes_(options.max_processes > 0 ? options.max_processes : DefaultMaxProcesses()),
      max_output_bytes_(options.max_output_bytes),
      environment_(InheritedEnvironment()) {}

ExecInvoker::~ExecInvoker() { Shutdown(); }

void ExecInvoker::Invoke(const engine::TaskRequest& request, engine::TaskCompletion complete) {
  Job job{request.resource, request.state_name, request.input, std::move(complete)};
  std::unique_lock lock(mutex_);
  if (stopping_) {
    lock.unlock();
    job.complete(ShutDownFailure(kRefusedCause));
    return;
  }
  queue_.push_back(std::move(job));
  if (idle_workers_ < queue_.size() && workers_.size() < max_processes_) {
    try {
      workers_.emplace_back([this] { WorkerLoop(); });
    } catch (const std::system_error&) {
      // No thread to be had (the system's limit). Existing workers will get to the request; with
      // none, it cannot run.
      if (workers_.empty()) {
        Job refused = std::move(queue_.back());
        queue_.pop_back();
        lock.unlock();
        refused.complete(engine::TaskOutcome::Failure(
            std::string(StatesErrorName(StatesError::kTaskFailed)),
            "The command could not be started: no thread is available to run it."));
        return;
      }
    }
  }
  lock.unlock();
  work_available_.notify_one();
}

void ExecInvoker::WorkerLoop() {
  std::unique_lock lock(mutex_);
  while (true) {
    ++idle_workers_;
    work_available_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    --idle_workers_;
    if (stopping_) return;  // Shutdown fails what is still queued.
    {
      Job job = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();
      engine::TaskOutcome outcome = Run(job);
      job.complete(std::move(outcome));
      // The job (and whatever its completion captured) is destroyed here, before the lock is
      // taken again.
    }
    lock.lock();
  }
}

engine::TaskOutcome ExecInvoker::Run(const Job& job) {
  SubprocessOptions options;
  options.argv = {"/bin/sh", "-c", command_};
  options.environment.reserve(environment_.size() + 2);
  options.environment.assign(environment_.begin(), environment_.end());
  options.environment.push_back(std::string(kStateNameVariable) + "=" + job.state_name);
  options.environment.push_back(std::string(kResourceVariable) + "=" + job.resource);
  options.max_stdout_bytes = max_output_bytes_;
  options.max_stderr_bytes = max_output_bytes_;

  Result<std::unique_ptr<Subprocess>> started = Subprocess::Start(options);
  if (!started.ok()) {
    return engine::TaskOutcome::Failure(
        std::string(StatesErrorName(StatesError::kTaskFailed)),
        "The command could not be started: " + started.error().message() + ".");
  }
  Subprocess& process = *started.value();
  {
    std::lock_guard lock(mutex_);
    running_.insert(&process);
    // Shutdown may have run while we were spawning, after it killed what was registered.
    if (stopping_) process.Kill();
  }
  const std::string input = json::Write(job.input);
  SubprocessResult result = process.Communicate(input);
  bool stopping;
  {
    std::lock_guard lock(mutex_);
    running_.erase(&process);
    stopping = stopping_;
  }
  if (stopping && result.end == SubprocessResult::End::kKilled) {
    return ShutDownFailure(kKilledCause);
  }
  return CommandOutcome(result, max_output_bytes_);
}

void ExecInvoker::Shutdown() {
  std::deque<Job> queued;
  std::vector<std::thread> workers;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    queued.swap(queue_);
    workers.swap(workers_);
    for (Subprocess* process : running_) process->Kill();
  }
  work_available_.notify_all();
  for (Job& job : queued) job.complete(ShutDownFailure(kRefusedCause));
  for (std::thread& worker : workers) {
    // Joining ourselves would deadlock: Shutdown was called from inside a completion.
    assert(worker.get_id() != std::this_thread::get_id());
    worker.join();
  }
}

}  // namespace stepwise::tasks
