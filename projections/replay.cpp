#include "projections/replay.hpp"

#include <pqxx/connection>
#include <pqxx/result>
#include <pqxx/transaction>

#include <algorithm>
#include <chrono>
#include <future>
#include <thread>

#include "projections/pg/pg_error.hpp"

namespace streamhub::projections {
namespace {

using clock = std::chrono::steady_clock;

// How often a swap (or a comparison) may find the live tables moved on
// before giving up: each attempt first catches up with them.
constexpr int max_attempts = 100;

double seconds_since(clock::time_point start) {
  return std::chrono::duration<double>(clock::now() - start).count();
}

std::function<log_position()> head_of(const storage::event_log& log,
                                      const replay_options& options) {
  if (options.head) return options.head;
  return [&log] { return log.head_position(); };
}

rebuild_options rebuild_options_from(const replay_options& options, failure_policy policy) {
  rebuild_options r;
  r.conninfo = options.conninfo;
  r.on_failure = policy;
  r.limits = options.limits;
  r.on_progress = options.on_progress;
  r.stop_requested = options.stop_requested;
  return r;
}

struct live_checkpoint {
  log_position position = 0;
  std::uint32_t version = 0;
};

// The live checkpoint row of `p`; locked FOR UPDATE until `tx` ends when
// `lock` is set (the live projector cannot commit meanwhile).
std::optional<live_checkpoint> read_live_checkpoint(pqxx::transaction_base& tx,
                                                    const projection& p, bool lock) {
  const auto rows = tx.exec_params(
      std::string("SELECT position, version FROM projection_checkpoints WHERE projection = $1") +
          (lock ? " FOR UPDATE" : ""),
      std::string(p.name()));
  if (rows.empty()) return std::nullopt;
  return live_checkpoint{rows[0][0].as<log_position>(), rows[0][1].as<std::uint32_t>()};
}

std::vector<std::string> tables_of(pqxx::transaction_base& tx, const std::string& schema) {
  std::vector<std::string> tables;
  for (const auto& row : tx.exec_params(
           "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 "
           "AND table_type = 'BASE TABLE' ORDER BY table_name",
           schema)) {
    tables.push_back(row[0].as<std::string>());
  }
  return tables;
}

std::uint64_t count_rows(pqxx::transaction_base& tx, const std::string& schema,
                         const std::string& table) {
  return tx.exec1("SELECT count(*) FROM " + schema + "." + table)[0].as<std::uint64_t>();
}

// Rows of `from`.`table` that `other`.`table` lacks (as multisets): how many,
// and a few of them as JSON.
std::uint64_t rows_missing_from(pqxx::transaction_base& tx, const std::string& table,
                                const std::string& from, const std::string& other,
                                const char* label, std::vector<std::string>& samples) {
  const auto rows = tx.exec("SELECT count(*) OVER (), row_to_json(d)::text FROM (SELECT * FROM " +
                            from + "." + table + " EXCEPT ALL SELECT * FROM " + other + "." +
                            table + ") d LIMIT 3");
  if (rows.empty()) return 0;
  for (const auto& row : rows) samples.push_back(label + row[1].as<std::string>());
  return rows[0][0].as<std::uint64_t>();
}

// Waits until the log holds `position` (a secondary catches up in wait_for).
result<void> await_position(const storage::event_log& log,
                            const std::function<log_position()>& head, log_position position) {
  for (int i = 0; i < max_attempts && head() < position; ++i) {
    log.wait_for(position, std::chrono::milliseconds{100});
  }
  if (head() >= position) return {};
  return error{error_code::timeout, "the log does not reach position " + std::to_string(position) +
                                        ", where the live tables are"};
}

}  // namespace

std::string verify_schema(read::read_model model) { return live_schema(model) + "_verify"; }

namespace {

// Opens the rebuild of `p` (after dropping an interrupted one when asked to
// start afresh).
result<std::unique_ptr<rebuilder>> open_rebuild(const projection& p,
                                                const storage::event_log& log,
                                                const replay_options& options,
                                                rebuild_options rebuild) {
  const std::string schema = rebuild_schema(p.model());
  const std::string checkpoint = rebuild_checkpoint(p.name(), schema);
  if (options.fresh) {
    if (auto dropped = drop_target(options.conninfo, schema, checkpoint); !dropped) {
      return std::move(dropped).err();
    }
  }
  return rebuilder::open(p, log, schema, checkpoint, options.from, std::move(rebuild));
}

replay_summary summary_of_opened(const rebuilder& rb) {
  replay_summary summary;
  summary.started_at = rb.progress().position;
  summary.resumed = !rb.created();
  return summary;
}

// Brings `rb` level with the log's head and the live tables, then swaps it in.
result<replay_summary> swap_in_when_level(const projection& p, const storage::event_log& log,
                                          const replay_options& options, rebuilder& rb,
                                          replay_summary summary, clock::time_point start) {
  const auto head = head_of(log, options);
  const std::string schema = rebuild_schema(p.model());
  for (int attempt = 0; attempt < max_attempts; ++attempt) {
    if (options.stop_requested && options.stop_requested())
      return error{error_code::unavailable, "the replay of " + std::string(p.name()) + " was stopped"};
    auto live = pg_guard("read the live checkpoint of " + std::string(p.name()), [&] {
      pqxx::connection connection(options.conninfo);
      pqxx::read_transaction tx(connection);
      auto found = read_live_checkpoint(tx, p, false);
      return found ? found->position : log_position{0};
    });
    if (!live) return std::move(live).err();
    if (auto reached = await_position(log, head, *live); !reached) return std::move(reached).err();
    auto built = rb.run_until(std::max({head(), *live, rb.progress().position}));
    if (!built) return std::move(built).err();
    // The live checkpoint row is held from here to the swap's commit, so the
    // live projector cannot get ahead again while the rebuild draws level.
    auto swapped = pg_guard("swap in " + schema, [&]() -> result<std::uint64_t> {
      pqxx::connection connection(options.conninfo);
      pqxx::work tx(connection);
      if (const auto held = read_live_checkpoint(tx, p, true);
          held && held->position > rb.progress().position) {
        if (auto reached = await_position(log, head, held->position); !reached) {
          return std::move(reached).err();
        }
        if (auto level = rb.run_until(held->position); !level) return std::move(level).err();
      }
      if (auto done = swap_in(tx, p, schema); !done) return std::move(done).err();
      tx.commit();
      pqxx::read_transaction count(connection);
      const std::string live_name = live_schema(p.model());
      std::uint64_t rows = 0;
      for (const auto& table : tables_of(count, live_name)) {
        rows += count_rows(count, live_name, table);
      }
      return rows;
    });
    if (swapped) {
      summary.rows = *swapped;
      summary.position = rb.progress().position;
      summary.progress = rb.progress();
      summary.seconds = seconds_since(start);
      return summary;
    }
    // conflict: the live tables moved past the rebuild meanwhile.
    if (swapped.err().code != error_code::conflict) return std::move(swapped).err();
  }
  return error{error_code::timeout, "the live tables of " + std::string(p.name()) +
                                        " kept getting ahead of the rebuild"};
}

// One projection of replay_projections.
struct member {
  const projection* target = nullptr;
  std::unique_ptr<rebuilder> rebuild;
  replay_summary summary;
  std::optional<error> failure;

  bool short_of(log_position until) const {
    return !failure && rebuild->progress().position < until;
  }
};

// Applies one batch read from the log to every member short of its end, each
// on its own connection, concurrently: the batch is read and decoded once,
// and PostgreSQL works on every projection's transaction at the same time.
void apply_to_all(std::vector<member*>& members, const std::vector<event_envelope>& batch) {
  // jthreads: should starting one fail, those already started are joined.
  std::vector<std::jthread> threads;
  threads.reserve(members.size());
  for (std::size_t i = 1; i < members.size(); ++i) {
    threads.emplace_back([m = members[i], &batch] {
      if (auto r = m->rebuild->apply(batch); !r) m->failure = std::move(r).err();
    });
  }
  if (auto r = members[0]->rebuild->apply(batch); !r) members[0]->failure = std::move(r).err();
  for (auto& t : threads) t.join();
}

}  // namespace

result<replay_summary> replay_projection(const projection& p, const storage::event_log& log,
                                         const replay_options& options) {
  const auto start = clock::now();
  auto rebuild = open_rebuild(p, log, options, rebuild_options_from(options, options.on_failure));
  if (!rebuild) return std::move(rebuild).err();
  auto& rb = **rebuild;
  return swap_in_when_level(p, log, options, rb, summary_of_opened(rb), start);
}

std::vector<result<replay_summary>> replay_projections(
    std::span<const projection* const> projections, const storage::event_log& log,
    const replay_options& options) {
  const auto start = clock::now();
  // The rebuilds report together, below, rather than one by one.
  auto rebuild = rebuild_options_from(options, options.on_failure);
  rebuild.on_progress = nullptr;
  std::vector<member> members(projections.size());
  for (std::size_t i = 0; i < projections.size(); ++i) {
    auto& m = members[i];
    m.target = projections[i];
    auto opened = open_rebuild(*m.target, log, options, rebuild);
    if (!opened) {
      m.failure = std::move(opened).err();
      continue;
    }
    m.rebuild = std::move(*opened);
    m.summary = summary_of_opened(*m.rebuild);
  }

  const log_position until = head_of(log, options)();
  rebuild_progress together;
  together.until = until;
  const auto read_after = [&](log_position from) {
    batch_limits limits = options.limits;
    limits.max_events =
        static_cast<std::size_t>(std::min<log_position>(limits.max_events, until - from));
    return read_batch(log, from + 1, limits);
  };
  std::future<result<std::vector<event_envelope>>> next;
  for (;;) {
    std::vector<member*> short_of;
    log_position from = until;
    for (auto& m : members) {
      if (!m.short_of(until)) continue;
      short_of.push_back(&m);
      from = std::min(from, m.rebuild->progress().position);
    }
    if (short_of.empty()) break;
    auto batch = next.valid() ? next.get() : read_after(from);
    if (batch && !batch->empty() && batch->front().position != from + 1) {
      batch = read_after(from);  // read ahead for rebuilds that are no longer short of it
    }
    if (batch && !batch->empty() && batch->back().position < until) {
      // The next batch is read while this one is written.
      next = std::async(std::launch::async, read_after, batch->back().position);
    }
    if (batch && batch->empty()) {
      batch = error{error_code::internal, "the log ends at " + std::to_string(from) +
                                              ", before position " + std::to_string(until)};
    }
    if (!batch) {
      for (auto* m : short_of) m->failure = batch.err();
      break;
    }
    apply_to_all(short_of, *batch);
    together.events_read += batch->size();
    together.position = until;
    together.events_applied = together.transactions = together.dead_letters = 0;
    for (const auto& m : members) {
      if (!m.rebuild) continue;
      const auto& p = m.rebuild->progress();
      if (!m.failure) together.position = std::min(together.position, p.position);
      together.events_applied += p.events_applied;
      together.transactions += p.transactions;
      together.dead_letters += p.dead_letters;
    }
    if (options.on_progress) options.on_progress(together);
  }

  std::vector<result<replay_summary>> results;
  results.reserve(members.size());
  for (auto& m : members) {
    if (m.failure) {
      results.emplace_back(std::move(*m.failure));
      continue;
    }
    results.push_back(
        swap_in_when_level(*m.target, log, options, *m.rebuild, m.summary, start));
  }
  return results;
}

result<verify_report> verify_projection(const projection& p, const storage::event_log& log,
                                        const replay_options& options) {
  const auto start = clock::now();
  const auto head = head_of(log, options);
  const std::string live = live_schema(p.model());
  const std::string schema = verify_schema(p.model());
  const std::string checkpoint = rebuild_checkpoint(p.name(), schema);
  if (auto dropped = drop_target(options.conninfo, schema, checkpoint); !dropped) {
    return std::move(dropped).err();
  }
  // Failing events set aside, as a dead-letter live projector does; a halted
  // one stops before its failing event, so the expected tables never reach it.
  auto rebuild = rebuilder::open(p, log, schema, checkpoint, 1,
                                 rebuild_options_from(options, failure_policy::dead_letter));
  if (!rebuild) return std::move(rebuild).err();
  auto& rb = **rebuild;

  auto compared = [&]() -> result<verify_report> {
    for (int attempt = 0; attempt < max_attempts; ++attempt) {
      auto position = pg_guard("read the live checkpoint of " + std::string(p.name()),
                               [&]() -> result<log_position> {
        pqxx::connection connection(options.conninfo);
        pqxx::read_transaction tx(connection);
        auto found = read_live_checkpoint(tx, p, false);
        if (!found) {
          return error{error_code::not_found, "projection " + std::string(p.name()) +
                                                  " has no live tables"};
        }
        if (found->version != p.version()) {
          return error{error_code::invalid,
                       "the live tables of " + std::string(p.name()) + " were built by version " +
                           std::to_string(found->version) + " of the projection, this build has " +
                           std::to_string(p.version()) + ": replay them"};
        }
        return found->position;
      });
      if (!position) return std::move(position).err();
      if (*position < rb.progress().position) {
        return error{error_code::conflict, "the live tables of " + std::string(p.name()) +
                                               " went back to position " +
                                               std::to_string(*position)};
      }
      if (auto reached = await_position(log, head, *position); !reached) {
        return std::move(reached).err();
      }
      if (auto built = rb.run_until(*position); !built) return std::move(built).err();
      auto report = pg_guard("compare " + live + " with " + schema,
                             [&]() -> result<std::optional<verify_report>> {
        pqxx::connection connection(options.conninfo);
        pqxx::work tx(connection);
        const auto locked = read_live_checkpoint(tx, p, true);
        if (!locked || locked->position != *position) {
          return std::optional<verify_report>{};  // moved on: catch up again
        }
        verify_report r;
        r.position = *position;
        for (const auto& table : tables_of(tx, live)) {
          ++r.tables;
          r.rows += count_rows(tx, live, table);
          table_difference d;
          d.table = table;
          d.missing = rows_missing_from(tx, table, schema, live, "missing ", d.samples);
          d.unexpected = rows_missing_from(tx, table, live, schema, "unexpected ", d.samples);
          if (d.missing > 0 || d.unexpected > 0) r.differences.push_back(std::move(d));
        }
        tx.commit();
        return std::optional<verify_report>(std::move(r));
      });
      if (!report) return std::move(report).err();
      if (*report) return std::move(**report);
    }
    return error{error_code::timeout, "the live tables of " + std::string(p.name()) +
                                          " kept moving during the comparison"};
  }();
  rebuild->reset();  // its connection, before the target goes
  auto dropped = drop_target(options.conninfo, schema, checkpoint);
  if (!compared) return compared;
  if (!dropped) return std::move(dropped).err();
  compared->seconds = seconds_since(start);
  return compared;
}

}  // namespace streamhub::projections
