#pragma once
// Every limit the edge enforces, with its default. Zero disables a cap.

#include <cstddef>

#include "gateway/limits/token_bucket.hpp"

namespace streamhub::gateway::limits {

struct limits_options {
  /// HTTP request body (413 beyond).
  std::size_t max_body_bytes = 64 * 1024;
  /// HTTP request line + headers (431 beyond).
  std::size_t max_header_bytes = 8 * 1024;
  /// One incoming WebSocket message (close 1009 beyond).
  std::size_t max_message_bytes = 64 * 1024;
  /// Bytes waiting in one connection's outgoing queue (close 1013 beyond).
  std::size_t max_queued_bytes = 1024 * 1024;
  /// Frames waiting in one connection's outgoing queue (close 1013 beyond).
  std::size_t max_queued_frames = 4096;
  /// Operations active at once on one WebSocket (error frame beyond).
  std::size_t max_operations_per_connection = 200;
  /// Length of a subscribe id (close 4400 beyond).
  std::size_t max_operation_id_bytes = 128;
  /// Open connections per client IP, HTTP and WebSocket alike (beyond, a
  /// connection's first request is answered 429 and the connection closed).
  std::size_t max_connections_per_ip = 256;
  /// WebSocket connections per user (HTTP 429 at the upgrade, or close
  /// 1008 at connection_init, beyond).
  std::size_t max_connections_per_user = 32;
  /// GraphQL operations (HTTP requests and WebSocket subscribes) per client
  /// IP: burst 200, then 100 per second.
  token_bucket_config operations_per_ip{200, 100};
  /// GraphQL operations per authenticated user: burst 100, then 50 per second.
  token_bucket_config operations_per_user{100, 50};
};

}  // namespace streamhub::gateway::limits
