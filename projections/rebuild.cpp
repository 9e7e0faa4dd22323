#include "projections/rebuild.hpp"

#include <pqxx/connection>
#include <pqxx/transaction>

#include <algorithm>

#include "projections/pg/pg_error.hpp"
#include "projections/sql/schema_sql.hpp"

namespace streamhub::projections {

struct rebuilder::impl {
  impl(const projection& p, const storage::event_log& l, std::string s, std::string c,
       rebuild_options o)
      : target(p),
        log(l),
        schema(std::move(s)),
        checkpoint(std::move(c)),
        options(std::move(o)),
        committer(p, schema, checkpoint, "replaying", write_target::rebuild, options.on_failure) {}

  const projection& target;
  const storage::event_log& log;
  const std::string schema;
  const std::string checkpoint;
  const rebuild_options options;
  batch_committer committer;
  std::unique_ptr<pqxx::connection> connection;
  rebuild_progress progress;
  bool created = false;
};

result<std::unique_ptr<rebuilder>> rebuilder::open(const projection& p,
                                                   const storage::event_log& log,
                                                   std::string schema, std::string checkpoint,
                                                   log_position from, rebuild_options options) {
  auto state = std::make_unique<impl>(p, log, std::move(schema), std::move(checkpoint),
                                      std::move(options));
  auto& s = *state;
  auto opened = pg_guard("open the rebuild of " + s.checkpoint, [&]() -> result<void> {
    s.connection = std::make_unique<pqxx::connection>(s.options.conninfo);
    s.connection->set_variable("synchronous_commit", "off");
    auto target = ensure_target(*s.connection, p, s.schema, s.checkpoint);
    if (!target) return std::move(target).err();
    if (target->version != p.version()) {
      return error{error_code::internal,
                   s.schema + " was built by version " + std::to_string(target->version) +
                       " of projection " + std::string(p.name()) + ", this build has version " +
                       std::to_string(p.version()) + ": drop it and start again"};
    }
    s.created = target->created;
    s.progress.position = target->position;
    if (s.created && from > 1) {
      pqxx::work tx(*s.connection);
      tx.exec_params0("UPDATE projection_checkpoints SET position = $2 WHERE projection = $1",
                      s.checkpoint, from - 1);
      tx.commit();
      s.progress.position = from - 1;
    }
    for (const auto& statement : p.statements()) {
      s.connection->prepare(statement.name, sql::with_schema(statement.sql, s.schema));
    }
    for (const auto& statement : batch_committer::statements()) {
      s.connection->prepare(statement.name, statement.sql);
    }
    return {};
  });
  if (!opened) return std::move(opened).err();
  return std::unique_ptr<rebuilder>(new rebuilder(std::move(state)));
}

rebuilder::rebuilder(std::unique_ptr<impl> impl) : impl_(std::move(impl)) {}
rebuilder::~rebuilder() = default;

bool rebuilder::created() const noexcept { return impl_->created; }

const rebuild_progress& rebuilder::progress() const noexcept { return impl_->progress; }

result<rebuild_progress> rebuilder::run_until(log_position until) {
  auto& s = *impl_;
  s.progress.until = until;
  while (s.progress.position < until) {
    batch_limits limits = s.options.limits;
    limits.max_events = static_cast<std::size_t>(
        std::min<log_position>(limits.max_events, until - s.progress.position));
    auto batch = read_batch(s.log, s.progress.position + 1, limits);
    if (!batch) return std::move(batch).err();
    if (batch->empty()) {
      return error{error_code::internal, "the log ends at " +
                                             std::to_string(s.progress.position) +
                                             ", before position " + std::to_string(until)};
    }
    if (auto applied = apply(*batch); !applied) return std::move(applied).err();
  }
  return s.progress;
}

result<rebuild_progress> rebuilder::apply(std::span<const event_envelope> batch) {
  auto& s = *impl_;
  if (s.options.stop_requested && s.options.stop_requested()) {
    return error{error_code::unavailable, "the rebuild of " + s.checkpoint +
                                              " was stopped at position " +
                                              std::to_string(s.progress.position)};
  }
  const auto first_new = std::find_if(batch.begin(), batch.end(), [&](const event_envelope& e) {
    return e.position > s.progress.position;
  });
  batch = batch.subspan(static_cast<std::size_t>(first_new - batch.begin()));
  if (batch.empty()) return s.progress;
  if (batch.front().position != s.progress.position + 1) {
    return error{error_code::invalid, "a batch from position " +
                                          std::to_string(batch.front().position) +
                                          " leaves a gap after " + s.checkpoint + "'s position " +
                                          std::to_string(s.progress.position)};
  }
  auto outcome = s.committer.commit(*s.connection, s.progress.position, batch);
  if (!outcome) return std::move(outcome).err();
  switch (outcome->what) {
    case batch_outcome::kind::committed:
      break;
    case batch_outcome::kind::checkpoint_moved:
    case batch_outcome::kind::stale:
    case batch_outcome::kind::abandoned:
      return error{error_code::conflict, "checkpoint " + s.checkpoint +
                                             " changed under the rebuild (now at " +
                                             std::to_string(outcome->position) + ")"};
  }
  s.progress.events_read += outcome->position - s.progress.position;
  s.progress.position = outcome->position;
  s.progress.events_applied += outcome->applied;
  s.progress.dead_letters += outcome->dead_letters;
  ++s.progress.transactions;
  if (s.options.on_progress) s.options.on_progress(s.progress);
  if (outcome->halted) {
    return error{error_code::internal, "projection " + std::string(s.target.name()) +
                                           " failed at " + *outcome->halted};
  }
  return s.progress;
}

result<void> drop_target(const std::string& conninfo, std::string_view schema,
                         std::string_view checkpoint) {
  if (!sql::valid_schema_name(schema)) {
    return error{error_code::invalid, "not a usable schema name: '" + std::string(schema) + "'"};
  }
  return pg_guard("drop " + std::string(schema), [&] {
    pqxx::connection connection(conninfo);
    pqxx::work tx(connection);
    tx.exec0("DROP SCHEMA IF EXISTS " + std::string(schema) + " CASCADE");
    tx.exec_params0("DELETE FROM projection_checkpoints WHERE projection = $1",
                    std::string(checkpoint));
    tx.exec_params0("DELETE FROM dead_letters WHERE projection = $1", std::string(checkpoint));
    tx.commit();
  });
}

}  // namespace streamhub::projections
