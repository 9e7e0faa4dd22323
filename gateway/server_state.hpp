#pragma once
// What every session of one server shares: options, the service, token
// verification, limits and metrics. Created by server::start before any
// session, destroyed after the last one; thread-safe throughout (read-only
// options, internally locked limiters, atomic metrics).

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

#include "gateway/auth/jwt.hpp"
#include "gateway/gateway_metrics.hpp"
#include "gateway/limits/connection_counter.hpp"
#include "gateway/limits/rate_limiter.hpp"
#include "gateway/metrics/registry.hpp"
#include "gateway/server_options.hpp"
#include "gateway/static_files.hpp"

namespace streamhub::gateway {

struct server_state {
  explicit server_state(server_options opts);

  server_options options;
  std::shared_ptr<metrics::registry> registry;
  gateway_metrics metrics;
  limits::rate_limiter ip_operations;
  limits::rate_limiter user_operations;
  limits::connection_counter ip_connections;
  limits::connection_counter user_connections;
  /// Set when options.static_dir names a directory.
  std::optional<static_files> web_app;

  /// Verifies a bearer token against options.tokens.
  /// Errors: unauthenticated (no key set configured, or the token is bad).
  result<std::shared_ptr<const auth::access_claims>> verify_token(std::string_view token) const;

  /// The user of an `Authorization` header value: null when the header is
  /// empty. Errors: unauthenticated (not a Bearer token, or a bad one).
  result<std::shared_ptr<const auth::access_claims>> verify_authorization(
      std::string_view header) const;

  /// Whether `origin` may open a WebSocket (absent origin: yes).
  bool origin_allowed(std::string_view origin) const;

  /// Takes one operation token for the client IP and, when known, the user.
  limits::rate_decision take_operation(const std::string& client_ip,
                                       const auth::access_claims* user);
};

}  // namespace streamhub::gateway
