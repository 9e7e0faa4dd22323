#pragma once
// Serialisation of outgoing graphql-transport-ws frames.
//
// A `next` frame is sent as three pieces so that fan-out costs no copy:
//
//   next_prefix(id)   {"id":"<id>","type":"next","payload":   once per operation
//   payload bytes     {"data":{...}}                           once per event, shared
//   frame_suffix      }                                        a constant
//
// The other frames are small and built whole. Raw JSON arguments
// (`payload_json`, `errors_json`) are inserted verbatim: the caller
// guarantees they are valid JSON of the right shape.

#include <string>
#include <string_view>

#include "protocol/graphql_ws/message.hpp"

namespace streamhub::graphql_ws {

/// `"text"` as a JSON string literal (quotes included, escapes applied;
/// invalid UTF-8 is replaced by U+FFFD).
std::string json_string(std::string_view text);

/// `{"id":"<id>","type":"next","payload":` for one operation.
std::string next_prefix(std::string_view id);

/// Closes a frame begun by next_prefix.
inline constexpr std::string_view frame_suffix = "}";

/// next_prefix(id) + payload_json + frame_suffix, for callers that do not share.
std::string next_frame(std::string_view id, std::string_view payload_json);

/// `{"type":"connection_ack"}`, with `"payload":<payload_json>` when non-empty.
std::string connection_ack_frame(std::string_view payload_json = {});
/// `{"type":"ping"}` / `{"type":"pong"}`, with the payload when non-empty.
std::string ping_frame(std::string_view payload_json = {});
std::string pong_frame(std::string_view payload_json = {});
/// `{"id":"<id>","type":"error","payload":<errors_json>}`; errors_json is a
/// non-empty JSON array of GraphQL errors.
std::string error_frame(std::string_view id, std::string_view errors_json);
/// `{"id":"<id>","type":"complete"}`.
std::string complete_frame(std::string_view id);

/// Client-side frames (used by clients and tests).
std::string connection_init_frame(std::string_view payload_json = {});
std::string subscribe_frame(std::string_view id, const subscribe_payload& payload);

/// `[{"message":"<text>","extensions":{"code":"<code>"}}]`: a one-error list
/// for error frames and HTTP error bodies.
std::string error_list(std::string_view text, std::string_view code);

}  // namespace streamhub::graphql_ws
