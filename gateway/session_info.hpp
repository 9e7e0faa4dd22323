#pragma once
// One connected client as operators see it (server::sessions, the admin
// shell's `sessions`).

#include <cstddef>
#include <string>

namespace streamhub::gateway {

struct session_info {
  /// "http" or "ws".
  std::string transport;
  std::string client_ip;
  /// The authenticated user's id (token subject); empty when anonymous.
  std::string user;
  /// Frames and bytes waiting to be written (always 0 for HTTP).
  std::size_t queued_frames = 0;
  std::size_t queued_bytes = 0;
  /// Running GraphQL operations (WebSocket subscriptions).
  std::size_t operations = 0;
};

}  // namespace streamhub::gateway
