#pragma once
// Everything the edge server is configured with. Durations are wall-clock
// bounds enforced by a coarse sweep every `sweep_interval`, so each may fire
// up to one interval late.

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "gateway/auth/jwt.hpp"
#include "gateway/graphql_service.hpp"
#include "gateway/limits/limits_options.hpp"

namespace streamhub::gateway {

namespace metrics {
class registry;
}

struct server_options {
  /// HOST:PORT; port 0 picks a free port (server::port() reports it).
  /// IPv6 hosts in brackets: "[::1]:8080".
  std::string listen = "127.0.0.1:8080";
  /// I/O threads; 0 = one per hardware thread.
  std::size_t io_threads = 0;
  /// Required: executes GraphQL. Must outlive stop().
  std::shared_ptr<graphql_service> service;
  /// Verifies bearer tokens; null = no token is ever valid.
  std::shared_ptr<const auth::jwt_codec> tokens;
  /// When set, connection_init without a valid token is refused (4403).
  bool require_auth = false;
  /// Origins allowed to open WebSockets (exact match, e.g.
  /// "https://streamhub.example"); empty = any. Requests without an Origin
  /// header (non-browser clients) are allowed.
  std::vector<std::string> allowed_origins;
  /// Directory served at / (the web app); empty = 404.
  std::string static_dir;
  /// /readyz answers 200 when this returns true, else 503; null = ready.
  /// Called on an I/O thread: must not block.
  std::function<bool()> readiness;
  /// Lines /readyz adds to its body after "ready" or "not ready" (which
  /// projections lag, say); null or empty = none. Called on an I/O thread:
  /// must not block.
  std::function<std::string()> readiness_detail;
  /// Where metrics are recorded and /metrics reads from; null = a private one.
  std::shared_ptr<metrics::registry> metrics;

  limits::limits_options limits;

  /// A WebSocket must send connection_init within this (4408).
  std::chrono::milliseconds connection_init_timeout{10'000};
  /// A WebSocket silent this long is pinged.
  std::chrono::milliseconds ping_interval{15'000};
  /// A WebSocket silent this long (no pong either) is dropped.
  std::chrono::milliseconds idle_timeout{45'000};
  /// A close handshake or a blocked write taking longer ends the TCP connection.
  std::chrono::milliseconds close_timeout{5'000};
  /// An HTTP connection idle (or sending a request) this long is closed.
  std::chrono::milliseconds http_idle_timeout{30'000};
  /// stop() waits this long for in-flight work before cutting connections.
  std::chrono::milliseconds shutdown_timeout{10'000};
  /// Granularity of every timeout above.
  std::chrono::milliseconds sweep_interval{500};
};

}  // namespace streamhub::gateway
