#pragma once
// Opaque refresh tokens: 256 random bits, base64url (43 characters). The
// server stores only the SHA-256 of a token, so a leaked table grants nothing;
// a presented token is hashed and looked up.

#include <string>
#include <string_view>

#include "protocol/error.hpp"

namespace streamhub::gateway::auth {

struct refresh_token {
  /// Given to the client once; never stored.
  std::string token;
  /// hash_refresh_token(token): what the store keeps.
  std::string hash;
};

/// A fresh token and its hash. Errors: internal when the RNG fails.
result<refresh_token> new_refresh_token();

/// Lower-case hex SHA-256 of the token text (64 characters).
std::string hash_refresh_token(std::string_view token);

/// Whether `token` has the shape new_refresh_token makes (43 base64url
/// characters); cheap to check before any lookup.
bool is_well_formed_refresh_token(std::string_view token);

}  // namespace streamhub::gateway::auth
