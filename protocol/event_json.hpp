#pragma once
// The JSON form of an event_envelope, for tools and logs:
//
//   {"position":12,"stream":"chat:alice","version":3,"type":"chat.message",
//    "schema":1,"time":"2026-11-22T10:17:03.120431Z","id":"<uuid>",
//    "causation":"<uuid>","correlation":"<uuid>","actor":"user:bob",
//    "payload":{...}}
//
// "causation" and "correlation" are omitted when nil. "payload" is the
// payload's own JSON, embedded (not a string).

#include <string>
#include <string_view>

#include "protocol/error.hpp"
#include "protocol/event_envelope.hpp"

namespace streamhub {

/// One line of JSON, no trailing newline. A payload that is not valid JSON is
/// embedded as a JSON string instead, so a damaged payload still prints.
std::string to_json(const event_envelope& event);

/// The inverse of to_json. Errors: invalid (names the bad field).
result<event_envelope> event_from_json(std::string_view text);

/// "2026-11-22T10:17:03.120431Z" for microseconds since the epoch, and back.
std::string format_timestamp_us(std::int64_t timestamp_us);
result<std::int64_t> parse_timestamp_us(std::string_view text);

}  // namespace streamhub
