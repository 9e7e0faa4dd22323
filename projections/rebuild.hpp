#pragma once
// Applying the log to a projection's tables up to a given position, on the
// caller's thread, as fast as the tables take it: what `streamhub replay`
// and verification build their fresh tables with.
//
// Unlike a projector (projector.hpp), a rebuild never waits for events: it
// applies what the log holds up to `until` and returns. Each batch is one
// transaction with the target's checkpoint (batch_committer.hpp), so a
// rebuild interrupted anywhere resumes from its checkpoint row and neither
// loses nor repeats an event. Its connection commits asynchronously
// (synchronous_commit off): a server crash may forget the last commits, rows
// and checkpoint together, and they are applied again.
//
// Thread-safety: one rebuilder per thread; different targets may be rebuilt
// concurrently.

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "projections/batch_committer.hpp"
#include "projections/log_batch.hpp"
#include "projections/projection.hpp"
#include "projections/projection_schema.hpp"
#include "protocol/error.hpp"
#include "storage/event_log.hpp"

namespace streamhub::projections {

/// How far a rebuild has got.
struct rebuild_progress {
  /// The target's checkpoint: every event up to here is applied.
  log_position position = 0;
  /// Where this call stops.
  log_position until = 0;
  /// Events read from the log and applied (handled by the projection) by
  /// this rebuilder so far.
  std::uint64_t events_read = 0;
  std::uint64_t events_applied = 0;
  std::uint64_t transactions = 0;
  std::uint64_t dead_letters = 0;
};

struct rebuild_options {
  /// libpq connection string or URL.
  std::string conninfo;
  failure_policy on_failure = failure_policy::halt;
  /// Larger than a live projector's: a rebuild is all backlog.
  batch_limits limits{20'000, 16u << 20};
  /// Called on the caller's thread after each commit.
  std::function<void(const rebuild_progress&)> on_progress;
  /// Asked between transactions; true stops run_until (unavailable). What
  /// was committed stays, so a later rebuild of the same target resumes.
  std::function<bool()> stop_requested;
};

class rebuilder {
 public:
  /// Connects and creates the target (schema `schema`, checkpoint row
  /// `checkpoint`) when it does not exist, starting after `from - 1`: events
  /// before `from` are never applied to a new target. An existing target
  /// keeps its position. `p` and `log` must outlive the rebuilder.
  /// Errors: unavailable (PostgreSQL), conflict (as ensure_target), stale
  /// tables (internal: the target was built by another projection version;
  /// drop it), invalid.
  static result<std::unique_ptr<rebuilder>> open(const projection& p,
                                                 const storage::event_log& log,
                                                 std::string schema, std::string checkpoint,
                                                 log_position from, rebuild_options options);
  ~rebuilder();

  /// Whether open() created the target (false: it resumes an earlier one).
  bool created() const noexcept;

  /// Applies the log up to `until` (inclusive; the log must hold it).
  /// Errors: unavailable or timeout (PostgreSQL: call again, it resumes
  /// from the checkpoint), failed (internal, naming the event) when an event
  /// fails under the halt policy, conflict when the checkpoint row moved
  /// under it (someone else writes the target), corrupt or io_error (log),
  /// unavailable when options.stop_requested said so.
  result<rebuild_progress> run_until(log_position until);

  /// Applies `batch` (consecutive events, as read_batch returns them, read
  /// by the caller: several rebuilders may share one read of the log) in one
  /// transaction with the checkpoint. Events at or before the target's
  /// position are skipped; the batch must not start after position + 1.
  /// progress().until is left to the caller. Errors: as run_until; invalid
  /// when the batch leaves a gap.
  result<rebuild_progress> apply(std::span<const event_envelope> batch);

  const rebuild_progress& progress() const noexcept;

 private:
  struct impl;
  explicit rebuilder(std::unique_ptr<impl> impl);
  std::unique_ptr<impl> impl_;
};

/// Drops `schema` and its checkpoint row and dead letters, in one
/// transaction; no-op when neither exists. For rebuild and verification
/// targets only. Errors: invalid (bad name), unavailable, internal.
result<void> drop_target(const std::string& conninfo, std::string_view schema,
                         std::string_view checkpoint);

}  // namespace streamhub::projections
