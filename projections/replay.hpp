#pragma once
// Rebuilding a projection from the log while the live tables keep serving,
// and checking live tables against the log.
//
// replay_projection: applies the log into the rebuild target (schema
// proj_<name>_next, projection_schema.hpp) up to the head, then swaps it in
// (swap_in: one transaction). While it works the live projector goes on; the
// swap's transaction first locks the live checkpoint row (the live projector
// waits), brings the rebuild level with it, then swaps and commits. An
// interrupted replay leaves its target behind, and the next one resumes it.
//
// verify_projection: builds the expected tables from the log into a
// scratch target (proj_<name>_verify) up to the live checkpoint, then, with
// the live checkpoint row locked so that the live projector cannot commit,
// compares every table row by row (as multisets: EXCEPT ALL both ways), and
// drops the scratch target.
//
// Thread-safety: free functions; concurrent calls for different projections
// are fine, for the same one they collide on the rebuild target (conflict).

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "projections/rebuild.hpp"

namespace streamhub::projections {

struct replay_options {
  /// libpq connection string or URL.
  std::string conninfo;
  failure_policy on_failure = failure_policy::halt;
  batch_limits limits = rebuild_options{}.limits;
  /// Where a new rebuild starts (events before it are not applied); an
  /// earlier, interrupted rebuild is resumed wherever it stands.
  log_position from = 1;
  /// Drop an earlier, interrupted rebuild instead of resuming it.
  bool fresh = false;
  /// The log's head now. Default: log.head_position(). A tool following a
  /// server's log as a secondary catches up here first.
  std::function<log_position()> head;
  /// Called on the caller's thread after each commit.
  std::function<void(const rebuild_progress&)> on_progress;
  /// Asked between transactions: true stops the replay (unavailable) where
  /// it stands; the next replay of the projection resumes from there.
  std::function<bool()> stop_requested;
};

struct replay_summary {
  /// The live tables' position once swapped in.
  log_position position = 0;
  /// Where this run started: 0, `from - 1`, or an interrupted run's position.
  log_position started_at = 0;
  /// An interrupted rebuild was resumed.
  bool resumed = false;
  rebuild_progress progress;
  /// Rows in the new live tables.
  std::uint64_t rows = 0;
  double seconds = 0;
};

/// Rebuilds `p`'s tables from the log and swaps them in.
/// Errors: as rebuilder::open and run_until, and swap_in; timeout when the
/// log does not reach the live tables' position, or swaps keep conflicting.
result<replay_summary> replay_projection(const projection& p, const storage::event_log& log,
                                         const replay_options& options);

/// Rebuilds several projections' tables from one read of the log, then
/// swaps each in as replay_projection does. Each event is read and decoded
/// once, the next batch while the rebuilds write the last, and handed to
/// every rebuild still short of it (an interrupted one resumes where it
/// stands); `options.on_progress` sees the rebuilds
/// together: `position` the least advanced, counts summed, `events_read`
/// the events read from the log. One result per projection, in the order
/// given (`seconds` counted from the call): a projection that fails (as
/// replay_projection) drops out and the others go on. Each batch is applied
/// to the rebuilds on threads of their own at once, so `options.stop_requested`
/// must be callable from any thread.
std::vector<result<replay_summary>> replay_projections(
    std::span<const projection* const> projections, const storage::event_log& log,
    const replay_options& options);

/// Rows of one table that differ between the live tables and the log.
struct table_difference {
  std::string table;
  /// Rows the log implies that the live table lacks, and rows it has that
  /// the log does not imply.
  std::uint64_t missing = 0;
  std::uint64_t unexpected = 0;
  /// A few of each, as JSON objects, prefixed "missing " or "unexpected ".
  std::vector<std::string> samples;
};

struct verify_report {
  /// The live checkpoint the comparison was made at.
  log_position position = 0;
  std::uint64_t tables = 0;
  /// Rows in the live tables.
  std::uint64_t rows = 0;
  std::vector<table_difference> differences;
  double seconds = 0;
  bool clean() const noexcept { return differences.empty(); }
};

/// Compares `p`'s live tables with what the log implies at their checkpoint.
/// `options.from`, `fresh` and `on_failure` are ignored (a halted event halts
/// the expected tables at the same place as the live ones). Errors:
/// not_found (no live tables), as rebuilder, unavailable.
result<verify_report> verify_projection(const projection& p, const storage::event_log& log,
                                        const replay_options& options);

/// "proj_chat_verify": where verify_projection builds the expected tables.
std::string verify_schema(read::read_model model);

}  // namespace streamhub::projections
