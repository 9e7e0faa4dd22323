#include "tests/e2e/support/served_node.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <regex>

namespace streamhub::e2e {

served_node::served_node(std::filesystem::path data_dir, std::vector<std::string> flags)
    : data_dir_(std::move(data_dir)) {
  std::vector<std::string> argv{STREAMHUB_PATH, "--log-format", "text", "--data", data_dir_.string(),
                                "serve", "--listen", "127.0.0.1:0"};
  argv.insert(argv.end(), flags.begin(), flags.end());
  int out[2], err[2];
  if (::pipe2(out, O_CLOEXEC) != 0) return;
  if (::pipe2(err, O_CLOEXEC) != 0) {
    ::close(out[0]);
    ::close(out[1]);
    return;
  }
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  pid_ = ::fork();
  if (pid_ == 0) {
    ::dup2(out[1], STDOUT_FILENO);
    ::dup2(err[1], STDERR_FILENO);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  ::close(out[1]);
  ::close(err[1]);
  if (pid_ < 0) {
    ::close(out[0]);
    ::close(err[0]);
    return;
  }
  reader_ = std::thread([this, o = out[0], e = err[0]] { drain(o, e); });

  static constexpr std::string_view serving = "serving on http://";
  if (!wait_for_log(serving)) return;
  const std::string text = log();
  static const std::regex port_in_line{R"(serving on http://[^ ]*:(\d+)/graphql)"};
  if (std::smatch m; std::regex_search(text, m, port_in_line))
    port_ = static_cast<std::uint16_t>(std::stoul(m[1].str()));
}

served_node::~served_node() {
  if (pid_ > 0 && !exit_code_) {
    ::kill(pid_, SIGKILL);
    wait();
  }
  if (reader_.joinable()) reader_.join();
}

std::string served_node::base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
std::string served_node::http_url() const { return base_url() + "/graphql"; }
std::string served_node::ws_url() const { return "ws://127.0.0.1:" + std::to_string(port_) + "/graphql"; }

int served_node::stop() {
  if (!exit_code_) signal(SIGTERM);
  return wait();
}

void served_node::signal(int sig) {
  if (pid_ > 0 && !exit_code_) ::kill(pid_, sig);
}

int served_node::wait() {
  if (exit_code_) return *exit_code_;
  if (pid_ <= 0) return *(exit_code_ = 127);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  // The pipes close with the process (unless it left children holding them).
  if (reader_.joinable()) reader_.join();
  exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return *exit_code_;
}

bool served_node::wait_for_log(std::string_view text, std::size_t from, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] {
    return (from <= log_.size() && log_.find(text, from) != std::string::npos) || closed_;
  }) && from <= log_.size() && log_.find(text, from) != std::string::npos;
}

std::string served_node::log() const {
  std::lock_guard lock(mutex_);
  return log_;
}

std::size_t served_node::log_size() const {
  std::lock_guard lock(mutex_);
  return log_.size();
}

void served_node::drain(int out, int err) {
  pollfd fds[2] = {{out, POLLIN, 0}, {err, POLLIN, 0}};
  int open = 2;
  while (open > 0) {
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (auto& fd : fds) {
      if (fd.fd < 0 || !(fd.revents & (POLLIN | POLLHUP | POLLERR))) continue;
      char buf[4096];
      const ssize_t n = ::read(fd.fd, buf, sizeof buf);
      if (n > 0) {
        std::lock_guard lock(mutex_);
        log_.append(buf, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        ::close(fd.fd);
        fd.fd = -1;  // poll ignores negative descriptors
        --open;
      }
      changed_.notify_all();
    }
  }
  for (auto& fd : fds)
    if (fd.fd >= 0) ::close(fd.fd);
  std::lock_guard lock(mutex_);
  closed_ = true;
  changed_.notify_all();
}

}  // namespace streamhub::e2e
