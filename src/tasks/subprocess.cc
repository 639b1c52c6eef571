#include "tasks/subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <ctime>
#include <system_error>
#include <utility>

namespace stepwise::tasks {
namespace {

// Bytes read per read(2): the default capacity of a Linux pipe.
constexpr size_t kReadChunk = 64 * 1024;

std::string SystemMessage(int error) { return std::generic_category().message(error); }

void CloseFd(int& fd) {
  if (fd >= 0) {
    // close(2) may report EINTR, but on Linux the descriptor is released regardless; retrying
    // could close a descriptor another thread has just opened.
    close(fd);
    fd = -1;
  }
}

// Moves fd to a number of at least 3, keeping it close-on-exec. A pipe end that landed on 0, 1 or
// 2 (possible when this program was started with a standard stream closed) would otherwise be
// dup2'd onto itself in the child, which keeps its close-on-exec flag and so closes it at exec.
int AboveStandardStreams(int fd) {
  if (fd > 2) return fd;
  const int moved = fcntl(fd, F_DUPFD_CLOEXEC, 3);
  close(fd);
  return moved;
}

// A close-on-exec pipe, so that a child spawned concurrently by another thread never inherits our
// end of it (which would keep the pipe open, and our child waiting for end-of-file, until that
// other child exits).
Result<void> MakePipe(int fds[2]) {
  if (pipe2(fds, O_CLOEXEC) != 0) {
    return Error("SpawnFailed", "cannot create a pipe: " + SystemMessage(errno));
  }
  fds[0] = AboveStandardStreams(fds[0]);
  fds[1] = AboveStandardStreams(fds[1]);
  if (fds[0] < 0 || fds[1] < 0) {
    const int error = errno;
    CloseFd(fds[0]);
    CloseFd(fds[1]);
    return Error("SpawnFailed", "cannot create a pipe: " + SystemMessage(error));
  }
  return Ok();
}

void SetNonBlocking(int fd) {
  const int flags = fcntl(fd, F_GETFL);
  if (flags >= 0) fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

// A descriptor that becomes readable when the process exits, or -1 where the kernel (before 5.3)
// or the sandbox does not provide one.
int OpenPidfd(pid_t pid) {
#ifdef SYS_pidfd_open
  return static_cast<int>(syscall(SYS_pidfd_open, pid, 0));  // always close-on-exec
#else
  (void)pid;
  return -1;
#endif
}

// Reads what is available from a non-blocking descriptor: the byte count, 0 at end-of-file (or on
// an error, which ends the stream just the same), or -1 when nothing is available right now.
ssize_t ReadSome(int fd, char* buffer, size_t size) {
  while (true) {
    const ssize_t n = read(fd, buffer, size);
    if (n >= 0) return n;
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return -1;
    return 0;
  }
}

// Blocks SIGPIPE on the calling thread for its lifetime. A write to a pipe whose reader has gone
// then fails with EPIPE instead of killing the program; the SIGPIPE it raised stays pending on
// this thread, and is consumed before the mask is restored. (Ignoring SIGPIPE process-wide would
// do as well, but a library has no business changing its program's signal dispositions.)
class ScopedSigpipeBlock {
 public:
  ScopedSigpipeBlock() {
    sigemptyset(&sigpipe_);
    sigaddset(&sigpipe_, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &sigpipe_, &previous_);
  }
  ~ScopedSigpipeBlock() {
    // Where the caller had SIGPIPE blocked already, it stays pending, as without us.
    if (raised_ && !sigismember(&previous_, SIGPIPE)) {
      const timespec no_wait{};
      while (sigtimedwait(&sigpipe_, nullptr, &no_wait) < 0 && errno == EINTR) {
      }
    }
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
  }
  ScopedSigpipeBlock(const ScopedSigpipeBlock&) = delete;
  ScopedSigpipeBlock& operator=(const ScopedSigpipeBlock&) = delete;

  void NoteRaised() { raised_ = true; }

 private:
  sigset_t sigpipe_;
  sigset_t previous_;
  bool raised_ = false;
};

std::vector<char*> NullTerminated(const std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  pointers.reserve(strings.size() + 1);
  for (const std::string& s : strings) pointers.push_back(const_cast<char*>(s.c_str()));
  pointers.push_back(nullptr);
  return pointers;
}

}  // namespace

Result<std::unique_ptr<Subprocess>> Subprocess::Start(const SubprocessOptions& options) {
  if (options.argv.empty()) return Error("SpawnFailed", "no program to run");
  int in[2] = {-1, -1};
  int out[2] = {-1, -1};
  int err[2] = {-1, -1};
  const auto close_pipes = [&] {
    for (int* fd : {&in[0], &in[1], &out[0], &out[1], &err[0], &err[1]}) CloseFd(*fd);
  };
  for (int* fds : {in, out, err}) {
    if (Result<void> made = MakePipe(fds); !made.ok()) {
      close_pipes();
      return made.release_error();
    }
  }

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err[1], STDERR_FILENO);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
  // Descriptors this program opened without close-on-exec (a library's, a test's) are no business
  // of the command's.
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);
#endif

  // The child starts with no signals blocked (whatever our calling thread blocks) and with SIGPIPE
  // at its default action even if this program ignores it, so that `producer | head` in a command
  // ends as it does in a terminal.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t empty;
  sigemptyset(&empty);
  sigset_t sigpipe;
  sigemptyset(&sigpipe);
  sigaddset(&sigpipe, SIGPIPE);
  posix_spawnattr_setsigmask(&attributes, &empty);
  posix_spawnattr_setsigdefault(&attributes, &sigpipe);
  // Process group 0: a new group whose id is the child's pid (see the header on why).
  posix_spawnattr_setpgroup(&attributes, 0);
  posix_spawnattr_setflags(&attributes,
                           POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);

  std::vector<char*> argv = NullTerminated(options.argv);
  std::vector<char*> envp = NullTerminated(options.environment);
  pid_t pid = -1;
  const int spawn_error =
      posix_spawn(&pid, argv[0], &actions, &attributes, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (spawn_error != 0) {
    close_pipes();
    return Error("SpawnFailed",
                 "cannot run " + options.argv[0] + ": " + SystemMessage(spawn_error));
  }

  CloseFd(in[0]);
  CloseFd(out[1]);
  CloseFd(err[1]);
  for (int fd : {in[1], out[0], err[0]}) SetNonBlocking(fd);
  return std::unique_ptr<Subprocess>(new Subprocess(pid, OpenPidfd(pid), in[1], out[0], err[0],
                                                    options.max_stdout_bytes,
                                                    options.max_stderr_bytes));
}

Subprocess::Subprocess(pid_t pid, int pidfd, int stdin_fd, int stdout_fd, int stderr_fd,
                       size_t max_stdout_bytes, size_t max_stderr_bytes)
    : pid_(pid),
      pidfd_(pidfd),
      stdin_fd_(stdin_fd),
      stdout_fd_(stdout_fd),
      stderr_fd_(stderr_fd),
      max_stdout_bytes_(max_stdout_bytes),
      max_stderr_bytes_(max_stderr_bytes) {}

Subprocess::~Subprocess() {
  bool reaped;
  {
    std::lock_guard lock(mutex_);
    reaped = reaped_;
    if (!reaped) KillGroup();
  }
  CloseAll();
  if (!reaped) Reap();
  CloseFd(pidfd_);
}

void Subprocess::Kill() {
  std::lock_guard lock(mutex_);
  killed_ = true;
  if (!reaped_) KillGroup();
}

void Subprocess::KillGroup() {
  // The group's id is the child's pid, which stays reserved until the child is reaped. The
  // second kill covers a child that has left its group (setsid).
  kill(-pid_, SIGKILL);
  kill(pid_, SIGKILL);
}

void Subprocess::CloseAll() {
  CloseFd(stdin_fd_);
  CloseFd(stdout_fd_);
  CloseFd(stderr_fd_);
}

int Subprocess::Reap() {
  // Wait without reaping first: until the zombie is reaped its pid cannot be reused, so Kill on
  // another thread can still signal it safely meanwhile.
  siginfo_t info;
  while (waitid(P_PID, pid_, &info, WEXITED | WNOWAIT) != 0 && errno == EINTR) {
  }
  {
    std::lock_guard lock(mutex_);
    reaped_ = true;
  }
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

SubprocessResult Subprocess::Communicate(std::string_view input) {
  SubprocessResult result;
  ScopedSigpipeBlock sigpipe_block;
  std::string buffer(kReadChunk, '\0');
  size_t written = 0;
  bool exited = false;
  bool over_limit = false;
  if (input.empty()) CloseFd(stdin_fd_);

  const auto read_stdout = [&] {
    const ssize_t n = ReadSome(stdout_fd_, buffer.data(), buffer.size());
    if (n == 0) {
      CloseFd(stdout_fd_);
    } else if (n > 0) {
      if (result.stdout_text.size() + static_cast<size_t>(n) > max_stdout_bytes_) {
        over_limit = true;
      } else {
        result.stdout_text.append(buffer.data(), static_cast<size_t>(n));
      }
    }
    return n;
  };
  const auto read_stderr = [&] {
    const ssize_t n = ReadSome(stderr_fd_, buffer.data(), buffer.size());
    if (n == 0) {
      CloseFd(stderr_fd_);
    } else if (n > 0) {
      const size_t room = max_stderr_bytes_ - result.stderr_text.size();
      const size_t kept = std::min(room, static_cast<size_t>(n));
      result.stderr_text.append(buffer.data(), kept);
      if (kept < static_cast<size_t>(n)) result.stderr_truncated = true;
    }
    return n;
  };
  const auto write_stdin = [&] {
    while (written < input.size()) {
      const ssize_t n = write(stdin_fd_, input.data() + written, input.size() - written);
      if (n > 0) {
        written += static_cast<size_t>(n);
      } else if (n < 0 && errno == EINTR) {
        continue;
      } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        return;
      } else {
        // EPIPE: the child closed its stdin, or exited, without reading all of the input. That
        // is its business (`true` ignores its input); it simply gets no more.
        if (n < 0 && errno == EPIPE) sigpipe_block.NoteRaised();
        break;
      }
    }
    CloseFd(stdin_fd_);
  };

  while (!over_limit) {
    // With a pidfd the run ends when the child exits; without one, when nothing holds its output
    // open any more.
    const bool done = pidfd_ >= 0 ? exited : stdin_fd_ < 0 && stdout_fd_ < 0 && stderr_fd_ < 0;
    if (done) break;
    pollfd fds[4];
    nfds_t count = 0;
    int stdin_slot = -1, stdout_slot = -1, stderr_slot = -1, pidfd_slot = -1;
    if (stdin_fd_ >= 0) {
      stdin_slot = static_cast<int>(count);
      fds[count++] = {stdin_fd_, POLLOUT, 0};
    }
    if (stdout_fd_ >= 0) {
      stdout_slot = static_cast<int>(count);
      fds[count++] = {stdout_fd_, POLLIN, 0};
    }
    if (stderr_fd_ >= 0) {
      stderr_slot = static_cast<int>(count);
      fds[count++] = {stderr_fd_, POLLIN, 0};
    }
    if (pidfd_ >= 0) {
      pidfd_slot = static_cast<int>(count);
      fds[count++] = {pidfd_, POLLIN, 0};
    }
    if (poll(fds, count, -1) < 0) {
      // EINTR: a signal handler ran; EAGAIN/ENOMEM: the kernel is short of memory for a moment.
      continue;
    }
    // POLLHUP and POLLERR count as ready: the read or write that follows reports what happened.
    if (stdin_slot >= 0 && fds[stdin_slot].revents != 0) write_stdin();
    if (stdout_slot >= 0 && fds[stdout_slot].revents != 0) read_stdout();
    if (stderr_slot >= 0 && fds[stderr_slot].revents != 0) read_stderr();
    if (pidfd_slot >= 0 && fds[pidfd_slot].revents != 0) exited = true;
  }

  if (exited && !over_limit) {
    // Everything the child wrote before it exited is in the pipes now. Collect it, stopping where
    // the pipes are empty; a budget bounds the work when a surviving descendant keeps writing.
    size_t budget = max_stdout_bytes_ + max_stderr_bytes_ + kReadChunk;
    bool more = true;
    while (more && !over_limit && budget > 0) {
      more = false;
      if (stdout_fd_ >= 0) {
        const ssize_t n = read_stdout();
        if (n > 0) {
          more = true;
          budget -= std::min(budget, static_cast<size_t>(n));
        }
      }
      if (stderr_fd_ >= 0) {
        const ssize_t n = read_stderr();
        if (n > 0) {
          more = true;
          budget -= std::min(budget, static_cast<size_t>(n));
        }
      }
    }
  }

  if (over_limit) {
    std::lock_guard lock(mutex_);
    KillGroup();  // not reaped yet, so the pid is still the child's
  }
  CloseAll();
  const int status = Reap();
  CloseFd(pidfd_);

  bool killed;
  {
    std::lock_guard lock(mutex_);
    killed = killed_;
  }
  if (over_limit) {
    result.end = SubprocessResult::End::kStdoutLimit;
  } else if (WIFEXITED(status)) {
    // Kill may have come too late to matter: the child had exited by itself.
    result.end = SubprocessResult::End::kExited;
    result.exit_code = WEXITSTATUS(status);
  } else if (killed && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) {
    result.end = SubprocessResult::End::kKilled;
  } else {
    result.end = SubprocessResult::End::kSignaled;
    result.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  }
  return result;
}

}  // namespace stepwise::tasks
