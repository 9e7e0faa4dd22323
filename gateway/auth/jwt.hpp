#pragma once
// JSON Web Tokens signed with HMAC-SHA256, as access tokens.
//
// Only HS256 is accepted: the header's "alg" must be exactly "HS256" (so
// "none", "RS256" and any confusion between key types are refused), "kid"
// names the key in the key set (several keys verify, one signs: rotate by
// adding a key, making it active, and dropping the old one once the tokens it
// signed have expired), and "crit" is refused. Claims checked on verify:
// exp (required), nbf and iat (when present), iss and aud (when configured),
// each with `leeway` of clock skew; sub is required.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/error.hpp"

namespace streamhub::gateway::auth {

/// One HMAC key. The secret is raw bytes, at least 32 of them.
struct jwt_key {
  std::string id;
  std::string secret;
};

struct jwt_options {
  /// Keys accepted for verification; at least one.
  std::vector<jwt_key> keys;
  /// The id of the key that signs; must be in `keys`.
  std::string active_key_id;
  /// Expected "iss"; empty = not checked.
  std::string issuer;
  /// Expected "aud" (a string, or one entry of an array); empty = not checked.
  std::string audience;
  /// Clock skew tolerated on exp, nbf and iat.
  std::chrono::seconds leeway{30};
  /// Longer tokens are refused before any decoding.
  std::size_t max_token_bytes = 4096;
  /// Lifetime of tokens made by `issue`.
  std::chrono::seconds access_ttl{15 * 60};
};

/// The claims of an access token. Times are seconds since the Unix epoch;
/// 0 means absent (for nbf and iat).
struct access_claims {
  std::string subject;
  std::vector<std::string> roles;
  std::string issuer;
  std::vector<std::string> audience;
  std::int64_t issued_at = 0;
  std::int64_t not_before = 0;
  std::int64_t expires_at = 0;
  /// "jti"; empty when absent.
  std::string token_id;
  /// "name": the subject's display name when issued; empty when absent.
  std::string name;

  friend bool operator==(const access_claims&, const access_claims&) = default;
};

/// Signs and verifies tokens with one key set. Immutable after creation, so
/// thread-safe; share it through a shared_ptr<const jwt_codec>.
class jwt_codec {
 public:
  /// Errors: invalid when there is no key, a secret is shorter than 32
  /// bytes, two keys share an id, or the active key id is not in the set.
  static result<jwt_codec> create(jwt_options options);

  /// Claims for a new access token of `subject`: iss and aud from the
  /// options, iat = now, exp = now + access_ttl, a random jti.
  /// Errors: internal when the random generator fails.
  result<access_claims> issue(std::string subject, std::vector<std::string> roles,
                              std::chrono::system_clock::time_point now) const;

  /// A compact token (header.payload.signature) signed with the active key.
  /// Errors: internal when HMAC fails.
  result<std::string> sign(const access_claims& claims) const;

  /// The claims of a valid token. Errors: unauthenticated, with the reason
  /// ("token expired", "unknown key id", "bad signature", ...).
  result<access_claims> verify(std::string_view token,
                               std::chrono::system_clock::time_point now) const;

  const jwt_options& options() const noexcept { return options_; }

 private:
  explicit jwt_codec(jwt_options options) : options_(std::move(options)) {}
  const jwt_key* find_key(std::string_view id) const noexcept;

  jwt_options options_;
};

}  // namespace streamhub::gateway::auth
