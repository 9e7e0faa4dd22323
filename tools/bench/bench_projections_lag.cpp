// Live lag of the projections (docs/PERFORMANCE.md, "Projections"): the
// projection runtime of a node (every projector, one event-log listener) on a
// RocksDB log and a throwaway PostgreSQL, while a paced generator appends
// platform traffic at a fixed rate. For every appended event: the time from
// just before its append to the moment every projection has applied it
// (projection_runtime::positions(), the figure read-your-writes waits on).
//
//   bench_projections_lag --rate 20000 --seconds 30 --dir /var/tmp/lag-bench
//
// The 20,000 users register first, unpaced and unmeasured, and the
// projectors catch up with them; then the paced phase runs for --seconds.
// The log and the cluster live in DIR and are made afresh on every run.

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>

#include <CLI/CLI.hpp>

#include "tools/bench/bench_cluster.hpp"
#include "projections/projection_runtime.hpp"
#include "storage/rocksdb_event_log.hpp"
#include "tools/bench/platform_traffic.hpp"
#include "tools/loadgen/latency_histogram.hpp"

namespace {

using namespace streamhub;
using clock_type = std::chrono::steady_clock;
namespace fs = std::filesystem;

using streamhub::bench::die;

double seconds_between(clock_type::time_point from, clock_type::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

double ms(std::int64_t ns) { return static_cast<double>(ns) / 1e6; }

// Pairs appends with the moment every projection has applied them. Appends
// are recorded in log order (one generator thread); each is settled when the
// least advanced projection reaches its last event, checked whenever a
// projection moves on and whenever an append is recorded (a projector may
// apply an event before its append call returns).
//
// Thread-safety: appended() from the generator, applied() from the
// projectors' threads (through applied_positions' listener).
class lag_meter {
 public:
  explicit lag_meter(const projections::read::applied_positions& positions)
      : positions_(positions) {}

  /// The events `first`..`last` were appended by a call that began at `began`.
  void appended(log_position first, log_position last, clock_type::time_point began) {
    std::lock_guard lock(mutex_);
    if (measuring_) pending_.push_back({first, last, began});
    settle(clock_type::now());
  }

  void applied() {
    std::lock_guard lock(mutex_);
    settle(clock_type::now());
    settled_.notify_all();
  }

  /// Appends from now on are measured.
  void start_measuring() {
    std::lock_guard lock(mutex_);
    measuring_ = true;
  }

  /// Waits until every measured append is settled; false after `timeout`.
  bool drain(std::chrono::seconds timeout) {
    std::unique_lock lock(mutex_);
    return settled_.wait_for(lock, timeout, [&] { return pending_.empty(); });
  }

  /// Events appended and not yet applied by every projection.
  std::size_t waiting() const {
    std::lock_guard lock(mutex_);
    std::size_t n = 0;
    for (const auto& p : pending_) n += p.last - p.first + 1;
    return n;
  }

  loadgen::latency_histogram histogram() const {
    std::lock_guard lock(mutex_);
    return histogram_;
  }

 private:
  struct append_record {
    log_position first, last;
    clock_type::time_point began;
  };

  void settle(clock_type::time_point now) {
    const auto applied = positions_.min_position(projections::read::read_model_set::all());
    while (!pending_.empty() && pending_.front().last <= applied) {
      const auto& p = pending_.front();
      const auto lag = std::chrono::duration_cast<std::chrono::nanoseconds>(now - p.began).count();
      for (auto position = p.first; position <= p.last; ++position) histogram_.record(lag);
      pending_.pop_front();
    }
  }

  const projections::read::applied_positions& positions_;
  mutable std::mutex mutex_;
  std::condition_variable settled_;
  std::deque<append_record> pending_;
  loadgen::latency_histogram histogram_;
  bool measuring_ = false;
};

}  // namespace

int main(int argc, char** argv) {
  streamhub::bench::bench_name = "bench_projections_lag";
  CLI::App app{"Live lag of the projections while traffic is appended at a fixed rate"};
  double rate = 20'000;
  int seconds = 30;
  fs::path dir = "/var/tmp/streamhub-lag-bench";
  bool log_sync = true;
  bool pg_durable = true;
  app.add_option("--rate", rate, "Events appended per second")->capture_default_str();
  app.add_option("--seconds", seconds, "Length of the paced phase")->capture_default_str();
  app.add_option("--dir", dir, "Where the log and the cluster go (emptied first)")
      ->capture_default_str();
  app.add_flag("!--log-async", log_sync,
               "Acknowledge appends before the WAL is synced (default: synced, as serve does)");
  app.add_flag("!--pg-no-fsync", pg_durable,
               "A PostgreSQL without fsync (default: durable, as serve's embedded cluster)");
  CLI11_PARSE(app, argc, argv);

  fs::remove_all(dir / "events");
  storage::rocksdb_event_log_options log_options;
  log_options.durability = log_sync ? storage::durability::sync : storage::durability::async;
  auto log = storage::rocksdb_event_log::open(dir / "events", log_options);
  if (!log) die("open the log: " + log.err().message);

  projections::embedded_cluster cluster(bench::bench_cluster_options(dir / "pg", pg_durable));
  bench::start_bench_cluster(cluster);

  projections::projection_runtime_options runtime_options;
  runtime_options.conninfo = cluster.conninfo();
  projections::projection_runtime runtime(**log, runtime_options);
  const auto positions = runtime.positions();
  lag_meter meter(*positions);
  const auto listener = positions->add_listener([&meter] { meter.applied(); });
  runtime.start();

  clock_type::time_point began;
  bench::platform_traffic traffic(**log, [&](const storage::append_result& r) {
    meter.appended(r.first_position, r.last_position, began);
  });
  auto step = [&] {
    began = clock_type::now();
    try {
      traffic.step();
    } catch (const std::exception& e) {
      die(e.what());
    }
  };

  // The users register, unmeasured; the projectors catch up with them.
  while ((*log)->head_position() < 20'000) step();
  const auto all = projections::read::read_model_set::all();
  for (int i = 0; i < 600 && positions->min_position(all) < (*log)->head_position(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds{100});
  }
  if (positions->min_position(all) < (*log)->head_position()) {
    die("the projectors did not catch up with the users' registrations within a minute");
  }

  std::printf("paced phase: %.0f events/s for %d s, log %s, PostgreSQL %s\n", rate, seconds,
              log_sync ? "synced" : "async", pg_durable ? "durable" : "without fsync");
  std::fflush(stdout);
  meter.start_measuring();
  const auto first = (*log)->head_position() + 1;
  const auto start = clock_type::now();
  const auto end = start + std::chrono::seconds{seconds};
  std::size_t most_waiting = 0;
  auto next_sample = start;
  for (;;) {
    const auto appended = (*log)->head_position() + 1 - first;
    const auto due = start + std::chrono::duration_cast<clock_type::duration>(
                                 std::chrono::duration<double>(static_cast<double>(appended) / rate));
    if (due >= end) break;
    std::this_thread::sleep_until(due);
    step();
    if (clock_type::now() >= next_sample) {
      most_waiting = std::max(most_waiting, meter.waiting());
      next_sample += std::chrono::milliseconds{100};
    }
  }
  const auto stopped = clock_type::now();
  const auto appended = (*log)->head_position() + 1 - first;
  const std::size_t waiting_at_end = meter.waiting();
  const bool drained = meter.drain(std::chrono::seconds{120});
  const auto caught_up = clock_type::now();
  positions->remove_listener(listener);

  const auto h = meter.histogram();
  const double appended_rate = static_cast<double>(appended) / seconds_between(start, stopped);
  std::printf("appended %" PRIu64 " events in %.1f s: %.0f events/s (%.0f asked)\n", appended,
              seconds_between(start, stopped), appended_rate, rate);
  std::printf("lag from append to applied by every projection, %" PRIu64
              " events: p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms, mean %.1f ms\n",
              h.count(), ms(h.percentile(50)), ms(h.percentile(99)), ms(h.percentile(99.9)),
              ms(h.max()), h.mean() / 1e6);
  std::printf("waiting events: at most %zu (sampled every 100 ms), %zu when appends stopped, "
              "all applied %.2f s later\n",
              most_waiting, waiting_at_end, seconds_between(stopped, caught_up));
  const bool kept_up = drained && appended_rate >= 0.95 * rate &&
                       seconds_between(stopped, caught_up) < 1.0;
  std::printf("kept up: %s\n", kept_up ? "yes" : "no");
  for (const auto& s : runtime.stats()) {
    std::printf("  %-14s %-8s applied %" PRIu64 ", %" PRIu64 " transactions, %" PRIu64
                " retries%s%s\n",
                s.name.c_str(), std::string(projections::to_string(s.status)).c_str(), s.applied,
                s.transactions, s.retries, s.last_error.empty() ? "" : ": ",
                s.last_error.c_str());
  }
  runtime.stop();
  return kept_up ? 0 : 1;
}
