#include "gateway/server_state.hpp"

#include <algorithm>

#include "gateway/auth/bearer_token.hpp"

namespace streamhub::gateway {

server_state::server_state(server_options opts)
    : options(std::move(opts)),
      registry(options.metrics ? options.metrics : std::make_shared<metrics::registry>()),
      metrics(*registry),
      ip_operations(options.limits.operations_per_ip),
      user_operations(options.limits.operations_per_user),
      ip_connections(options.limits.max_connections_per_ip),
      user_connections(options.limits.max_connections_per_user) {
  if (!options.static_dir.empty()) {
    if (auto files = static_files::open(options.static_dir)) web_app.emplace(std::move(*files));
  }
}

result<std::shared_ptr<const auth::access_claims>> server_state::verify_token(
    std::string_view token) const {
  if (!options.tokens) return error{error_code::unauthenticated, "tokens are not accepted"};
  auto claims = options.tokens->verify(token, std::chrono::system_clock::now());
  if (!claims) return std::move(claims).err();
  return std::shared_ptr<const auth::access_claims>(
      std::make_shared<const auth::access_claims>(std::move(*claims)));
}

result<std::shared_ptr<const auth::access_claims>> server_state::verify_authorization(
    std::string_view header) const {
  if (header.empty()) return std::shared_ptr<const auth::access_claims>();
  const auto token = auth::bearer_token(header);
  if (!token) return error{error_code::unauthenticated, "expected a Bearer token"};
  return verify_token(*token);
}

bool server_state::origin_allowed(std::string_view origin) const {
  if (origin.empty() || options.allowed_origins.empty()) return true;
  return std::find(options.allowed_origins.begin(), options.allowed_origins.end(), origin) !=
         options.allowed_origins.end();
}

limits::rate_decision server_state::take_operation(const std::string& client_ip,
                                                   const auth::access_claims* user) {
  const auto now = limits::rate_limiter::clock::now();
  limits::rate_decision decision = ip_operations.try_acquire(client_ip, now);
  if (user != nullptr) {
    const auto by_user = user_operations.try_acquire(user->subject, now);
    if (!by_user.allowed) {
      decision.allowed = false;
      decision.retry_after = std::max(decision.retry_after, by_user.retry_after);
    }
  }
  return decision;
}

}  // namespace streamhub::gateway
