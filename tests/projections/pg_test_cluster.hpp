#pragma once
// PostgreSQL for integration tests, started the way the server starts it
// (embedded_cluster), never assuming a running service.
//
// Linking this library registers a GoogleTest Environment that, per test
// process: makes a private temporary directory (temp_root()) under a
// guardian that stops every cluster in it and removes it when the process
// ends, even by a crash or a kill; and at the end stops the shared cluster.
//
// The shared cluster starts on first use (a throwaway one: no fsync), with a
// template database that has every embedded migration applied; it is copied
// from a cache in the build tree when possible (pg_cluster_cache.hpp). Each test
// asks for a fresh database cloned from it (CREATE DATABASE ... TEMPLATE),
// which costs a file copy, not a migration run.
//
//   class my_projection_test : public streamhub::projections::testing::pg_database_test {};
//   TEST_F(my_projection_test, Works) { pqxx::connection c(conninfo()); ... }
//
// Thread-safety: call from the test's main thread.

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "projections/pg/embedded_cluster.hpp"
#include "protocol/error.hpp"

namespace streamhub::projections::testing {

enum class database_content : std::uint8_t {
  /// Every embedded migration applied.
  migrated,
  /// Nothing but what PostgreSQL puts in a new database.
  empty,
};

class pg_test_cluster {
 public:
  /// The process's shared cluster, started on the first call.
  /// Errors: as embedded_cluster::start and apply_migrations; the first
  /// failure is returned again by later calls.
  static result<pg_test_cluster*> shared();

  enum class cache_use : std::uint8_t { use, bypass };

  /// Starts a throwaway cluster in `data_dir` (which must not exist) with
  /// the migrated template: what shared() does once per process. With
  /// `use`, a ready-made copy from the build tree's cache (pg_cluster_cache)
  /// replaces initdb and the migrations when there is one, and one is made
  /// when there is not.
  static result<std::unique_ptr<pg_test_cluster>> start(const std::filesystem::path& data_dir,
                                                        cache_use cache = cache_use::use);

  /// A new database, unique in this process; returns its connection string.
  /// Errors: from PostgreSQL.
  result<std::string> create_database(database_content content = database_content::migrated);

  embedded_cluster& cluster() noexcept { return *cluster_; }

  /// Options for a throwaway cluster in `data_dir`: what the shared one uses.
  static embedded_cluster_options throwaway_options(const std::filesystem::path& data_dir);

  explicit pg_test_cluster(std::unique_ptr<embedded_cluster> cluster)
      : cluster_(std::move(cluster)) {}

 private:
  std::unique_ptr<embedded_cluster> cluster_;
  int databases_made_ = 0;
};

/// Where test clusters go: $TMPDIR when set, else /dev/shm when it is a
/// writable memory file system with room (2 GiB free), else /tmp.
std::filesystem::path temp_base();

/// This process's private temporary directory, removed at exit.
/// REQUIRES: the Environment is set up (inside a test).
const std::filesystem::path& temp_root();

/// A new empty directory under temp_root(), e.g. for a test's own cluster.
std::filesystem::path make_temp_dir(const std::string& prefix = "t");

/// A fixture giving each test a fresh migrated database in the shared cluster.
class pg_database_test : public ::testing::Test {
 protected:
  void SetUp() override;
  const std::string& conninfo() const noexcept { return conninfo_; }

 private:
  std::string conninfo_;
};

}  // namespace streamhub::projections::testing
