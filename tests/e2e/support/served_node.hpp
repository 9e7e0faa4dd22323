#pragma once
// The real `streamhub serve` as a child process, for end-to-end tests: started
// on 127.0.0.1:0 in a given data directory with extra flags, its port learnt
// from the "serving on http://HOST:PORT/graphql" log line, stopped with
// SIGTERM. Its stdout and stderr are drained into one in-memory log by a
// thread of its own, so a chatty server never blocks on a full pipe.
//
// Thread-safety: one controlling thread calls start/stop/signal/wait;
// log() and wait_for_log() may be called from any thread.

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace streamhub::e2e {

class served_node {
 public:
  /// Runs `streamhub --log-format text --data <data_dir> serve --listen
  /// 127.0.0.1:0 <flags...>` and waits (up to 60 s) until it serves.
  /// Check serving(); on failure log() says why.
  served_node(std::filesystem::path data_dir, std::vector<std::string> flags = {});
  /// SIGKILLs a server still running and waits for it.
  ~served_node();
  served_node(const served_node&) = delete;
  served_node& operator=(const served_node&) = delete;

  /// True once the port is known and until stop()/wait() saw the exit.
  bool serving() const noexcept { return port_ != 0 && !exit_code_; }
  std::uint16_t port() const noexcept { return port_; }
  /// "http://127.0.0.1:PORT/graphql".
  std::string http_url() const;
  /// "ws://127.0.0.1:PORT/graphql".
  std::string ws_url() const;
  /// "http://127.0.0.1:PORT" (for /healthz, /metrics, ...).
  std::string base_url() const;
  const std::filesystem::path& data_dir() const noexcept { return data_dir_; }

  /// Sends SIGTERM and waits for the exit; answers the exit code (0: a
  /// clean stop). Idempotent.
  int stop();
  void signal(int sig);
  /// Waits for the exit; the exit code (128 + signal when killed).
  int wait();

  /// Waits until the log holds `text` at or after byte `from`; false when
  /// the server exits or `timeout` passes first (a failure guard only).
  bool wait_for_log(std::string_view text, std::size_t from = 0,
                    std::chrono::milliseconds timeout = std::chrono::seconds(60));
  /// Everything the server wrote so far (stdout and stderr interleaved).
  std::string log() const;
  std::size_t log_size() const;

 private:
  void drain(int out, int err);

  std::filesystem::path data_dir_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  std::optional<int> exit_code_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::string log_;
  bool closed_ = false;
  std::thread reader_;
};

}  // namespace streamhub::e2e
