#pragma once
// JSON payload codec for the domain events of protocol/domain/*_events.hpp.
//
// Encoding gives the wire type, the current schema version and the payload
// JSON. Decoding takes what an envelope holds; a payload written under an
// older schema version is first lifted by the upcasters
// (protocol/domain/upcasters.hpp), so old logs keep replaying.

#include <cstdint>
#include <string>
#include <string_view>

#include "protocol/domain/channel_events.hpp"
#include "protocol/domain/chat_events.hpp"
#include "protocol/domain/user_events.hpp"
#include "protocol/error.hpp"

namespace streamhub::domain {

struct encoded_payload {
  std::string_view type;
  std::uint32_t schema_version = 1;
  std::string json;
};

encoded_payload encode(const user_event& event);
encoded_payload encode(const channel_event& event);
encoded_payload encode(const chat_event& event);

/// Errors: invalid for an unknown type of this entity kind, a schema version
/// newer than this build knows, or a payload that does not decode.
result<user_event> decode_user_event(std::string_view type, std::uint32_t schema_version,
                                     std::string_view payload);
result<channel_event> decode_channel_event(std::string_view type, std::uint32_t schema_version,
                                           std::string_view payload);
result<chat_event> decode_chat_event(std::string_view type, std::uint32_t schema_version,
                                     std::string_view payload);

}  // namespace streamhub::domain
