#pragma once
// Cleans up after a test process however it ends: when the process exits,
// or is killed (a crash, a ctest timeout), every PostgreSQL cluster under a
// directory tree is stopped and the tree is removed.
//
// The guardian is a separate process: detached (its own session, reparented
// to init, so a Ctrl-C or ctest killing the test's process tree spares it)
// and holding the read end of a pipe whose write end only the test process
// holds. End of file on that pipe, for whatever reason, starts the sweep.

#include <filesystem>

#include "protocol/error.hpp"

namespace streamhub::projections::testing {

class pg_test_guardian {
 public:
  /// Starts a guardian for `root`. REQUIRES: no other thread runs yet
  /// (it forks; call it from a GoogleTest Environment's SetUp).
  /// Errors: io_error.
  static result<pg_test_guardian> start(std::filesystem::path root);

  pg_test_guardian(pg_test_guardian&& other) noexcept;
  pg_test_guardian& operator=(pg_test_guardian&&) = delete;
  /// finish().
  ~pg_test_guardian();

  /// Makes the guardian sweep now (stop every cluster under root at once,
  /// remove root) and waits until it has. Idempotent.
  void finish() noexcept;

 private:
  pg_test_guardian(int life_write, int done_read) noexcept
      : life_write_(life_write), done_read_(done_read) {}

  int life_write_ = -1;
  int done_read_ = -1;
};

/// Stops every cluster under `root` (pg_ctl stop -m immediate) and removes
/// `root`. What the guardian does; exposed for the harness's own tests.
void sweep_test_clusters(const std::filesystem::path& root) noexcept;

}  // namespace streamhub::projections::testing
