#pragma once
// The projections of a running node: one projector per read model, fed by
// one event-log listener, publishing how far each has got for the read side
// (read-your-writes).
//
// In `streamhub serve`, after the database is open and migrated:
//
//   projection_runtime projections(log, {.conninfo = db.conninfo()});
//   projections.start();                       // returns at once
//   read::query_service reads(..., projections.positions());
//   ...
//   reads.stop(); projections.stop();          // before the log closes
//
// Thread-safety: every method may be called from any thread; start() and
// stop() from one owner.

#include <map>
#include <memory>
#include <string_view>
#include <vector>

#include "projections/models/read_models.hpp"
#include "projections/projector.hpp"
#include "projections/read/applied_positions.hpp"
#include "storage/event_log.hpp"

namespace streamhub::projections {

struct projection_runtime_options {
  /// libpq connection string or URL.
  std::string conninfo;
  /// The read models to keep; empty: all of them.
  std::vector<read::read_model> models;
  /// Failure policy per read model; halt when not named.
  std::map<read::read_model, failure_policy> policies;
  read_model_options read_models;
  batch_limits limits;
  backoff_policy retry{std::chrono::milliseconds{100}, std::chrono::seconds{5}};
};

class projection_runtime {
 public:
  /// `log` must outlive the runtime. Nothing runs before start().
  projection_runtime(storage::event_log& log, projection_runtime_options options);
  /// Stops it.
  ~projection_runtime();

  projection_runtime(const projection_runtime&) = delete;
  projection_runtime& operator=(const projection_runtime&) = delete;

  /// Listens to the log and starts every projector; each creates its tables
  /// on first use and catches up from its checkpoint. Returns at once, even
  /// with PostgreSQL down (the projectors retry). No-op when started.
  void start();

  /// Stops listening and stops every projector (each finishes or rolls back
  /// its transaction). Idempotent.
  void stop();

  /// One entry per projector, in read-model order: lag, status, errors.
  std::vector<projector_stats> stats() const;

  /// Where each read model stands; shared with the read side.
  std::shared_ptr<read::applied_positions> positions() const noexcept { return positions_; }

  /// The projection kept under `name` (as its projector builds it, with this
  /// runtime's read-model options), valid as long as the runtime; null when
  /// the runtime keeps none of that name.
  const projection* find(std::string_view name) const noexcept;

  /// Lets a halted (or stale, after a rebuild) projector try again.
  /// Errors: not_found (no such read model running).
  result<void> resume(std::string_view name);

 private:
  storage::event_log& log_;
  projection_runtime_options options_;
  std::shared_ptr<read::applied_positions> positions_;
  std::vector<std::unique_ptr<projection>> projections_;
  std::vector<std::unique_ptr<projector>> projectors_;
  std::uint64_t listener_id_ = 0;
  bool started_ = false;
};

}  // namespace streamhub::projections
