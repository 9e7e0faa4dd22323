#include "tools/streamhub/read_models.hpp"

#include <spdlog/spdlog.h>

#include "projections/pg/backoff.hpp"
#include "projections/pg/database_config.hpp"
#include "projections/pg/migrations.hpp"
#include "projections/projection_runtime.hpp"
#include "projections/read/query_service.hpp"
#include "tools/streamhub/projection_admin.hpp"

namespace streamhub::tools {

namespace {

using gateway::metrics::collected_family;
using gateway::metrics::metric_kind;
using gateway::metrics::sample;

collected_family family(std::string name, std::string help, metric_kind kind) {
  return collected_family{std::move(name), std::move(help), kind, {}};
}

void add(collected_family& f, const std::string& projection, double value) {
  f.samples.push_back(sample{{{"projection", projection}}, value});
}

std::vector<collected_family> projection_samples(const std::vector<projections::projector_stats>& stats) {
  auto applied = family("streamhub_projection_applied_position",
                        "Log position up to which the projection's tables are written", metric_kind::gauge);
  auto head =
      family("streamhub_projection_head_position", "The event log's head position", metric_kind::gauge);
  auto lag =
      family("streamhub_projection_lag_events", "Events appended but not yet projected", metric_kind::gauge);
  auto lag_seconds =
      family("streamhub_projection_lag_seconds",
             "Age of the oldest event not yet projected (0 when caught up)", metric_kind::gauge);
  auto status =
      family("streamhub_projection_status", "1 for the projection's current status", metric_kind::gauge);
  auto events = family("streamhub_projection_events_applied_total", "Events applied", metric_kind::counter);
  auto transactions =
      family("streamhub_projection_transactions_total", "Transactions committed", metric_kind::counter);
  auto retries =
      family("streamhub_projection_retries_total", "Retries after PostgreSQL failures", metric_kind::counter);
  auto dead_letters = family("streamhub_projection_dead_letters_total", "Events recorded as dead letters",
                             metric_kind::counter);
  for (const auto& s : stats) {
    add(applied, s.name, static_cast<double>(s.applied));
    add(lag, s.name, static_cast<double>(s.lag_events));
    add(lag_seconds, s.name, s.lag_seconds);
    status.samples.push_back(
        sample{{{"projection", s.name}, {"status", std::string(projections::to_string(s.status))}}, 1});
    add(events, s.name, static_cast<double>(s.events_applied));
    add(transactions, s.name, static_cast<double>(s.transactions));
    add(retries, s.name, static_cast<double>(s.retries));
    add(dead_letters, s.name, static_cast<double>(s.dead_letters));
  }
  if (!stats.empty()) head.samples.push_back(sample{{}, static_cast<double>(stats.front().head)});
  return {std::move(applied),      std::move(head),    std::move(lag),
          std::move(lag_seconds),  std::move(status),  std::move(events),
          std::move(transactions), std::move(retries), std::move(dead_letters)};
}

std::vector<collected_family> query_samples(const projections::read::query_service_stats& s) {
  auto one = [](std::string name, std::string help, metric_kind kind, double value) {
    auto f = family(std::move(name), std::move(help), kind);
    f.samples.push_back(sample{{}, value});
    return f;
  };
  return {
      one("streamhub_read_queries_total", "Read-model queries answered", metric_kind::counter,
          static_cast<double>(s.queries)),
      one("streamhub_read_statements_total", "SQL statements the read side ran", metric_kind::counter,
          static_cast<double>(s.statements)),
      one("streamhub_read_failures_total", "Read-model queries that failed", metric_kind::counter,
          static_cast<double>(s.failures)),
      one("streamhub_read_queued", "Read-model queries waiting for a connection", metric_kind::gauge,
          static_cast<double>(s.queued)),
      one("streamhub_read_position_waits", "Queries waiting for read-your-writes", metric_kind::gauge,
          static_cast<double>(s.waiting)),
  };
}

}  // namespace

read_models::read_models(storage::event_log& log, read_models_options options)
    : log_(log), options_(std::move(options)) {}

read_models::~read_models() { stop(); }

result<void> read_models::start() {
  auto config = projections::resolve_database_config(options_.data_dir, options_.pg_url);
  if (config.url.empty())
    spdlog::info("starting the embedded PostgreSQL in {}", config.embedded.data_dir.string());
  auto database = projections::open_database(config);
  if (!database) return error{database.err().code, "PostgreSQL: " + database.err().message};
  database_ = std::make_unique<projections::database_server>(std::move(*database));

  projections::projection_runtime_options projection_options;
  projection_options.conninfo = database_->conninfo();
  projections_ = std::make_unique<projections::projection_runtime>(log_, std::move(projection_options));
  projections::read::query_service_options query_options;
  query_options.conninfo = database_->conninfo();
  queries_ = std::make_unique<projections::read::query_service>(query_options, projections_->positions());
  admin_ = std::make_shared<projection_admin>(log_, *projections_, database_->conninfo());

  auto migrated = migrate_and_project({});
  if (migrated) return {};
  if (migrated.err().code != error_code::unavailable && migrated.err().code != error_code::timeout) {
    stop();
    return error{migrated.err().code, "migrations: " + migrated.err().message};
  }
  spdlog::warn("PostgreSQL unavailable ({}); mutations are accepted, read models wait for it",
               migrated.err().message);
  retry_ = std::jthread([this](std::stop_token stop) {
    projections::backoff delays(
        projections::backoff_policy{std::chrono::milliseconds{200}, std::chrono::seconds{10}});
    auto outcome =
        projections::retry_while_unavailable([&] { return migrate_and_project(stop); }, delays, stop);
    if (!outcome && !stop.stop_requested()) spdlog::error("migrations: {}", outcome.err().message);
  });
  return {};
}

result<void> read_models::migrate_and_project(const std::stop_token& stop) {
  auto report = projections::apply_migrations(database_->conninfo());
  if (!report) {
    // The retry loop waits for what looks like PostgreSQL being away.
    if (report.err().code == error_code::timeout) return error{error_code::unavailable, report.err().message};
    return report.err();
  }
  if (!report->applied.empty()) spdlog::info("applied {} migration(s)", report->applied.size());
  if (stop.stop_requested()) return {};
  projections_->start();
  projecting_ = true;
  return {};
}

void read_models::stop() {
  if (retry_.joinable()) {
    retry_.request_stop();
    retry_.join();
  }
  projecting_ = false;
  // Replays first: they read the log and write to PostgreSQL.
  if (admin_) admin_->shutdown();
  if (queries_) queries_->stop();
  if (projections_) projections_->stop();
  queries_.reset();
  projections_.reset();
  if (database_) {
    if (auto stopped = database_->stop(); !stopped) spdlog::warn("PostgreSQL: {}", stopped.err().message);
    database_.reset();
  }
}

bool read_models::caught_up() const noexcept {
  if (!projecting_) return false;
  const auto head = log_.head_position();
  const auto applied = projections_->positions()->min_position(projections::read::read_model_set::all());
  return applied + options_.ready_lag_events >= head;
}

std::string read_models::lagging() const {
  if (!projecting_) return "projections: not running yet (migrations pending or PostgreSQL unreachable)\n";
  const auto head = log_.head_position();
  const auto positions = projections_->positions();
  std::string lines;
  for (std::size_t i = 0; i < projections::read::read_model_count; ++i) {
    const auto model = static_cast<projections::read::read_model>(i);
    const auto applied = positions->position(model);
    if (applied + options_.ready_lag_events >= head) continue;
    lines += std::string(projections::read::to_string(model)) + ": " + std::to_string(head - applied) +
             " events behind, at " + std::to_string(applied) + " of " + std::to_string(head) + "\n";
  }
  return lines;
}

std::shared_ptr<gateway::admin::projection_control> read_models::admin_control() const { return admin_; }

gateway::metrics::collector read_models::collector() const {
  return [this] {
    std::vector<collected_family> out;
    if (!projections_ || !queries_) return out;
    out = projection_samples(projections_->stats());
    for (auto& f : query_samples(queries_->stats())) out.push_back(std::move(f));
    return out;
  };
}

}  // namespace streamhub::tools
