#pragma once
// The address the server listens on, from "HOST:PORT" ("[::1]:8080" for
// IPv6).
//
// Thread-safety: pure functions.

#include <cstdint>
#include <string>
#include <string_view>

#include "protocol/error.hpp"

namespace streamhub::tools {

struct listen_address {
  std::string host;
  /// 0: any free port, chosen when the socket is bound.
  std::uint16_t port = 0;

  std::string to_string() const;
};

/// Errors: invalid (no port, a port above 65535, an empty host, stray
/// brackets).
result<listen_address> parse_listen_address(std::string_view text);

}  // namespace streamhub::tools
