#include "gateway/api/request_context.hpp"

#include <algorithm>

#include "gateway/api/entity_loaders.hpp"
#include "gateway/auth/jwt.hpp"

namespace streamhub::gateway::api {

request_context::request_context(api_services& s, auth_context a)
    : services(s), auth(std::move(a)), loaders(std::make_unique<entity_loaders>(*this)) {
  if (auth.user) {
    viewer = auth.user->subject;
    viewer_is_admin = std::find(auth.user->roles.begin(), auth.user->roles.end(), "admin") !=
                      auth.user->roles.end();
  }
}

request_context::~request_context() = default;

domain::command_context request_context::command(std::string_view mutation,
                                                 std::string_view idempotency_key) const {
  domain::command_context c;
  c.caller = viewer;
  c.caller_display_name = auth.user && !auth.user->name.empty() ? auth.user->name : viewer;
  c.caller_is_admin = viewer_is_admin;
  if (!idempotency_key.empty()) {
    // A fixed namespace: the same (mutation, viewer, key) always names the
    // same command.
    static const event_id kIdempotency = *event_id::parse("5c1b7e2a-9d1f-4c6e-8a3b-2f4d6e8a0b1c");
    std::string purpose(mutation);
    purpose += '\n';
    purpose += viewer;
    purpose += '\n';
    purpose += idempotency_key;
    c.command_id = derive_event_id(kIdempotency, purpose);
  }
  return c;
}

void request_context::wrote(std::uint64_t position) noexcept {
  auto seen = max_position.load(std::memory_order_relaxed);
  while (position > seen && !max_position.compare_exchange_weak(seen, position, std::memory_order_relaxed)) {
  }
}

}  // namespace streamhub::gateway::api
