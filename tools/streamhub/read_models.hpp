#pragma once
// A node's read models: the PostgreSQL they live in (the private cluster in
// DATA/pg, or the server of --pg / STREAMHUB_PG), its migrations, the
// projection runtime that keeps them, and the query service the API reads
// them through.
//
// PostgreSQL being down never stops the node: mutations need only the log.
// When the first migration attempt finds it unavailable, a background thread
// retries (with backoff) and starts the projections once it succeeds; the
// projectors themselves retry while it is down, and queries answer
// UNAVAILABLE meanwhile.
//
// Thread-safety: start() and stop() from the node's controlling thread;
// caught_up() and the metrics collector from any thread.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "gateway/admin/admin_sources.hpp"
#include "gateway/metrics/registry.hpp"
#include "protocol/error.hpp"
#include "storage/event_log.hpp"

namespace streamhub::projections {
class database_server;
class projection_runtime;
namespace read {
class query_service;
}
}  // namespace streamhub::projections

namespace streamhub::tools {

class projection_admin;

struct read_models_options {
  /// The node's data directory: the embedded cluster lives in DATA/pg.
  std::filesystem::path data_dir;
  /// --pg: a libpq URL or connection string. Unset or empty: $STREAMHUB_PG,
  /// else the embedded cluster.
  std::optional<std::string> pg_url;
  /// /readyz: the projections count as caught up while every one is at
  /// most this many events behind the log's head.
  std::uint64_t ready_lag_events = 100;
};

class read_models {
 public:
  /// `log` must outlive the object.
  read_models(storage::event_log& log, read_models_options options);
  /// stop().
  ~read_models();
  read_models(const read_models&) = delete;
  read_models& operator=(const read_models&) = delete;

  /// Starts the embedded cluster (when no URL is configured), applies the
  /// migrations and starts the projections; returns once the cluster runs,
  /// without waiting for the projections to catch up.
  /// Errors: as embedded_cluster::start; a migration that cannot be applied
  /// (corrupt, unsupported_format, internal). PostgreSQL unreachable is not
  /// an error (see the file comment).
  result<void> start();

  /// Stops the query service, the projections, then the embedded cluster.
  /// Idempotent.
  void stop();

  /// What the API reads; valid between start() and stop().
  projections::read::query_service* queries() noexcept { return queries_.get(); }

  /// The migrations are applied, the projections run, and none is more
  /// than ready_lag_events behind the log. Never blocks.
  bool caught_up() const noexcept;

  /// What keeps caught_up() false, one line each: the projections more than
  /// ready_lag_events behind the log ("chat: 5000 events behind, at 120 of
  /// 5120"), or that they do not run yet. Empty when caught up. Never blocks.
  std::string lagging() const;

  /// What the admin endpoint's `projections` and `replay` drive; valid
  /// between start() and stop(), and refusing every call after stop().
  std::shared_ptr<gateway::admin::projection_control> admin_control() const;

  /// Scrape-time samples: per projection its applied position, lag in
  /// events and seconds, status and counters; the query service's figures.
  gateway::metrics::collector collector() const;

 private:
  /// Migrations, then the projections. Returns the migration outcome.
  result<void> migrate_and_project(const std::stop_token& stop);

  storage::event_log& log_;
  read_models_options options_;
  std::unique_ptr<projections::database_server> database_;
  std::unique_ptr<projections::projection_runtime> projections_;
  std::unique_ptr<projections::read::query_service> queries_;
  std::shared_ptr<projection_admin> admin_;
  /// Retries the migrations while PostgreSQL is unreachable.
  std::jthread retry_;
  std::atomic<bool> projecting_{false};
};

}  // namespace streamhub::tools
