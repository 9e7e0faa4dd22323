#pragma once
// Decoding events for the projections' writers: by the kind of their stream
// (user:, channel:, chat:) with the domain payload codec, then handed to the
// writer's overload for that payload type.

#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

#include "protocol/domain/event_codec.hpp"
#include "protocol/error.hpp"
#include "protocol/event_envelope.hpp"

namespace streamhub::projections {

/// The login part of a stream id: "chat:alice" -> "alice" ("" without ':').
constexpr std::string_view stream_login(std::string_view stream_id) noexcept {
  const auto colon = stream_id.find(':');
  return colon == std::string_view::npos ? std::string_view{} : stream_id.substr(colon + 1);
}

/// Who caused an event, as the read models store it: "user:bob" -> "bob";
/// anything else ("system") as it is.
inline std::string actor_login(std::string_view actor) {
  return std::string(actor.starts_with("user:") ? actor.substr(5) : actor);
}

/// Whether `type` is the wire type of one of `Events`.
template <class... Events>
constexpr bool is_one_of(std::string_view type) noexcept {
  return ((type == Events::type) || ...);
}

namespace detail {
template <class Handler, class Variant>
void visit_payload(const event_envelope& event, std::string_view login, Handler& handler,
                   const Variant& payload) {
  std::visit(
      [&](const auto& e) {
        using E = std::decay_t<decltype(e)>;
        if constexpr (std::is_invocable_v<Handler&, const event_envelope&, std::string_view,
                                          const E&>) {
          handler(event, login, e);
        }
      },
      payload);
}
}  // namespace detail

/// Decodes `event` and calls `handler(event, login, payload)` when the handler
/// has an overload for the payload's type; other types are ignored. `login`
/// is the stream's (lower-case) login. Errors: invalid for a stream id of no
/// known kind or a payload that does not decode (with position and type).
/// Whatever the handler throws passes through.
template <class Handler>
result<void> dispatch(const event_envelope& event, Handler& handler) {
  const std::string_view id = event.stream_id;
  const std::string_view login = stream_login(id);
  auto fail = [&](const error& e) {
    return error{error_code::invalid, "event at position " + std::to_string(event.position) +
                                          " (" + event.type + " on " + event.stream_id +
                                          "): " + e.message};
  };
  if (id.starts_with("user:")) {
    auto decoded = domain::decode_user_event(event.type, event.schema_version, event.payload);
    if (!decoded) return fail(decoded.err());
    detail::visit_payload(event, login, handler, *decoded);
  } else if (id.starts_with("channel:")) {
    auto decoded = domain::decode_channel_event(event.type, event.schema_version, event.payload);
    if (!decoded) return fail(decoded.err());
    detail::visit_payload(event, login, handler, *decoded);
  } else if (id.starts_with("chat:")) {
    auto decoded = domain::decode_chat_event(event.type, event.schema_version, event.payload);
    if (!decoded) return fail(decoded.err());
    detail::visit_payload(event, login, handler, *decoded);
  } else {
    return fail(error{error_code::invalid, "stream of no known kind"});
  }
  return {};
}

}  // namespace streamhub::projections
