#pragma once
// A client of the admin endpoint (wire format: admin_server.hpp), for the
// `streamhub admin` shell and tests. Blocking; one request at a time.
//
// Thread-safety: none; use from one thread.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/error.hpp"

namespace streamhub::gateway::admin {

class admin_client {
 public:
  admin_client();
  ~admin_client();
  admin_client(const admin_client&) = delete;
  admin_client& operator=(const admin_client&) = delete;

  /// Connects and presents `token`, dropping any earlier connection.
  /// Errors: unavailable (cannot connect, or no answer within `timeout`),
  /// unauthenticated (the endpoint refused the token).
  result<void> connect(const std::string& host, std::uint16_t port, const std::string& token,
                       std::chrono::milliseconds timeout = std::chrono::seconds(10));

  bool connected() const noexcept;
  void disconnect();

  /// Runs one command (not tail) and returns its result as a JSON object.
  /// Errors: the endpoint's (code and message as sent); unavailable when
  /// the connection is lost, after which connected() is false.
  result<std::string> call(const std::vector<std::string>& argv);

  /// Runs `tail`: `on_line` gets the start line ({"tail":ID,"from_version":V})
  /// and then each event as JSON, until `should_stop()` (polled at least every
  /// 100 ms) says so; the tail is then cancelled. Returns the end line's
  /// result ({"tail":ID,"events":N}), or the error that ended the tail.
  result<std::string> tail(const std::vector<std::string>& argv,
                           const std::function<void(std::string_view)>& on_line,
                           const std::function<bool()>& should_stop);

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace streamhub::gateway::admin
