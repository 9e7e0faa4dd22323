#pragma once
// Finding the machine's PostgreSQL server programs (initdb, pg_ctl, postgres).

#include <filesystem>
#include <optional>

#include "protocol/error.hpp"

namespace streamhub::projections {

struct pg_binaries {
  std::filesystem::path bin_dir;
  /// The major version (15 for 15.18).
  int major_version = 0;

  std::filesystem::path initdb() const { return bin_dir / "initdb"; }
  std::filesystem::path pg_ctl() const { return bin_dir / "pg_ctl"; }
  std::filesystem::path postgres() const { return bin_dir / "postgres"; }
};

/// Finds a directory holding initdb, pg_ctl and postgres, trying in order:
/// `bin_dir` when not empty (and nothing else); for `major` (the version of
/// an existing cluster) /usr/lib/postgresql/<major>/bin only; `pg_config
/// --bindir`; the newest /usr/lib/postgresql/*/bin; the directory of the
/// pg_ctl found on PATH.
/// Errors: unavailable ("PostgreSQL server binaries not found; install the
/// postgresql package"), unsupported_format (no binaries of version `major`).
result<pg_binaries> find_pg_binaries(const std::filesystem::path& bin_dir = {},
                                     std::optional<int> major = std::nullopt);

/// The major version `postgres --version` reports.
/// Errors: unavailable (the program does not run or says something else).
result<int> postgres_major_version(const std::filesystem::path& postgres);

}  // namespace streamhub::projections
