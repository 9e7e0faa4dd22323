#pragma once
// argon2id password hashes in the PHC string format
// ($argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>), through libargon2.
//
// Hashing costs tens of milliseconds and `memory_kib` of memory by design:
// never call these on an I/O thread; use password_hasher, which runs them on
// its own workers.

#include <cstdint>
#include <string>
#include <string_view>

#include "protocol/error.hpp"

namespace streamhub::gateway::auth {

/// Defaults are OWASP's minimum for argon2id: 19 MiB, two passes, one lane.
struct argon2_params {
  std::uint32_t memory_kib = 19 * 1024;
  std::uint32_t iterations = 2;
  std::uint32_t parallelism = 1;
  std::uint32_t salt_bytes = 16;
  std::uint32_t hash_bytes = 32;
};

/// Longer passwords are refused (hashing cost must not be the caller's choice).
inline constexpr std::size_t max_password_bytes = 1024;

/// A PHC string for `password` with a fresh random salt. Thread-safe.
/// Errors: invalid (password too long), internal (argon2 or RNG failure).
result<std::string> hash_password(std::string_view password, const argon2_params& params = {});

/// Whether `password` matches `encoded`, in constant time for the compare.
/// Thread-safe. Errors: invalid when `encoded` is not an argon2id PHC string
/// or the password is too long.
result<bool> verify_password(std::string_view password, const std::string& encoded);

}  // namespace streamhub::gateway::auth
