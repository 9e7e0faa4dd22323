// bench_append: throughput and ack latency of rocksdb_event_log appends, and
// read_all throughput over what was written. Prints a table, then one JSON
// line (prefixed "json: ") for scripts.
//
//   bench_append --dir /var/tmp/bench --events 300000 --appenders 64 [--in-flight 1]
//
// Modes, each on a fresh log under --dir:
//   durable          64 appenders, single 200-byte events, WAL synced. An
//                    appender sends its next append when the last is acked
//                    (--in-flight N: keeps N appends in flight);
//                    a few worker threads run them all (as actors on CAF's
//                    scheduler would).
//   durable-threads  the same with one blocked OS thread per appender
//   one-sync         one appender: every append waits for its own sync
//   async            as durable, acknowledged once written to the OS
//   read_all         scan_all over the async log, reopened

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>

#include "storage/rocksdb_event_log.hpp"

namespace {

using namespace streamhub;
using namespace streamhub::storage;
using clock_type = std::chrono::steady_clock;

struct config {
  std::filesystem::path dir = "bench-data";
  std::size_t events = 300'000;
  std::size_t one_sync_events = 3'000;
  std::size_t appenders = 64;
  std::size_t in_flight = 1;
  std::size_t threads = std::max(2u, std::thread::hardware_concurrency());
  std::size_t payload_bytes = 200;
  std::vector<std::string> modes{"durable", "durable-threads", "one-sync", "async", "read_all"};
  bool keep = false;
};

struct figures {
  std::string mode;
  std::size_t appenders = 0;
  std::size_t events = 0;
  double seconds = 0;
  double p50_us = 0, p99_us = 0, p999_us = 0;
  double rate() const { return seconds > 0 ? double(events) / seconds : 0; }
};

double percentile(std::vector<std::int64_t>& sorted_ns, double p) {
  if (sorted_ns.empty()) return 0;
  const auto index = std::min(sorted_ns.size() - 1, std::size_t(p * double(sorted_ns.size())));
  return double(sorted_ns[index]) / 1000.0;
}

std::unique_ptr<rocksdb_event_log> open_fresh(const std::filesystem::path& dir, durability d) {
  std::filesystem::remove_all(dir);
  auto log = rocksdb_event_log::open(dir, rocksdb_event_log_options{.durability = d});
  if (!log) {
    std::fprintf(stderr, "bench_append: %s\n", log.err().message.c_str());
    std::exit(1);
  }
  return std::move(*log);
}

/// A JSON payload of exactly `bytes` bytes.
std::string make_payload(std::size_t bytes) {
  return "{\"p\":\"" + std::string(bytes - 8, 'x') + "\"}";
}

proposed_event bench_event(const std::string& payload) {
  proposed_event e;
  e.id = event_id::generate();
  e.type = "bench.appended";
  e.actor = "system";
  e.payload = payload;
  return e;
}

figures summarise(std::string mode, std::size_t appenders, clock_type::time_point start,
                  std::vector<std::int64_t>& latencies_ns) {
  figures f;
  f.mode = std::move(mode);
  f.appenders = appenders;
  f.seconds = std::chrono::duration<double>(clock_type::now() - start).count();
  std::sort(latencies_ns.begin(), latencies_ns.end());
  f.events = latencies_ns.size();
  f.p50_us = percentile(latencies_ns, 0.50);
  f.p99_us = percentile(latencies_ns, 0.99);
  f.p999_us = percentile(latencies_ns, 0.999);
  return f;
}

void fail(const error& e) {
  std::fprintf(stderr, "bench_append: append failed: %s\n", e.message.c_str());
  std::exit(1);
}

/// `appenders` logical appenders, each with `in_flight` appends in flight
/// and the next sent once one is acknowledged, run by `threads` worker
/// threads: the shape of entity actors on a small scheduler pool (an actor
/// with commands queued keeps several appends in flight).
figures run_appends(const std::string& mode, event_log& log, std::size_t appenders,
                    std::size_t threads, std::size_t events, std::size_t payload_bytes,
                    std::size_t in_flight = 1) {
  const std::string payload = make_payload(payload_bytes);
  const std::size_t per_appender = events / appenders;
  std::vector<std::string> streams;
  for (std::size_t a = 0; a < appenders; ++a) streams.push_back("bench:" + std::to_string(a));
  std::vector<std::int64_t> latencies;
  latencies.reserve(per_appender * appenders);

  std::mutex mutex;
  std::condition_variable ready_changed;
  std::vector<std::size_t> ready;  // an entry per append an appender may send now
  std::vector<std::size_t> sent(appenders, 0), acked(appenders, 0);
  std::size_t finished = per_appender == 0 ? appenders : 0;  // fewer events than appenders
  for (std::size_t a = 0; a < appenders; ++a)
    for (std::size_t k = 0; k < std::min(in_flight, per_appender); ++k, ++sent[a]) ready.push_back(a);

  const auto start = clock_type::now();
  auto work = [&] {
    std::vector<std::size_t> mine;
    std::unique_lock lock(mutex);
    for (;;) {
      ready_changed.wait(lock, [&] { return !ready.empty() || finished == appenders; });
      if (ready.empty()) return;
      mine.swap(ready);
      lock.unlock();
      for (std::size_t a : mine) {
        std::vector<proposed_event> batch;
        batch.push_back(bench_event(payload));
        const auto send_time = clock_type::now();
        log.append_async(streams[a], expected_version::any(), std::move(batch),
                         [&, a, send_time](result<append_result> r) {
                           if (!r) fail(r.err());
                           const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                               clock_type::now() - send_time)
                                               .count();
                           std::lock_guard guard(mutex);
                           latencies.push_back(ns);
                           if (sent[a] < per_appender) {
                             ++sent[a];
                             ready.push_back(a);
                             if (ready.size() == 1) ready_changed.notify_one();
                           }
                           if (++acked[a] == per_appender && ++finished == appenders) {
                             ready_changed.notify_all();
                           }
                         });
      }
      mine.clear();
      lock.lock();
    }
  };
  std::vector<std::thread> pool;
  for (std::size_t t = 0; t < threads; ++t) pool.emplace_back(work);
  for (auto& t : pool) t.join();
  return summarise(mode, appenders, start, latencies);
}

/// One OS thread per appender, each blocked in append() until its ack.
figures run_blocking_appends(const std::string& mode, event_log& log, std::size_t appenders,
                             std::size_t events, std::size_t payload_bytes) {
  const std::string payload = make_payload(payload_bytes);
  std::vector<std::vector<std::int64_t>> latencies(appenders);
  std::vector<std::thread> threads;
  const std::size_t per_thread = events / appenders;
  const auto start = clock_type::now();
  for (std::size_t t = 0; t < appenders; ++t) {
    threads.emplace_back([&, t] {
      auto& mine = latencies[t];
      mine.reserve(per_thread);
      const std::string stream = "bench:" + std::to_string(t);
      for (std::size_t i = 0; i < per_thread; ++i) {
        std::vector<proposed_event> batch;
        batch.push_back(bench_event(payload));
        const auto sent = clock_type::now();
        auto r = log.append(stream, expected_version::any(), std::move(batch));
        if (!r) fail(r.err());
        mine.push_back(
            std::chrono::duration_cast<std::chrono::nanoseconds>(clock_type::now() - sent).count());
      }
    });
  }
  for (auto& t : threads) t.join();
  std::vector<std::int64_t> all;
  for (auto& v : latencies) all.insert(all.end(), v.begin(), v.end());
  return summarise(mode, appenders, start, all);
}

figures run_read_all(const event_log& log) {
  figures f;
  f.mode = "read_all";
  std::size_t bytes = 0;
  const auto start = clock_type::now();
  auto visited = log.scan_all(1, SIZE_MAX, [&](const event_envelope& e) {
    bytes += e.payload.size();
    return true;
  });
  f.seconds = std::chrono::duration<double>(clock_type::now() - start).count();
  if (!visited) {
    std::fprintf(stderr, "bench_append: read_all failed: %s\n", visited.err().message.c_str());
    std::exit(1);
  }
  f.events = *visited;
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  config cfg;
  CLI::App app{"Append and read_all throughput of the RocksDB event log"};
  app.add_option("--dir", cfg.dir, "Directory for the benchmark's logs (on the disk to measure)");
  app.add_option("--events", cfg.events, "Events per concurrent mode");
  app.add_option("--one-sync-events", cfg.one_sync_events, "Events in the one-sync-per-append mode");
  app.add_option("--appenders", cfg.appenders, "Concurrent appenders");
  app.add_option("--in-flight", cfg.in_flight, "Appends each appender keeps in flight (durable, async)")
      ->check(CLI::Range(1, 1024));
  app.add_option("--threads", cfg.threads, "Worker threads running the appenders");
  app.add_option("--payload", cfg.payload_bytes, "Payload bytes per event")->check(CLI::Range(16, 1 << 20));
  app.add_option("--modes", cfg.modes, "Modes to run (read_all needs async)")->delimiter(',');
  app.add_flag("--keep", cfg.keep, "Keep the logs afterwards");
  CLI11_PARSE(app, argc, argv);

  const auto wanted = [&](const char* mode) {
    return std::find(cfg.modes.begin(), cfg.modes.end(), mode) != cfg.modes.end();
  };
  std::vector<figures> rows;
  if (wanted("durable")) {
    auto log = open_fresh(cfg.dir / "durable", durability::sync);
    rows.push_back(run_appends("durable", *log, cfg.appenders, cfg.threads, cfg.events,
                               cfg.payload_bytes, cfg.in_flight));
  }
  if (wanted("durable-threads")) {
    auto log = open_fresh(cfg.dir / "durable-threads", durability::sync);
    rows.push_back(run_blocking_appends("durable-threads", *log, cfg.appenders, cfg.events,
                                        cfg.payload_bytes));
  }
  if (wanted("one-sync")) {
    auto log = open_fresh(cfg.dir / "one-sync", durability::sync);
    rows.push_back(run_appends("one-sync", *log, 1, 1, cfg.one_sync_events, cfg.payload_bytes));
  }
  if (wanted("async")) {
    auto log = open_fresh(cfg.dir / "async", durability::async);
    rows.push_back(run_appends("async", *log, cfg.appenders, cfg.threads, cfg.events,
                               cfg.payload_bytes, cfg.in_flight));
  }
  if (wanted("read_all")) {
    auto log = rocksdb_event_log::open(cfg.dir / "async");  // reopened: reads come from disk
    rows.push_back(run_read_all(**log));
  }
  if (!cfg.keep) std::filesystem::remove_all(cfg.dir);

  std::printf("%-10s %9s %10s %9s %13s %9s %9s %9s\n", "mode", "appenders", "events", "seconds",
              "events/s", "p50 us", "p99 us", "p99.9 us");
  for (const auto& r : rows)
    std::printf("%-10s %9zu %10zu %9.3f %13.0f %9.1f %9.1f %9.1f\n", r.mode.c_str(), r.appenders,
                r.events, r.seconds, r.rate(), r.p50_us, r.p99_us, r.p999_us);
  std::string json = "{";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "%s\"%s\":{\"events\":%zu,\"seconds\":%.4f,\"events_per_s\":%.0f,\"p50_us\":%.1f,"
                  "\"p99_us\":%.1f,\"p999_us\":%.1f}",
                  i ? "," : "", r.mode.c_str(), r.events, r.seconds, r.rate(), r.p50_us, r.p99_us,
                  r.p999_us);
    json += buf;
  }
  std::printf("json: %s}\n", json.c_str());
}
