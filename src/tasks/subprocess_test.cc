#include "tasks/subprocess.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <string>
#include <thread>

namespace stepwise::tasks {
namespace {

using End = SubprocessResult::End;

SubprocessOptions Shell(std::string command, size_t max_stdout = 1 << 20,
                        size_t max_stderr = 1 << 20) {
  SubprocessOptions options;
  options.argv = {"/bin/sh", "-c", std::move(command)};
  options.environment = {"PATH=/usr/local/bin:/usr/bin:/bin"};
  options.max_stdout_bytes = max_stdout;
  options.max_stderr_bytes = max_stderr;
  return options;
}

bool HavePidfd() {
  const int pidfd = static_cast<int>(syscall(SYS_pidfd_open, getpid(), 0));
  if (pidfd < 0) return false;
  close(pidfd);
  return true;
}

// A temporary directory for FIFOs, which let a test wait for a command without sleeping: opening
// one blocks until the other side opens it too.
class TempDirectory {
 public:
  TempDirectory() {
    char pattern[] = "/tmp/stepwise_subprocess_XXXXXX";
    path_ = mkdtemp(pattern);
  }
  ~TempDirectory() { std::filesystem::remove_all(path_); }

  std::string MakeFifo(const std::string& name) {
    const std::string fifo = path_ + "/" + name;
    EXPECT_EQ(mkfifo(fifo.c_str(), 0600), 0);
    return fifo;
  }

 private:
  std::string path_;
};

std::string ReadFifo(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY);
  EXPECT_GE(fd, 0);
  std::string text;
  char buffer[256];
  ssize_t n;
  while ((n = read(fd, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<size_t>(n));
  close(fd);
  return text;
}

SubprocessResult RunToEnd(const SubprocessOptions& options, std::string_view input = "") {
  Result<std::unique_ptr<Subprocess>> process = Subprocess::Start(options);
  EXPECT_TRUE(process.ok()) << process.error().message();
  return process.value()->Communicate(input);
}

TEST(SubprocessTest, ExitStatusStdoutAndStderr) {
  SubprocessResult result = RunToEnd(Shell("printf out; printf err >&2; exit 7"));
  EXPECT_EQ(result.end, End::kExited);
  EXPECT_EQ(result.exit_code, 7);
  EXPECT_EQ(result.stdout_text, "out");
  EXPECT_EQ(result.stderr_text, "err");
  EXPECT_FALSE(result.stderr_truncated);
}

TEST(SubprocessTest, InputIsWrittenThenClosed) {
  SubprocessResult result = RunToEnd(Shell("wc -c"), std::string(100000, 'i'));
  EXPECT_EQ(result.end, End::kExited);
  EXPECT_EQ(std::stoi(result.stdout_text), 100000);
}

TEST(SubprocessTest, EchoingMoreThanAPipeHoldsDoesNotDeadlock) {
  // cat writes as it reads: both directions must be served at once.
  const std::string input(4 << 20, 'x');
  SubprocessResult result = RunToEnd(Shell("cat", 8 << 20), input);
  EXPECT_EQ(result.end, End::kExited);
  EXPECT_EQ(result.stdout_text.size(), input.size());
}

TEST(SubprocessTest, ChildThatIgnoresItsInputIsNotAnError) {
  // The child exits without reading; our writes then fail with EPIPE, and SIGPIPE must not end
  // this test program.
  SubprocessResult result = RunToEnd(Shell("true"), std::string(4 << 20, 'x'));
  EXPECT_EQ(result.end, End::kExited);
  EXPECT_EQ(result.exit_code, 0);
}

TEST(SubprocessTest, ChildThatClosesItsInputEarly) {
  SubprocessResult result =
      RunToEnd(Shell("exec 0<&-; sleep 0; echo done"), std::string(1 << 20, 'x'));
  EXPECT_EQ(result.end, End::kExited);
  EXPECT_EQ(result.stdout_text, "done\n");
}

TEST(SubprocessTest, KilledBySignal) {
  SubprocessResult result = RunToEnd(Shell("kill -TERM $$"));
  EXPECT_EQ(result.end, End::kSignaled);
  EXPECT_EQ(result.signal, SIGTERM);
}

TEST(SubprocessTest, StdoutOverTheLimitKillsTheChild) {
  SubprocessResult result = RunToEnd(Shell("yes", /*max_stdout=*/1000));
  EXPECT_EQ(result.end, End::kStdoutLimit);
  EXPECT_LE(result.stdout_text.size(), 1000u);
}

TEST(SubprocessTest, StderrOverTheLimitIsDiscarded) {
  SubprocessResult result =
      RunToEnd(Shell("head -c 300000 /dev/zero >&2; echo ok", 1000, /*max_stderr=*/100));
  EXPECT_EQ(result.end, End::kExited);
  EXPECT_EQ(result.stdout_text, "ok\n");
  EXPECT_EQ(result.stderr_text.size(), 100u);
  EXPECT_TRUE(result.stderr_truncated);
}

TEST(SubprocessTest, KillEndsTheRun) {
  Result<std::unique_ptr<Subprocess>> process = Subprocess::Start(Shell("exec sleep 60"));
  ASSERT_TRUE(process.ok());
  process.value()->Kill();
  SubprocessResult result = process.value()->Communicate("");
  EXPECT_EQ(result.end, End::kKilled);
}

TEST(SubprocessTest, KillStopsWhatTheCommandStarted) {
  if (!HavePidfd()) GTEST_SKIP() << "no pidfd_open to watch a process that is not our child";
  TempDirectory directory;
  const std::string started = directory.MakeFifo("started");
  // The shell forks sleep and waits for it: killing the shell alone would leave sleep running.
  Result<std::unique_ptr<Subprocess>> process =
      Subprocess::Start(Shell("sleep 60 & echo $! > '" + started + "'; wait"));
  ASSERT_TRUE(process.ok());
  SubprocessResult result;
  std::thread communicator([&] { result = process.value()->Communicate(""); });
  const pid_t sleep_pid = std::stoi(ReadFifo(started));
  const int sleep_pidfd = static_cast<int>(syscall(SYS_pidfd_open, sleep_pid, 0));
  ASSERT_GE(sleep_pidfd, 0);
  process.value()->Kill();
  communicator.join();
  EXPECT_EQ(result.end, End::kKilled);
  // sleep exits too: its pidfd becomes readable (a minute at most, or the test fails).
  pollfd exit_watch = {sleep_pidfd, POLLIN, 0};
  EXPECT_EQ(poll(&exit_watch, 1, 60 * 1000), 1);
  close(sleep_pidfd);
}

TEST(SubprocessTest, DestroyingWithoutCommunicatingKillsAndReaps) {
  Result<std::unique_ptr<Subprocess>> process = Subprocess::Start(Shell("exec sleep 60"));
  ASSERT_TRUE(process.ok());
  const pid_t pid = process.value()->pid();
  process.value().reset();
  // Reaped: the pid is no longer our child.
  EXPECT_EQ(waitpid(pid, nullptr, WNOHANG), -1);
  EXPECT_EQ(errno, ECHILD);
}

TEST(SubprocessTest, BackgroundJobHoldingStdoutIsNotWaitedFor) {
  if (!HavePidfd()) GTEST_SKIP() << "no pidfd_open: runs end when the output is closed";
  TempDirectory directory;
  const std::string gate = directory.MakeFifo("gate");
  // The background job holds the output pipes open until the test opens the gate; the run ends
  // when the shell exits all the same.
  SubprocessResult result = RunToEnd(Shell("cat '" + gate + "' & echo '{}'"));
  EXPECT_EQ(result.end, End::kExited);
  EXPECT_EQ(result.stdout_text, "{}\n");
  close(open(gate.c_str(), O_WRONLY));  // lets the background job finish
}

TEST(SubprocessTest, EnvironmentIsExactlyWhatIsGiven) {
  SubprocessOptions options;
  options.argv = {"/usr/bin/env"};
  options.environment = {"A=1", "B=two words"};
  options.max_stdout_bytes = options.max_stderr_bytes = 1000;
  SubprocessResult result = RunToEnd(options);
  EXPECT_EQ(result.stdout_text, "A=1\nB=two words\n");
}

TEST(SubprocessTest, ProgramThatCannotRunIsASpawnError) {
  SubprocessOptions options;
  options.argv = {"/nonexistent/program"};
  Result<std::unique_ptr<Subprocess>> process = Subprocess::Start(options);
  ASSERT_FALSE(process.ok());
  EXPECT_EQ(process.error().name(), "SpawnFailed");
  EXPECT_EQ(process.error().message(),
            "cannot run /nonexistent/program: No such file or directory");
}

#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
TEST(SubprocessTest, OurOtherDescriptorsAreNotInherited) {
  const int fd = open("/dev/null", O_RDONLY);  // deliberately without O_CLOEXEC
  ASSERT_GE(fd, 3);
  const std::string path = "/proc/self/fd/" + std::to_string(fd);
  SubprocessResult result =
      RunToEnd(Shell("if [ -e " + path + " ]; then echo open; else echo closed; fi"));
  close(fd);
  EXPECT_EQ(result.stdout_text, "closed\n");
}
#endif

}  // namespace
}  // namespace stepwise::tasks
