#pragma once
// The edge server: one listening address serving GraphQL over HTTP and
// WebSocket (graphql-transport-ws), health, readiness, metrics, GraphiQL and
// the web app. See gateway/README.md for the threading model and lifecycle.

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "gateway/server_options.hpp"
#include "gateway/session_info.hpp"
#include "protocol/error.hpp"

namespace streamhub::gateway {

namespace metrics {
class registry;
}

/// start() and stop() are called from one controlling thread (not an I/O
/// thread); port() and metrics() are thread-safe.
class server {
 public:
  explicit server(server_options options);
  /// Stops if running.
  ~server();

  server(const server&) = delete;
  server& operator=(const server&) = delete;

  /// Binds, listens and starts the I/O threads. Returns the bound port.
  /// Errors: invalid (bad listen address, no service), not_found (static_dir
  /// is not a directory), io_error (bind or listen failed), conflict
  /// (already started).
  result<std::uint16_t> start();

  /// Graceful shutdown: stops accepting, closes WebSockets with 1001 (their
  /// operations cancelled), lets in-flight HTTP requests finish, and after
  /// shutdown_timeout cuts whatever is left. Returns when every I/O thread
  /// has ended. Idempotent.
  void stop();

  /// The bound port; 0 before start().
  std::uint16_t port() const noexcept;

  metrics::registry& metrics() noexcept;

  /// Describes every connected client, asking each I/O thread in turn
  /// (never blocking one); `done` is called once, from an I/O thread, or at
  /// once with an empty list when the server is not running. Any thread, but
  /// not concurrently with start() or stop().
  void sessions(std::function<void(std::vector<session_info>)> done) const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace streamhub::gateway
