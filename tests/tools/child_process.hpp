#pragma once
// Runs a program as a child process for tests of the command-line tools:
// to completion with its output captured, or kept running while the test
// reads its stdout line by line (with a deadline as a failure guard).

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace streamhub::testing {

class child_process {
 public:
  /// Starts `argv` (argv[0] is the program's path) with stdout and stderr
  /// on pipes.
  explicit child_process(const std::vector<std::string>& argv) {
    int out[2], err[2];
    if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) return;
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      ::dup2(err[1], STDERR_FILENO);
      std::vector<char*> args;
      for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
      args.push_back(nullptr);
      ::execv(args[0], args.data());
      ::_exit(127);
    }
    ::close(out[1]);
    ::close(err[1]);
    out_ = out[0];
    err_ = err[0];
  }
  ~child_process() {
    if (pid_ > 0 && !exit_code_) {
      ::kill(pid_, SIGKILL);
      wait();
    }
    if (out_ >= 0) ::close(out_);
    if (err_ >= 0) ::close(err_);
  }
  child_process(const child_process&) = delete;
  child_process& operator=(const child_process&) = delete;

  /// The next line of stdout (without '\n'), or nullopt at end of output or
  /// when `timeout` passes first.
  std::optional<std::string> read_line(std::chrono::milliseconds timeout) {
    return next_line(stdout_, timeout);
  }
  /// The same for stderr.
  std::optional<std::string> read_err_line(std::chrono::milliseconds timeout) {
    return next_line(stderr_, timeout);
  }

  void signal(int sig) { ::kill(pid_, sig); }

  /// Reads the rest of both outputs and waits for the exit; returns the exit
  /// code (128 + signal when killed).
  int wait() {
    if (exit_code_) return *exit_code_;
    while (pump(-1)) {
    }
    int status = 0;
    ::waitpid(pid_, &status, 0);
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return *exit_code_;
  }

  /// Output not yet consumed by read_line (all of it after wait()).
  const std::string& out() const { return stdout_; }
  const std::string& err() const { return stderr_; }

 private:
  std::optional<std::string> next_line(std::string& buffer, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      if (const auto nl = buffer.find('\n'); nl != std::string::npos) {
        std::string line = buffer.substr(0, nl);
        buffer.erase(0, nl + 1);
        return line;
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0 || !pump(static_cast<int>(left.count()))) return std::nullopt;
    }
  }

  /// Reads what is available within `timeout_ms` (-1: until something is);
  /// false once both pipes are closed or nothing came in time.
  bool pump(int timeout_ms) {
    pollfd fds[2] = {{out_, POLLIN, 0}, {err_, POLLIN, 0}};
    if (out_ < 0 && err_ < 0) return false;
    if (::poll(fds, 2, timeout_ms) <= 0) return false;
    bool open = false;
    for (int i = 0; i < 2; ++i) {
      int& fd = i == 0 ? out_ : err_;
      if (fd < 0) continue;
      if (fds[i].revents & (POLLIN | POLLHUP)) {
        char buf[4096];
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n > 0) {
          (i == 0 ? stdout_ : stderr_).append(buf, static_cast<std::size_t>(n));
        } else {
          ::close(fd);
          fd = -1;
          continue;
        }
      }
      open = true;
    }
    return open;
  }

  pid_t pid_ = -1;
  int out_ = -1, err_ = -1;
  std::string stdout_, stderr_;
  std::optional<int> exit_code_;
};

}  // namespace streamhub::testing
