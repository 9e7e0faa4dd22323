#pragma once
// Secrets a node keeps in its data directory (the token signing key, the
// admin token): created at first start with random content, readable by the
// owner only (mode 0600), read back on later starts.

#include <filesystem>
#include <string>

#include "protocol/error.hpp"

namespace streamhub::tools {

/// The secret in `path`: read it, or create it with `bytes` random bytes
/// written as hex. Errors: io_error (naming the path), invalid when an
/// existing file is readable by others than its owner.
result<std::string> load_or_create_secret(const std::filesystem::path& path, std::size_t bytes = 32);

}  // namespace streamhub::tools
