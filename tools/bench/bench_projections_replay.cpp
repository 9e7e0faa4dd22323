// Replay throughput (docs/PERFORMANCE.md, "Projections"): a generated log of
// platform traffic is replayed into fresh tables, projection by projection,
// as `streamhub replay` does, into a throwaway PostgreSQL; then the rows the
// replay produced are copied again with a raw COPY into tables of the same
// shape (indexes included): the ceiling no projection writer can beat. The
// ratio says how close the replay gets to it.
//
//   bench_projections_replay --events 10000000 --dir /var/tmp/replay-bench
//
// The log is generated once into DIR/events and reused by later runs when it
// holds enough events; the cluster lives in DIR/pg and is started afresh.

#include <libpq-fe.h>

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

#include <CLI/CLI.hpp>
#include <pqxx/connection>
#include <pqxx/result>
#include <pqxx/stream_from>
#include <pqxx/transaction>

#include "projections/models/read_models.hpp"
#include "projections/pg/embedded_cluster.hpp"
#include "projections/pg/migrations.hpp"
#include "projections/projection_schema.hpp"
#include "projections/replay.hpp"
#include "protocol/domain/entity_id.hpp"
#include "protocol/domain/event_codec.hpp"
#include "storage/rocksdb_event_log.hpp"

namespace {

using namespace streamhub;
using clock_type = std::chrono::steady_clock;
namespace fs = std::filesystem;

double seconds_since(clock_type::time_point start) {
  return std::chrono::duration<double>(clock_type::now() - start).count();
}

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "bench_projections_replay: %s\n", what.c_str());
  std::exit(1);
}

// Platform traffic: 20,000 users, the first 500 of them channels; mostly
// chat, then follows, viewer samples, streams going live and offline,
// subscriptions, deletions and a few posts (fanned out to followers).
class traffic {
 public:
  explicit traffic(storage::event_log& log) : log_(log) {}

  void write(std::uint64_t events) {
    while (log_.head_position() < events) {
      const auto left = events - log_.head_position();
      if (users_ < total_users) {
        register_users(std::min<std::uint64_t>(left, 64));
        continue;
      }
      const int dice = std::uniform_int_distribution<int>(0, 999)(random_);
      if (dice < 850) chat(std::min<std::uint64_t>(left, 64));
      else if (dice < 930) follow(std::min<std::uint64_t>(left, 8));
      else if (dice < 975) viewers();
      else if (dice < 985) live_or_offline();
      else if (dice < 995) subscription();
      else if (dice < 998) delete_message();
      else post();
    }
  }

 private:
  static constexpr int total_users = 20'000;
  static constexpr int channels = 500;

  std::string login(int i) const { return "user" + std::to_string(i); }
  int any_user() { return std::uniform_int_distribution<int>(0, total_users - 1)(random_); }
  int any_channel() { return std::uniform_int_distribution<int>(0, channels - 1)(random_); }

  storage::proposed_event event(const domain::encoded_payload& payload, std::string actor) {
    storage::proposed_event e;
    e.id = event_id::generate();
    e.type = std::string(payload.type);
    e.schema_version = payload.schema_version;
    e.timestamp_us = now_us_ += 1000;
    e.actor = std::move(actor);
    e.payload = payload.json;
    return e;
  }

  void append(std::string stream, std::vector<storage::proposed_event> events) {
    auto done = log_.append(std::move(stream), expected_version::any(), std::move(events));
    if (!done) die("append: " + done.err().message);
  }

  void register_users(std::uint64_t n) {
    for (std::uint64_t i = 0; i < n && users_ < total_users; ++i, ++users_) {
      const auto name = login(users_);
      append(domain::user_stream(name),
             {event(domain::encode(domain::user_registered{name, name + "@example.com", name, "h"}),
                    "user:" + name)});
    }
  }

  void chat(std::uint64_t n) {
    const auto room = login(any_channel());
    std::vector<storage::proposed_event> batch;
    for (std::uint64_t i = 0; i < n; ++i) {
      const auto user = login(any_user());
      batch.push_back(event(domain::encode(domain::chat_message_posted{
                                user, user, "message number " + std::to_string(++messages_),
                                std::nullopt, {}}),
                            "user:" + user));
    }
    last_message_[room] = batch.back().id.to_string();
    append(domain::chat_stream(room), std::move(batch));
  }

  void follow(std::uint64_t n) {
    const int channel = any_channel();
    std::vector<storage::proposed_event> batch;
    for (std::uint64_t i = 0; i < n; ++i) {
      const int follower = any_user();
      const auto key = static_cast<std::uint64_t>(channel) << 32 | static_cast<unsigned>(follower);
      if (follower == channel || !follows_.insert(key).second) continue;
      batch.push_back(event(domain::encode(domain::follower_added{login(follower)}),
                            "user:" + login(follower)));
    }
    if (!batch.empty()) append(domain::channel_stream(login(channel)), std::move(batch));
  }

  void viewers() {
    const auto channel = login(any_channel());
    append(domain::channel_stream(channel),
           {event(domain::encode(domain::viewers_sampled{
                      std::uniform_int_distribution<std::uint64_t>(0, 5000)(random_)}),
                  "system")});
  }

  void live_or_offline() {
    const auto channel = login(any_channel());
    auto it = live_.find(channel);
    if (it == live_.end()) {
      auto e = event(domain::encode(domain::stream_went_live{"Stream", "Games"}), "user:" + channel);
      live_[channel] = e.id.to_string();
      append(domain::channel_stream(channel), {std::move(e)});
    } else {
      auto e = event(domain::encode(domain::stream_went_offline{it->second, 3600, 100}),
                     "user:" + channel);
      live_.erase(it);
      append(domain::channel_stream(channel), {std::move(e)});
    }
  }

  void subscription() {
    const auto channel = login(any_channel());
    domain::subscription_added sub;
    sub.user = login(any_user());
    sub.tier = 1;
    sub.expires_at_us = now_us_ + 30LL * 24 * 3600 * 1'000'000;
    append(domain::channel_stream(channel), {event(domain::encode(sub), "user:" + sub.user)});
  }

  void delete_message() {
    const auto room = login(any_channel());
    auto it = last_message_.find(room);
    if (it == last_message_.end()) return chat(1);
    auto e = event(domain::encode(domain::chat_message_deleted{it->second}), "user:" + room);
    last_message_.erase(it);
    append(domain::chat_stream(room), {std::move(e)});
  }

  void post() {
    const auto author = login(any_channel());
    append(domain::user_stream(author),
           {event(domain::encode(domain::post_created{"news " + std::to_string(++posts_)}),
                  "user:" + author)});
  }

  storage::event_log& log_;
  std::mt19937_64 random_{42};
  int users_ = 0;
  std::uint64_t messages_ = 0, posts_ = 0;
  std::int64_t now_us_ = 1'700'000'000'000'000;
  std::unordered_set<std::uint64_t> follows_;
  std::map<std::string, std::string> live_, last_message_;
};

struct copy_figures {
  std::uint64_t rows = 0;
  std::uint64_t bytes = 0;
  double seconds = 0;
};

// Reads every row of `schema`'s tables as COPY text, then times COPY FROM
// STDIN of those rows into empty tables of the same shape (LIKE ... INCLUDING
// ALL) in one transaction, through libpq with 1 MiB messages.
copy_figures raw_copy(const std::string& conninfo, const std::string& schema) {
  std::vector<std::pair<std::string, std::vector<std::string>>> tables;
  {
    pqxx::connection connection(conninfo);
    pqxx::work tx(connection);
    const auto names = tx.exec_params(
        "SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY 1", schema);
    tx.exec0("DROP SCHEMA IF EXISTS bench_copy CASCADE");
    tx.exec0("CREATE SCHEMA bench_copy");
    for (const auto& row : names) {
      const std::string table = row[0].as<std::string>();
      tx.exec0("CREATE TABLE bench_copy." + table + " (LIKE " + schema + "." + table +
               " INCLUDING ALL)");
      auto& chunks = tables.emplace_back(table, std::vector<std::string>{}).second;
      pqxx::stream_from from(tx, schema + "." + table);
      std::string line, chunk;
      while (from.get_raw_line(line)) {
        chunk += line;  // with its newline, as libpq hands it over
        if (line.empty() || line.back() != '\n') chunk += '\n';
        if (chunk.size() >= (1u << 20)) {
          chunks.push_back(std::move(chunk));
          chunk.clear();
        }
      }
      if (!chunk.empty()) chunks.push_back(std::move(chunk));
      from.complete();
    }
    tx.commit();
  }
  copy_figures figures;
  PGconn* pg = PQconnectdb(conninfo.c_str());
  if (PQstatus(pg) != CONNECTION_OK) die(PQerrorMessage(pg));
  auto exec = [&](const std::string& sql, ExecStatusType expected) {
    PGresult* r = PQexec(pg, sql.c_str());
    if (PQresultStatus(r) != expected) die(sql + ": " + PQerrorMessage(pg));
    PQclear(r);
  };
  const auto start = clock_type::now();
  exec("BEGIN", PGRES_COMMAND_OK);
  for (const auto& [table, chunks] : tables) {
    exec("COPY bench_copy." + table + " FROM STDIN", PGRES_COPY_IN);
    for (const auto& chunk : chunks) {
      if (PQputCopyData(pg, chunk.data(), static_cast<int>(chunk.size())) != 1) {
        die(PQerrorMessage(pg));
      }
      figures.bytes += chunk.size();
      figures.rows += static_cast<std::uint64_t>(std::count(chunk.begin(), chunk.end(), '\n'));
    }
    if (PQputCopyEnd(pg, nullptr) != 1) die(PQerrorMessage(pg));
    PGresult* r = PQgetResult(pg);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) die("COPY " + table + ": " + PQerrorMessage(pg));
    PQclear(r);
    while ((r = PQgetResult(pg)) != nullptr) PQclear(r);
  }
  exec("COMMIT", PGRES_COMMAND_OK);
  figures.seconds = seconds_since(start);
  exec("DROP SCHEMA bench_copy CASCADE", PGRES_COMMAND_OK);
  PQfinish(pg);
  return figures;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Replay throughput of the projections against a raw COPY of their rows"};
  std::uint64_t events = 1'000'000;
  fs::path dir = "/var/tmp/streamhub-replay-bench";
  std::string only = "all";
  app.add_option("--events", events, "Events in the generated log")->capture_default_str();
  app.add_option("--dir", dir, "Where the log (reused) and the cluster go")->capture_default_str();
  app.add_option("--projection", only, "One projection, or all")->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  storage::rocksdb_event_log_options log_options;
  log_options.durability = storage::durability::async;
  auto log = storage::rocksdb_event_log::open(dir / "events", log_options);
  if (!log) die("open the log: " + log.err().message);
  if ((*log)->head_position() < events) {
    const auto start = clock_type::now();
    const auto before = (*log)->head_position();
    traffic(**log).write(events);
    std::printf("generated %" PRIu64 " events in %.1f s\n", (*log)->head_position() - before,
                seconds_since(start));
  }
  const auto head = (*log)->head_position();

  projections::embedded_cluster_options pg_options;
  pg_options.data_dir = dir / "pg";
  pg_options.durable = false;
  pg_options.shared_buffers = "512MB";
  fs::remove_all(pg_options.data_dir);
  projections::embedded_cluster cluster(pg_options);
  if (auto started = cluster.start(); !started) die(started.err().message);
  const auto conninfo = cluster.conninfo();
  if (auto migrated = projections::apply_migrations(conninfo); !migrated) {
    die(migrated.err().message);
  }

  std::printf("%-14s %12s %10s %12s %12s %10s %12s %7s\n", "projection", "events", "replay s",
              "events/s", "rows", "COPY s", "rows/s COPY", "ratio");
  double replay_total = 0, copy_total = 0;
  for (std::size_t i = 0; i < projections::read::read_model_count; ++i) {
    const auto model = static_cast<projections::read::read_model>(i);
    if (only != "all" && only != projections::read::to_string(model)) continue;
    auto p = projections::make_projection(model);
    projections::replay_options options;
    options.conninfo = conninfo;
    auto summary = projections::replay_projection(*p, **log, options);
    if (!summary) die(std::string(p->name()) + ": " + summary.err().message);
    const auto copied = raw_copy(conninfo, projections::live_schema(model));
    replay_total += summary->seconds;
    copy_total += copied.seconds;
    std::printf("%-14s %12" PRIu64 " %10.1f %12.0f %12" PRIu64 " %10.1f %12.0f %6.0f%%\n",
                std::string(p->name()).c_str(), head, summary->seconds,
                static_cast<double>(head) / summary->seconds, summary->rows, copied.seconds,
                static_cast<double>(copied.rows) / copied.seconds,
                100 * copied.seconds / summary->seconds);
    std::fflush(stdout);
  }
  std::printf("total: replay %.1f s, COPY %.1f s, ratio %.0f%%\n", replay_total, copy_total,
              100 * copy_total / replay_total);
  return 0;
}
