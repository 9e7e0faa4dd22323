#pragma once
// A cache of ready-made test clusters in the build tree. initdb is most of
// what a test process pays before its first query (see pg_cluster_bench), so
// the first process to need a cluster stores a stopped copy of its own (with
// the migrated template database), and later processes copy that instead of
// running initdb and the migrations again.
//
// Entries are keyed by PostgreSQL major version, the owner's uid and the
// embedded migrations, so a new migration or PostgreSQL version makes a new
// entry. An entry appears atomically (copied aside, then renamed), so a
// reader never sees half of one. Deleting the cache directory is always safe.

#include <filesystem>
#include <optional>
#include <string>

#include "projections/pg/system_user.hpp"

namespace streamhub::projections::testing {

class pg_cluster_cache {
 public:
  /// A cache in `dir` for clusters of `owner` made by PostgreSQL `pg_major`.
  pg_cluster_cache(std::filesystem::path dir, int pg_major, system_user owner);

  /// Copies the cached cluster to `data_dir` (which must not exist) and gives
  /// it to the owner. False when there is none or the copy failed (nothing
  /// is left at `data_dir` then).
  bool restore(const std::filesystem::path& data_dir) const noexcept;

  /// Stores a copy of the stopped cluster in `data_dir`, unless an entry
  /// exists. Failures are ignored: the cache is only an optimisation.
  void store(const std::filesystem::path& data_dir) const noexcept;

  const std::filesystem::path& entry() const noexcept { return entry_; }

 private:
  std::filesystem::path entry_;
  system_user owner_;
};

}  // namespace streamhub::projections::testing
