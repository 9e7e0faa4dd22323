#include "projections/pg/child_process.hpp"

#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace streamhub::projections {
namespace {

constexpr std::size_t max_output = 64 * 1024;

// A file descriptor closed on scope exit.
class unique_fd {
 public:
  explicit unique_fd(int fd = -1) noexcept : fd_(fd) {}
  ~unique_fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  unique_fd(const unique_fd&) = delete;
  unique_fd& operator=(const unique_fd&) = delete;
  int get() const noexcept { return fd_; }

 private:
  int fd_;
};

error system_error(std::string_view what) {
  return error{error_code::io_error, std::string(what) + ": " + std::strerror(errno)};
}

// Writes `text` to stderr from the forked child (async-signal-safe).
void child_report(const char* text) noexcept {
  const char* end = text;
  while (*end != '\0') ++end;
  [[maybe_unused]] auto written = ::write(STDERR_FILENO, text, static_cast<std::size_t>(end - text));
}

// The child's side: everything here must be async-signal-safe.
[[noreturn]] void exec_child(char* const* argv, char* const* envp, const char* cwd, int null_fd,
                             int output_fd, const child_options& options) noexcept {
  if (::dup2(null_fd, STDIN_FILENO) < 0 || ::dup2(output_fd, STDOUT_FILENO) < 0 ||
      ::dup2(output_fd, STDERR_FILENO) < 0) {
    ::_exit(126);
  }
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  for (int sig : {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD, SIGUSR1, SIGUSR2}) {
    ::signal(sig, SIG_DFL);
  }
  if (options.run_as) {
    const gid_t gid = options.run_as->gid;
    if (::setgroups(1, &gid) != 0 || ::setgid(gid) != 0 || ::setuid(options.run_as->uid) != 0) {
      child_report("cannot switch to the unprivileged user\n");
      ::_exit(126);
    }
  }
  if (::chdir(cwd) != 0) {
    child_report("cannot change to the working directory\n");
    ::_exit(126);
  }
  if (::syscall(SYS_close_range, 3U, ~0U, 0U) != 0) {
    // Kernels before 5.9: close them one by one.
    rlimit limit{};
    ::getrlimit(RLIMIT_NOFILE, &limit);
    for (rlim_t fd = 3; fd < limit.rlim_cur && fd < 1U << 20; ++fd) ::close(static_cast<int>(fd));
  }
  ::execve(argv[0], argv, envp);
  child_report("cannot execute ");
  child_report(argv[0]);
  child_report("\n");
  ::_exit(127);
}

std::string read_output(int fd) {
  std::string out;
  const off_t size = ::lseek(fd, 0, SEEK_END);
  if (size <= 0) return out;
  const off_t from = size > static_cast<off_t>(max_output) ? size - static_cast<off_t>(max_output) : 0;
  out.resize(static_cast<std::size_t>(size - from));
  const ssize_t got = ::pread(fd, out.data(), out.size(), from);
  out.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
  return out;
}

enum class wait_outcome { exited, timed_out, failed };

// Waits for `pid` up to `timeout`; `status` is filled when it exited.
wait_outcome wait_with_timeout(pid_t pid, std::chrono::milliseconds timeout, int& status) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  unique_fd pidfd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
  for (;;) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) return wait_outcome::exited;
    if (done < 0 && errno != EINTR) return wait_outcome::failed;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return wait_outcome::timed_out;
    if (pidfd.get() >= 0) {
      pollfd p{pidfd.get(), POLLIN, 0};
      ::poll(&p, 1, static_cast<int>(std::min<std::int64_t>(left.count(), 1000)));
    } else {
      // Kernels before 5.3 have no pidfd: poll the child every 10 ms.
      ::poll(nullptr, 0, 10);
    }
  }
}

}  // namespace

result<child_outcome> run_child(const std::vector<std::string>& argv,
                                const child_options& options) {
  if (argv.empty()) return error{error_code::invalid, "run_child: no program given"};

  // Everything the child needs is allocated before fork.
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<char*> env;
  for (const auto& e : options.environment) env.push_back(const_cast<char*>(e.c_str()));
  env.push_back(nullptr);
  const std::string cwd = options.working_directory.string();

  unique_fd null_fd(::open("/dev/null", O_RDWR | O_CLOEXEC));
  if (null_fd.get() < 0) return system_error("open /dev/null");
  // A memory file rather than a pipe: nobody has to drain it while the child
  // runs, and a daemon the child leaves behind cannot hold it open for us.
  unique_fd output_fd(::memfd_create("streamhub-child-output", MFD_CLOEXEC));
  if (output_fd.get() < 0) return system_error("memfd_create");

  const pid_t pid = ::fork();
  if (pid < 0) return system_error("fork " + argv[0]);
  if (pid == 0) {
    exec_child(args.data(), env.data(), cwd.c_str(), null_fd.get(), output_fd.get(), options);
  }

  int status = 0;
  const auto waited = wait_with_timeout(pid, options.timeout, status);
  if (waited == wait_outcome::failed) return system_error("waitpid " + argv[0]);
  child_outcome outcome;
  if (waited == wait_outcome::timed_out) {
    ::kill(pid, SIGKILL);
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    outcome.output = read_output(output_fd.get());
    return error{error_code::timeout, argv[0] + " did not finish within " +
                                          std::to_string(options.timeout.count()) +
                                          " ms; output: " + output_tail(outcome)};
  }
  outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  outcome.output = read_output(output_fd.get());
  return outcome;
}

std::string output_tail(const child_outcome& outcome, std::size_t max_chars) {
  std::string_view text = outcome.output;
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
  if (text.size() > max_chars) text = text.substr(text.size() - max_chars);
  return std::string(text);
}

}  // namespace streamhub::projections
