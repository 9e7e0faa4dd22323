#pragma once
// One projector transaction: a batch of events applied to a projection's
// tables together with the new checkpoint, or nothing at all.
//
// Each transaction first locks the target's checkpoint row and checks that it
// still holds the position the projector believes; if not (a rebuild was
// swapped in, or a second node runs the same projector), nothing is written
// and the projector reloads it. Then the events are applied, the checkpoint
// is advanced to the batch's last position, and the transaction commits.
//
// A batch is first applied in one go (the projection's writer may merge many
// events into few multi-row statements). If that fails for a reason other
// than PostgreSQL being unavailable, the transaction is rolled back and the
// batch applied again event by event, each under a savepoint, to find the
// failing event; the failure policy then decides:
//  - halt: the events before it are committed, the checkpoint stops just
//    before it, and the row's status becomes 'halted' with the error;
//  - dead_letter: it is recorded in dead_letters and the batch goes on.
// The checkpoint never passes an event that was not applied or set aside.
//
// Thread-safety: none; used by one projector thread.

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "projections/pg/connection_pool.hpp"
#include "projections/projection.hpp"
#include "protocol/error.hpp"
#include "protocol/event_envelope.hpp"

namespace pqxx {
class connection_base;
}

namespace streamhub::projections {

enum class failure_policy : std::uint8_t {
  /// Stop at the failing event, report it, apply nothing after it (default).
  halt,
  /// Record the failing event in dead_letters and carry on.
  dead_letter,
};

struct batch_outcome {
  enum class kind : std::uint8_t {
    /// Committed; the checkpoint is now `position`.
    committed,
    /// The checkpoint row holds another position (`position`): nothing written.
    checkpoint_moved,
    /// The checkpoint row was made by another projection version (`version`).
    stale,
    /// before_commit said no: rolled back, as by a crash before the commit.
    abandoned,
  };
  kind what = kind::committed;
  log_position position = 0;
  std::uint32_t version = 0;
  /// Events of the batch the projection handled and applied.
  std::uint64_t applied = 0;
  std::uint64_t dead_letters = 0;
  /// Set when the halt policy stopped the batch: the failing event's
  /// position, type and error. `position` is the event before it.
  std::optional<std::string> halted;
};

class batch_committer {
 public:
  /// Says whether to commit the transaction applying `first`..`last`: a seam
  /// for tests that stop a projector between its writes and its commit.
  using commit_gate = std::function<bool(log_position first, log_position last)>;

  /// `schema` holds the target's tables and `checkpoint` is its row; `status`
  /// is what a commit writes into it ('running' for live tables, 'replaying'
  /// for a rebuild); `writes` tells the projection's writers what kind of
  /// tables they write (projection.hpp).
  batch_committer(const projection& p, std::string schema, std::string checkpoint,
                  std::string status, write_target writes, failure_policy policy,
                  commit_gate gate = {});

  /// Statements the committer executes; the connection must have them (and
  /// the projection's own) prepared.
  static std::vector<prepared_statement> statements();

  /// Applies `batch` (consecutive events right after `expected`, the
  /// checkpoint the projector holds) and commits. Errors: unavailable or
  /// timeout (PostgreSQL; nothing is known to be written: reload the
  /// checkpoint and retry), internal (a bug: a failing event under either
  /// policy is an outcome, not an error).
  result<batch_outcome> commit(pqxx::connection_base& connection, log_position expected,
                               std::span<const event_envelope> batch);

  /// Moves the checkpoint from `expected` to `to` alone: the events between
  /// were of no concern to the projection. Errors: as commit().
  result<batch_outcome> advance(pqxx::connection_base& connection, log_position expected,
                                log_position to);

 private:
  result<batch_outcome> apply_together(pqxx::connection_base& connection, log_position expected,
                                       std::span<const event_envelope> batch);
  result<batch_outcome> apply_one_by_one(pqxx::connection_base& connection,
                                         log_position expected,
                                         std::span<const event_envelope> batch);

  const projection& projection_;
  std::string schema_;
  std::string checkpoint_;
  std::string status_;
  write_target writes_;
  failure_policy policy_;
  commit_gate gate_;
};

/// Whether `e` says PostgreSQL could not be used (retry later) rather than
/// that what was asked of it failed.
bool transient(const error& e) noexcept;

}  // namespace streamhub::projections
