#pragma once
// Limits and settings of the product API (the GraphQL schema's resolvers).

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace streamhub::gateway::api {

struct api_options {
  /// Documents deeper, wider or costlier than this are refused before
  /// execution (QUERY_TOO_COMPLEX). Cost: 1 per field, list fields
  /// multiplied by their `first`.
  std::uint32_t max_depth = 12;
  std::uint64_t max_aliases = 30;
  std::uint64_t max_cost = 20'000;
  /// Response bytes and resolver calls per request.
  std::size_t max_response_bytes = 4u << 20;
  std::size_t max_resolver_calls = 10'000;
  /// Connection pages: `first` must be 1..max_page.
  std::uint32_t max_page = 100;
  /// How long a query passing extensions.minPosition may wait for the read
  /// models to catch up.
  std::chrono::milliseconds read_your_writes_wait{2'000};
  /// Refresh tokens live this long (access tokens: the jwt_codec's access_ttl).
  std::chrono::seconds refresh_token_ttl{30 * 24 * 3600};
  /// Passwords: at least this many characters (and at most 128).
  std::size_t min_password = 8;
  /// Logins made admins when they register (bootstrapping the first admin).
  std::vector<std::string> bootstrap_admins;
};

}  // namespace streamhub::gateway::api
