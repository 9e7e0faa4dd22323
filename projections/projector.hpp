#pragma once
// A projector keeps one projection's tables (in one target schema) up to
// date with the event log, on a thread of its own.
//
// It reads the log from its checkpoint with scan_all, in order, in batches,
// and writes each batch's rows and the new checkpoint in one PostgreSQL
// transaction (batch_committer.hpp): a crash after a commit re-reads nothing
// twice, a crash before it re-applies the whole batch. When idle it sleeps
// until wake() (called by an event-log listener when events land): a lone
// event is applied in a small transaction of its own at once, while under
// load the events that arrived during one transaction make the next batch.
// Batches of events the projection has nothing to write for commit nothing:
// the position is published at once and the checkpoint row catches up at the
// next write, or within `lazy_checkpoint`.
//
// Failures:
//  - PostgreSQL unavailable: retry with backoff, then resume from the
//    checkpoint (re-read, since a commit's outcome may be unknown). The log
//    is untouched: appends never wait for projections.
//  - A failing event: the policy (halt or dead_letter, batch_committer.hpp).
//    Halted, the projector waits for resume() or stop().
//  - Tables built by another version of the projection: status `stale`;
//    nothing is applied until they are rebuilt (READ_MODELS.md).
//
// Why a thread and not a CAF actor: the projector spends its life blocked in
// libpq and in log scans, which a CAF actor must not do on the shared
// scheduler, so it would be a detached actor (a thread of its own) anyway.
// Its three inputs (wake, stop, a retry timer) are one condition variable; a
// thread keeps it usable where no actor system runs (`streamhub replay`, tests).
//
// Thread-safety: every public method may be called from any thread; wake()
// never blocks and may be called from the log's listener.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "projections/batch_committer.hpp"
#include "projections/log_batch.hpp"
#include "projections/pg/backoff.hpp"
#include "projections/projection.hpp"
#include "storage/event_log.hpp"

namespace streamhub::projections {

enum class projector_status : std::uint8_t {
  /// Creating its tables or reading its checkpoint.
  starting,
  /// Applying events, or waiting for more.
  running,
  /// PostgreSQL (or the log) failed; waiting to try again.
  retrying,
  /// Stopped at a failing event (see last_error); resume() tries it again.
  halted,
  /// The tables were built by another version of the projection.
  stale,
  /// Not started, or stopped.
  stopped,
};

/// "starting", "running", "retrying", "halted", "stale", "stopped".
std::string_view to_string(projector_status status) noexcept;

struct projector_options {
  /// libpq connection string or URL.
  std::string conninfo;
  /// Target schema; empty: the live one (proj_<name>).
  std::string schema;
  failure_policy on_failure = failure_policy::halt;
  batch_limits limits;
  /// Delays between attempts while PostgreSQL is unavailable.
  backoff_policy retry{std::chrono::milliseconds{100}, std::chrono::seconds{5}};
  /// Longest a checkpoint row may lag behind events skipped as irrelevant.
  std::chrono::milliseconds lazy_checkpoint{1000};
  /// Called on the projector's thread whenever the applied position rose
  /// (after the commit that made it visible). Must not block.
  std::function<void(log_position)> on_applied;
  /// Called on the projector's thread when its status changes, with the
  /// error that caused it (empty for starting, running, stopped). Must not
  /// block.
  std::function<void(projector_status, const std::string& why)> on_status;
  /// Test seam (batch_committer::commit_gate): a "no" stops the projector as
  /// a crash between its writes and its commit would.
  batch_committer::commit_gate before_commit;
};

struct projector_stats {
  std::string name;
  /// The checkpoint row: the projection's name for live tables.
  std::string checkpoint;
  projector_status status = projector_status::stopped;
  /// Every event up to here is reflected in the tables.
  log_position applied = 0;
  /// The checkpoint row's position (<= applied).
  log_position committed = 0;
  log_position head = 0;
  /// head - applied.
  std::uint64_t lag_events = 0;
  /// Age of the oldest event not yet applied (from its timestamp); 0 when
  /// none is waiting.
  double lag_seconds = 0;
  std::uint64_t events_applied = 0;
  std::uint64_t transactions = 0;
  std::uint64_t retries = 0;
  std::uint64_t dead_letters = 0;
  /// Why it halted or last had to retry; empty when none.
  std::string last_error;
};

class projector {
 public:
  /// `p` and `log` must outlive the projector. Nothing runs before start().
  projector(const projection& p, const storage::event_log& log, projector_options options);
  /// Stops it.
  ~projector();

  projector(const projector&) = delete;
  projector& operator=(const projector&) = delete;

  /// Starts the thread: it prepares the tables (creating them on first use),
  /// reads its checkpoint and catches up with the log. Returns at once.
  /// No-op when running.
  void start();

  /// Stops the thread and waits for it: a transaction under way completes
  /// (or rolls back), a retry wait is cut short. Idempotent.
  void stop();

  /// Tells the projector events were appended. Never blocks.
  void wake() noexcept;

  /// A halted projector tries its failing event again. No-op otherwise.
  void resume();

  /// A snapshot of its figures; reads the log's head (and one event, for
  /// the lag in seconds).
  projector_stats stats() const;

  /// Every event up to this position is reflected in the tables.
  log_position applied() const noexcept;

  const projection& target() const noexcept;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace streamhub::projections
