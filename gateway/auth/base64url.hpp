#pragma once
// base64url (RFC 4648 section 5) without padding, as JWTs and opaque tokens
// use it. Decoding is strict: it refuses padding, characters outside the
// alphabet, a length of 1 mod 4, and non-zero bits left over in the last
// character, so every byte string has exactly one accepted encoding.

#include <optional>
#include <string>
#include <string_view>

namespace streamhub::gateway::auth {

std::string base64url_encode(std::string_view bytes);

/// The decoded bytes, or nullopt when `text` is not canonical unpadded
/// base64url.
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace streamhub::gateway::auth
