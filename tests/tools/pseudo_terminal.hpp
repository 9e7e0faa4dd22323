#pragma once
// Runs a program on a pseudo-terminal, as a person at a terminal would: the
// test types into it and waits for text to appear on its screen (escape
// sequences stripped). Deadlines only guard against a hang.

#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace streamhub::testing {

class pseudo_terminal {
 public:
  /// Starts `argv` (argv[0] a path) with `env` added to the environment, on
  /// a 200-column terminal.
  pseudo_terminal(const std::vector<std::string>& argv, const std::vector<std::string>& env) {
    winsize size{};
    size.ws_row = 50;
    size.ws_col = 200;
    pid_ = ::forkpty(&master_, nullptr, nullptr, &size);
    if (pid_ == 0) {
      for (const auto& e : env) ::putenv(const_cast<char*>(e.c_str()));
      std::vector<char*> args;
      for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
      args.push_back(nullptr);
      ::execv(args[0], args.data());
      ::_exit(127);
    }
  }
  ~pseudo_terminal() {
    if (pid_ > 0 && !exited_) {
      ::kill(pid_, SIGKILL);
      wait();
    }
    if (master_ >= 0) ::close(master_);
  }
  pseudo_terminal(const pseudo_terminal&) = delete;
  pseudo_terminal& operator=(const pseudo_terminal&) = delete;

  bool started() const { return pid_ > 0 && master_ >= 0; }

  /// Types `keys` (a line needs its "\r"; "\t" completes, "\x03" is ^C,
  /// "\x04" ^D).
  void type(std::string_view keys) {
    while (!keys.empty()) {
      const ssize_t n = ::write(master_, keys.data(), keys.size());
      if (n <= 0) return;
      keys.remove_prefix(static_cast<std::size_t>(n));
    }
  }

  /// Waits until `text` appears in the output after what earlier expects
  /// consumed; consumes up to its end. False at exit or after `timeout`.
  bool expect(std::string_view text, std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      if (const auto at = screen_.find(text, consumed_); at != std::string::npos) {
        last_ = screen_.substr(consumed_, at + text.size() - consumed_);
        consumed_ = at + text.size();
        return true;
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0 || !pump(static_cast<int>(left.count()))) return false;
    }
  }

  /// Types `line` and Enter into a shell, then expects `shows` and the next
  /// `prompt`. False, with what the screen holds in `why`, when either does
  /// not come.
  bool run(std::string_view line, std::string_view shows, std::string_view prompt, std::string& why) {
    type(std::string(line) + "\r");
    if (!expect(shows)) {
      why = std::string(line) + " did not show " + std::string(shows) + "; screen:\n" + screen_;
      return false;
    }
    if (!expect(prompt)) {
      why = std::string(line) + ": no prompt after it; screen:\n" + screen_;
      return false;
    }
    return true;
  }

  /// What the last successful expect() consumed (its text included).
  const std::string& last() const { return last_; }
  /// Everything shown so far, escape sequences stripped.
  const std::string& screen() const { return screen_; }
  /// Everything the program wrote so far, escape sequences included.
  const std::string& raw() const { return raw_; }

  /// Waits for the exit (reading on, so the program never blocks on output);
  /// the exit code, 128 + signal when killed.
  int wait() {
    if (exited_) return exit_code_;
    while (pump(1000)) {
    }
    int status = 0;
    ::waitpid(pid_, &status, 0);
    exited_ = true;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return exit_code_;
  }

 private:
  /// Reads what comes within `timeout_ms`; false at end of output or when
  /// nothing came.
  bool pump(int timeout_ms) {
    pollfd fd{master_, POLLIN, 0};
    if (::poll(&fd, 1, timeout_ms) <= 0) return false;
    char buf[4096];
    const ssize_t n = ::read(master_, buf, sizeof buf);
    if (n <= 0) return false;  // EIO once the program has exited
    raw_.append(buf, static_cast<std::size_t>(n));
    append_stripped(std::string_view(buf, static_cast<std::size_t>(n)));
    return true;
  }

  /// Drops CSI sequences (ESC [ ... final byte), other two-byte escapes and
  /// carriage returns, which is all readline and the shell's colours emit.
  void append_stripped(std::string_view bytes) {
    for (char ch : bytes) {
      if (escape_ == 1) {
        escape_ = ch == '[' ? 2 : 0;
        continue;
      }
      if (escape_ == 2) {
        if (ch >= 0x40 && ch <= 0x7e) escape_ = 0;
        continue;
      }
      if (ch == '\x1b') {
        escape_ = 1;
        continue;
      }
      if (ch == '\r' || ch == '\x07') continue;
      screen_.push_back(ch);
    }
  }

  pid_t pid_ = -1;
  int master_ = -1;
  std::string screen_;
  std::string raw_;
  std::string last_;
  std::size_t consumed_ = 0;
  int escape_ = 0;
  bool exited_ = false;
  int exit_code_ = -1;
};

}  // namespace streamhub::testing
