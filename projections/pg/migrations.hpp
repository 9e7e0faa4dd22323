#pragma once
// Versioned schema migrations, applied at start-up.
//
// Each migration is SQL in projections/migrations/NNNN_name.sql, compiled
// into the binary (embedded_migrations()). apply_migrations() applies those
// not yet applied, in ascending version order, each in its own transaction
// together with its row in `schema_migrations`:
//
//   schema_migrations(version integer PRIMARY KEY, name text,
//                     checksum bigint (CRC-32C of the SQL), applied_at timestamptz)
//
// Rerunning is safe: applied migrations are skipped. Concurrent runners
// (several nodes starting at once) are serialised by a session-level
// advisory lock, so each migration is applied exactly once. A migration is
// never edited once applied: add a new one instead; an edit is detected by
// its checksum and refused.
//
// A migration runs inside a transaction, so it cannot hold statements that
// refuse to (CREATE INDEX CONCURRENTLY, VACUUM).

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/error.hpp"

namespace streamhub::projections {

struct migration {
  /// From the file name: 0001_... is 1. Unique, ascending, never reused.
  std::uint32_t version = 0;
  std::string_view name;
  std::string_view sql;
};

/// The session-level advisory lock every runner holds while it works
/// ("STRMMIGR" in ASCII).
inline constexpr std::int64_t migration_lock_key = 0x5354524d4d494752;

/// The migrations compiled into this binary, in ascending version order.
std::span<const migration> embedded_migrations() noexcept;

/// The checksum recorded for a migration: CRC-32C of its SQL text.
std::uint32_t migration_checksum(std::string_view sql) noexcept;

struct migration_options {
  /// How long to wait for another runner's lock, or for a table lock a
  /// migration needs.
  std::chrono::milliseconds lock_timeout{60'000};
};

struct migration_report {
  /// Versions this call applied, ascending.
  std::vector<std::uint32_t> applied;
  /// How many of the given migrations had been applied before.
  std::size_t already_applied = 0;
};

/// Connects to `conninfo` and applies the `migrations` not yet applied.
/// Stops at the first failure; the migrations before it stay applied.
/// Errors:
///  - invalid: versions not ascending or zero, a name empty.
///  - corrupt: an applied migration's SQL changed (checksums differ).
///  - unsupported_format: the database has a migration this build does not
///    know (it was migrated by a newer build), or one of ours is older than
///    the newest applied yet was never applied.
///  - timeout: the lock was not had within options.lock_timeout.
///  - unavailable, internal: from PostgreSQL (a failing migration is
///    internal, named in the message with its SQLSTATE).
/// Thread-safety: any number of calls may run at once, in any processes.
result<migration_report> apply_migrations(const std::string& conninfo,
                                          std::span<const migration> migrations = embedded_migrations(),
                                          const migration_options& options = {});

}  // namespace streamhub::projections
