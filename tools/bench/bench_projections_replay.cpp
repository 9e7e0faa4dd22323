// Replay throughput (docs/PERFORMANCE.md, "Projections"): a generated log of
// platform traffic is replayed into fresh tables, projection by projection,
// as `streamhub replay --projection NAME` does, into a throwaway PostgreSQL;
// then the rows the replay produced are copied again with a raw COPY into
// tables of the same shape (indexes included): the ceiling no projection
// writer can beat. The ratio says how close the replay gets to it. Then every
// projection is replayed together from one read of the log, as `streamhub
// replay --projection all` does, against a raw COPY of all their rows.
//
//   bench_projections_replay --events 10000000 --dir /var/tmp/replay-bench
//
// The log is generated once into DIR/events and reused by later runs when it
// holds enough events (else generated again); the cluster lives in DIR/pg
// and is started afresh.

#include <libpq-fe.h>

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <pqxx/connection>
#include <pqxx/result>
#include <pqxx/stream_from>
#include <pqxx/transaction>

#include "projections/models/read_models.hpp"
#include "tools/bench/bench_cluster.hpp"
#include "projections/projection_schema.hpp"
#include "projections/replay.hpp"
#include "storage/rocksdb_event_log.hpp"
#include "tools/bench/platform_traffic.hpp"

namespace {

using namespace streamhub;
using clock_type = std::chrono::steady_clock;
namespace fs = std::filesystem;

double seconds_since(clock_type::time_point start) {
  return std::chrono::duration<double>(clock_type::now() - start).count();
}

using streamhub::bench::die;

struct copy_figures {
  std::uint64_t rows = 0;
  std::uint64_t bytes = 0;
  double seconds = 0;
};

// Reads every row of the `schemas`' tables as COPY text, then times COPY FROM
// STDIN of those rows into empty tables of the same shape (LIKE ... INCLUDING
// ALL) in one transaction, through libpq with 1 MiB messages.
copy_figures raw_copy(const std::string& conninfo, const std::vector<std::string>& schemas) {
  std::vector<std::pair<std::string, std::vector<std::string>>> tables;
  {
    pqxx::connection connection(conninfo);
    pqxx::work tx(connection);
    tx.exec0("DROP SCHEMA IF EXISTS bench_copy CASCADE");
    tx.exec0("CREATE SCHEMA bench_copy");
    for (const auto& schema : schemas) {
      const auto names = tx.exec_params(
          "SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY 1", schema);
      for (const auto& row : names) {
        const std::string table = schema + "_" + row[0].as<std::string>();
        tx.exec0("CREATE TABLE bench_copy." + table + " (LIKE " + schema + "." +
                 row[0].as<std::string>() + " INCLUDING ALL)");
        auto& chunks = tables.emplace_back(table, std::vector<std::string>{}).second;
        pqxx::stream_from from(tx, schema + "." + row[0].as<std::string>());
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
  streamhub::bench::bench_name = "bench_projections_replay";
  CLI::App app{"Replay throughput of the projections against a raw COPY of their rows"};
  std::uint64_t events = 1'000'000;
  fs::path dir = "/var/tmp/streamhub-replay-bench";
  std::string only = "all";
  app.add_option("--events", events, "Events in the generated log")->capture_default_str();
  app.add_option("--dir", dir, "Where the log (reused) and the cluster go")->capture_default_str();
  std::string mode = "both";
  app.add_option("--projection", only, "One projection, or all")->capture_default_str();
  app.add_option("--mode", mode,
                 "each: one projection after another, each reading the log; together: all "
                 "from one read of the log; both")
      ->check(CLI::IsMember({"each", "together", "both"}))
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  storage::rocksdb_event_log_options log_options;
  log_options.durability = storage::durability::async;
  auto log = storage::rocksdb_event_log::open(dir / "events", log_options);
  if (!log) die("open the log: " + log.err().message);
  if ((*log)->head_position() < events) {
    // Generated again from the start: the generator's users and streams
    // begin afresh, so a shorter log cannot be extended.
    log->reset();
    fs::remove_all(dir / "events");
    log = storage::rocksdb_event_log::open(dir / "events", log_options);
    if (!log) die("open the log: " + log.err().message);
    const auto start = clock_type::now();
    const auto before = (*log)->head_position();
    try {
      bench::platform_traffic(**log).write(events);
    } catch (const std::exception& e) {
      die(e.what());
    }
    std::printf("generated %" PRIu64 " events in %.1f s\n", (*log)->head_position() - before,
                seconds_since(start));
  }
  const auto head = (*log)->head_position();

  projections::embedded_cluster cluster(bench::bench_cluster_options(dir / "pg", false));
  bench::start_bench_cluster(cluster);
  const auto conninfo = cluster.conninfo();

  std::vector<std::unique_ptr<projections::projection>> chosen;
  for (std::size_t i = 0; i < projections::read::read_model_count; ++i) {
    const auto model = static_cast<projections::read::read_model>(i);
    if (only == "all" || only == projections::read::to_string(model)) {
      chosen.push_back(projections::make_projection(model));
    }
  }
  if (chosen.empty()) die("no projection '" + only + "'");
  projections::replay_options options;
  options.conninfo = conninfo;

  if (mode != "together") {
    std::printf("%-14s %12s %10s %12s %12s %10s %12s %7s\n", "projection", "events", "replay s",
                "events/s", "rows", "COPY s", "rows/s COPY", "ratio");
    double replay_total = 0, copy_total = 0;
    for (const auto& p : chosen) {
      auto summary = projections::replay_projection(*p, **log, options);
      if (!summary) die(std::string(p->name()) + ": " + summary.err().message);
      const auto copied = raw_copy(conninfo, {projections::live_schema(p->model())});
      replay_total += summary->seconds;
      copy_total += copied.seconds;
      std::printf("%-14s %12" PRIu64 " %10.1f %12.0f %12" PRIu64 " %10.1f %12.0f %6.0f%%\n",
                  std::string(p->name()).c_str(), head, summary->seconds,
                  static_cast<double>(head) / summary->seconds, summary->rows, copied.seconds,
                  static_cast<double>(copied.rows) / copied.seconds,
                  100 * copied.seconds / summary->seconds);
      std::fflush(stdout);
    }
    std::printf("one after another: replay %.1f s, COPY %.1f s, ratio %.0f%%\n", replay_total,
                copy_total, 100 * copy_total / replay_total);
  }

  if (mode != "each") {
    std::vector<const projections::projection*> targets;
    std::vector<std::string> schemas;
    for (const auto& p : chosen) {
      targets.push_back(p.get());
      schemas.push_back(projections::live_schema(p->model()));
    }
    const auto start = clock_type::now();
    const auto results = projections::replay_projections(targets, **log, options);
    const double seconds = seconds_since(start);
    std::uint64_t rows = 0;
    for (std::size_t i = 0; i < results.size(); ++i) {
      if (!results[i]) die(std::string(targets[i]->name()) + ": " + results[i].err().message);
      rows += results[i]->rows;
    }
    const auto copied = raw_copy(conninfo, schemas);
    std::printf("together (%zu projections, one read of the log): %" PRIu64
                " events in %.1f s, %.0f events/s; %" PRIu64
                " rows; raw COPY of the same rows %.1f s (%.0f rows/s); ratio %.0f%%\n",
                targets.size(), head, seconds, static_cast<double>(head) / seconds, rows,
                copied.seconds, static_cast<double>(copied.rows) / copied.seconds,
                100 * copied.seconds / seconds);
  }
  return 0;
}
