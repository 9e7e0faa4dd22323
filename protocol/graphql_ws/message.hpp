#pragma once
// graphql-transport-ws messages: one JSON object per WebSocket text frame.
//
//   connection_init  C->S  {"type":"connection_init","payload"?:{..}|null}
//   connection_ack   S->C  {"type":"connection_ack","payload"?:{..}|null}
//   ping / pong      both  {"type":"ping"|"pong","payload"?:{..}|null}
//   subscribe        C->S  {"id":"<id>","type":"subscribe","payload":{"query":"..",
//                            "operationName"?:s|null,"variables"?:{..}|null,
//                            "extensions"?:{..}|null}}
//   next             S->C  {"id":"<id>","type":"next","payload":{ExecutionResult}}
//   error            S->C  {"id":"<id>","type":"error","payload":[GraphQLError,..]}
//   complete         both  {"id":"<id>","type":"complete"}
//
// `parse_message` validates exactly what the reference implementation's
// validateMessage does (ids non-empty strings, payload shapes per type) and
// keeps nested payloads as raw JSON text, so the session can hand them on
// without knowing their structure.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "protocol/error.hpp"

namespace streamhub::graphql_ws {

enum class message_type : std::uint8_t {
  connection_init,
  connection_ack,
  ping,
  pong,
  subscribe,
  next,
  error,
  complete,
};

/// The wire name, e.g. "connection_init".
std::string_view to_string(message_type type) noexcept;

/// The GraphQL request carried by a subscribe message.
struct subscribe_payload {
  std::string query;
  /// Empty when absent or null.
  std::string operation_name;
  /// Raw JSON object text; empty when absent or null.
  std::string variables;
  /// Raw JSON object text; empty when absent or null.
  std::string extensions;

  friend bool operator==(const subscribe_payload&, const subscribe_payload&) = default;
};

/// One parsed message. Which fields are meaningful depends on `type`.
struct message {
  message_type type = message_type::connection_init;
  /// subscribe, next, error, complete: the non-empty operation id.
  std::string id;
  /// Raw JSON: the payload object of connection_init/ack, ping, pong (empty
  /// when absent or null), next (an object) and error (a non-empty array).
  std::string payload;
  /// subscribe only.
  subscribe_payload subscribe;
};

/// Deepest nesting of arrays and objects parse_message accepts. Deeper input
/// is refused before parsing so no recursive step can exhaust the stack.
inline constexpr std::size_t max_json_depth = 64;

/// Parses one text frame.
/// Errors: invalid, with a reason suited to a 4400 close ("Message is missing
/// the 'type' property", "Invalid message 'type' property \"x\"", ...): not
/// JSON, not UTF-8, nested deeper than max_json_depth, or a wrong shape.
result<message> parse_message(std::string_view text);

}  // namespace streamhub::graphql_ws
