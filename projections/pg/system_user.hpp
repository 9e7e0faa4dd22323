#pragma once
// The unprivileged system account PostgreSQL runs as when the server runs as
// root, and the permissions it needs to reach its data directory.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "protocol/error.hpp"

namespace streamhub::projections {

struct system_user {
  std::string name;
  std::uint32_t uid = 0;
  std::uint32_t gid = 0;

  friend bool operator==(const system_user&, const system_user&) = default;
};

/// True when the process runs with effective uid 0.
bool running_as_root() noexcept;

/// The identity of the running process (effective uid and gid).
system_user current_user();

/// The account named `name`, or nullopt when there is none.
/// Errors: io_error (the user database could not be read).
result<std::optional<system_user>> find_user(const std::string& name);

/// The account named `name`, created when missing as a system account with
/// its own group, no home directory and no login shell (useradd --system).
/// Safe when several processes do it at once. REQUIRES root to create.
/// Errors: forbidden (missing and not root), unavailable (useradd missing or
/// failing).
result<system_user> ensure_system_user(const std::string& name);

/// Whom an embedded PostgreSQL runs as: the system user `name` (created when
/// missing, see ensure_system_user) when this process runs as root, else the
/// user running this process. Errors: as ensure_system_user.
result<system_user> postgres_owner(const std::string& name);

/// Makes sure `user` can reach `dir` (search permission on every ancestor).
/// REQUIRES: `dir`'s parent exists.
/// When `dir`'s parent denies it, that one directory is given to `user`'s
/// group with group search permission only (mode g=x): the user can pass
/// through but not list or read it, and nobody else gains anything.
/// Ancestors above the parent are not changed.
/// Errors: forbidden (a higher ancestor denies `user` search permission; the
/// message names it), io_error.
result<void> ensure_reachable(const std::filesystem::path& dir, const system_user& user);

/// Gives `path` (not recursively) to `user`. No-op when already owned.
/// Errors: io_error.
result<void> give_to(const std::filesystem::path& path, const system_user& user);

}  // namespace streamhub::projections
