#pragma once
// WebSocket close codes the graphql-transport-ws server sends, with their
// numbers fixed by RFC 6455 (1xxx) and by the graphql-transport-ws protocol
// (4xxx). Clients decide from the number whether to reconnect (the graphql-ws
// client retries 1000, 1001, 1013 and gives up on 1008, 1009 and 44xx).

#include <cstdint>
#include <string>
#include <string_view>

namespace streamhub::graphql_ws {

/// The subprotocol name negotiated in Sec-WebSocket-Protocol.
inline constexpr std::string_view subprotocol = "graphql-transport-ws";

enum class close_code : std::uint16_t {
  /// The server ends the connection on purpose (the client may reconnect).
  normal = 1000,
  /// The server is shutting down.
  going_away = 1001,
  /// A policy was broken: too many connections for this user.
  policy_violation = 1008,
  /// An incoming message was over the size limit.
  message_too_big = 1009,
  /// The server hit a bug.
  internal_error = 1011,
  /// The client read too slowly and its outgoing queue overflowed; it may
  /// reconnect and resume.
  try_again_later = 1013,
  /// A message of unknown type or wrong shape (protocol: "4400: <reason>").
  bad_request = 4400,
  /// An operation was requested before the connection was acknowledged.
  unauthorized = 4401,
  /// connection_init was refused (bad or missing credentials).
  forbidden = 4403,
  /// The upgrade did not negotiate graphql-transport-ws.
  subprotocol_not_acceptable = 4406,
  /// No connection_init arrived in time.
  connection_initialisation_timeout = 4408,
  /// A subscribe reused the id of an operation that is still active.
  subscriber_already_exists = 4409,
  /// A second connection_init arrived.
  too_many_initialisation_requests = 4429,
};

/// The protocol's reason text for a code, e.g. "Forbidden".
std::string_view default_reason(close_code code) noexcept;

/// A close frame carries at most 123 bytes of reason. Cuts `text` to fit on a
/// UTF-8 character boundary.
std::string fit_close_reason(std::string_view text);

}  // namespace streamhub::graphql_ws
