#pragma once

#include <sys/types.h>

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace stepwise::tasks {

struct SubprocessOptions {
  // The program and its arguments. argv[0] is the program's path; PATH is not searched.
  std::vector<std::string> argv;
  // The child's whole environment, as "NAME=value" entries.
  std::vector<std::string> environment;
  // Stdout beyond this many bytes ends the run: the child is killed and the result's end is
  // kStdoutLimit. Stderr beyond max_stderr_bytes is read and discarded (stderr_truncated).
  size_t max_stdout_bytes = 0;
  size_t max_stderr_bytes = 0;
};

// How a child process ended and what it printed.
struct SubprocessResult {
  enum class End {
    kExited,       // exit_code holds its exit status
    kSignaled,     // signal holds the signal that killed it (not sent by Kill)
    kStdoutLimit,  // it printed more than max_stdout_bytes and was killed
    kKilled,       // Kill() was called before it was reaped
  };
  End end = End::kExited;
  int exit_code = 0;
  int signal = 0;
  std::string stdout_text;  // at most max_stdout_bytes
  std::string stderr_text;  // at most max_stderr_bytes
  bool stderr_truncated = false;
};

// A child process whose stdin, stdout and stderr are pipes to us.
//
// Start spawns it with posix_spawn (vfork semantics, so it is safe in a multithreaded program);
// Communicate then writes the input to its stdin and closes it, reads stdout and stderr, and reaps
// the child. Writing and reading are multiplexed with poll, so a child that prints a lot before
// reading its input (or never reads it) cannot deadlock us, and a child that exits without reading
// its input is not an error. SIGPIPE is blocked on the calling thread while Communicate writes,
// and one that our writes raised is consumed, so the program is never killed by it.
//
// The run ends when the child exits: on Linux a pidfd tells us so, and whatever its descendants
// still hold open (a background job inheriting stdout) is not waited for; only what the child's
// process tree had written by then is read. Where pidfds are unavailable, the run ends when stdout
// and stderr are closed by every process holding them, as a shell's $(...) does.
//
// The child leads a process group of its own, so that Kill and the output limit stop everything
// the command started: `/bin/sh -c 'python3 handler.py'` forks python (Debian's dash does not exec
// the last command), and killing the shell alone would leave python running. The cost: a
// terminal's Ctrl-C reaches this program but not its children, so a program that wants them to
// stop on SIGINT must handle it and Kill them (ExecInvoker::Shutdown does). The child also gets
// our working directory, no file descriptor beyond 0, 1 and 2 (where the C library can close them
// on spawn; every descriptor this class opens is close-on-exec in any case), an empty signal mask
// and SIGPIPE at its default action.
//
// Precondition: this program neither ignores SIGCHLD nor reaps children it did not wait for
// itself (waitpid(-1, ...)); either would take the child's exit status from us.
//
// Thread safety: Communicate is called once, by one thread; Kill may be called from any thread at
// any time until the object is destroyed.
class Subprocess {
 public:
  // Spawns the child. Errors are named "SpawnFailed" (no pipes, no process, or a program that
  // cannot be executed), with the system's reason in the message.
  static Result<std::unique_ptr<Subprocess>> Start(const SubprocessOptions& options);

  // Kills and reaps the child if Communicate did not.
  ~Subprocess();

  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;

  pid_t pid() const { return pid_; }

  // Feeds input to the child, collects its output and reaps it. Blocks until the child has
  // exited (see the class comment for what is waited for).
  SubprocessResult Communicate(std::string_view input);

  // Sends SIGKILL to the child's process group (the child and whatever it started that did not
  // leave the group) unless the child has been reaped, so that the signal can never reach a group
  // that reused its id. Communicate then returns with End::kKilled.
  void Kill();

 private:
  Subprocess(pid_t pid, int pidfd, int stdin_fd, int stdout_fd, int stderr_fd,
             size_t max_stdout_bytes, size_t max_stderr_bytes);

  // Waits for the child to exit and reaps it; returns its wait status.
  int Reap();
  void CloseAll();
  // SIGKILL to the child's group. Called with mutex_ held and the child not yet reaped.
  void KillGroup();

  const pid_t pid_;
  int pidfd_;  // -1 where the kernel has no pidfd_open
  int stdin_fd_;
  int stdout_fd_;
  int stderr_fd_;
  const size_t max_stdout_bytes_;
  const size_t max_stderr_bytes_;

  std::mutex mutex_;     // guards reaped_ and killed_ against Kill on another thread
  bool reaped_ = false;  // once true, pid_ may belong to another process
  bool killed_ = false;
};

}  // namespace stepwise::tasks
