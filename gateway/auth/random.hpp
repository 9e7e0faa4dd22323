#pragma once
// Cryptographically secure random bytes (OpenSSL's RAND_bytes).

#include <cstddef>
#include <span>
#include <string>

#include "protocol/error.hpp"

namespace streamhub::gateway::auth {

/// Fills `out` with random bytes. Thread-safe.
/// Errors: internal when the generator fails (not seeded, or broken).
result<void> fill_random(std::span<unsigned char> out);

/// `count` random bytes as a string. Errors: as fill_random.
result<std::string> random_bytes(std::size_t count);

}  // namespace streamhub::gateway::auth
