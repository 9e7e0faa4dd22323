// What an integration test pays before its first query: starting a fresh
// cluster (initdb + start), starting an existing one, the harness's whole
// set-up (fresh cluster + migrated template, or a copy from the cache), and
// a database per test. Wall times grow with the machine's load; cpu_ms
// (this process and initdb, not the server) much less.
//
//   build/tests/projections/pg_cluster_bench
#include <benchmark/benchmark.h>

#include <stdlib.h>
#include <sys/resource.h>

#include <chrono>
#include <filesystem>

#include "projections/pg/embedded_cluster.hpp"
#include "tests/projections/pg_test_cluster.hpp"

namespace {

namespace fs = std::filesystem;
using streamhub::projections::embedded_cluster;
using streamhub::projections::testing::pg_test_cluster;

// A temporary directory where the harness puts its clusters, removed with
// everything in it.
class bench_dir {
 public:
  explicit bench_dir(const fs::path& base = streamhub::projections::testing::temp_base()) {
    std::string pattern = (base / "streamhub-bench-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) std::abort();
    path_ = pattern;
  }
  ~bench_dir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

template <class F>
double seconds_of(F&& f) {
  const auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// CPU seconds of this process and its waited-for children (initdb and the
// processes it runs): unlike wall time, it does not grow when the machine is
// busy. The server itself is pg_ctl's daemon, not counted.
double cpu_seconds() {
  double total = 0;
  for (int who : {RUSAGE_SELF, RUSAGE_CHILDREN}) {
    rusage usage{};
    ::getrusage(who, &usage);
    for (const timeval& t : {usage.ru_utime, usage.ru_stime}) {
      total += static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    }
  }
  return total;
}

// Reports the CPU milliseconds per iteration of the timed parts as "cpu_ms".
class cpu_meter {
 public:
  explicit cpu_meter(benchmark::State& state) : state_(state) {}
  ~cpu_meter() {
    state_.counters["cpu_ms"] = benchmark::Counter(spent_ * 1000, benchmark::Counter::kAvgIterations);
  }
  template <class F>
  double time(F&& f) {
    const double cpu = cpu_seconds();
    const double wall = seconds_of(std::forward<F>(f));
    spent_ += cpu_seconds() - cpu;
    return wall;
  }

 private:
  benchmark::State& state_;
  double spent_ = 0;
};

void fail_on(benchmark::State& state, const streamhub::result<void>& outcome) {
  if (!outcome) state.SkipWithError(outcome.err().message.c_str());
}

// Argument 0: a test cluster where the harness puts them; 1: what a server's
// first start does: a durable cluster (fsync on) on disk, in /tmp.
void BM_FreshClusterStart(benchmark::State& state) {
  const bool durable = state.range(0) == 1;
  cpu_meter cpu(state);
  for (auto _ : state) {
    bench_dir dir(durable ? fs::path("/tmp") : streamhub::projections::testing::temp_base());
    auto options = pg_test_cluster::throwaway_options(dir.path() / "pg");
    options.durable = durable;
    embedded_cluster cluster(options);
    streamhub::result<void> started;
    state.SetIterationTime(cpu.time([&] { started = cluster.start(); }));
    fail_on(state, started);
    fail_on(state, cluster.stop());
  }
}

void BM_WarmClusterStart(benchmark::State& state) {
  bench_dir dir;
  embedded_cluster cluster(pg_test_cluster::throwaway_options(dir.path() / "pg"));
  fail_on(state, cluster.start());
  fail_on(state, cluster.stop());
  cpu_meter cpu(state);
  for (auto _ : state) {
    streamhub::result<void> started;
    state.SetIterationTime(cpu.time([&] { started = cluster.start(); }));
    fail_on(state, started);
    fail_on(state, cluster.stop());
  }
}

// Argument 0: without the build tree's cache (initdb + migrations); 1: with
// it (a copy; the first iteration may fill the cache).
void BM_HarnessSetUp(benchmark::State& state) {
  const auto cache = state.range(0) == 1 ? pg_test_cluster::cache_use::use
                                         : pg_test_cluster::cache_use::bypass;
  cpu_meter cpu(state);
  for (auto _ : state) {
    bench_dir dir;
    streamhub::result<std::unique_ptr<pg_test_cluster>> made = streamhub::error{};
    state.SetIterationTime(cpu.time([&] { made = pg_test_cluster::start(dir.path() / "pg", cache); }));
    if (!made) {
      state.SkipWithError(made.err().message.c_str());
      break;
    }
    fail_on(state, (*made)->cluster().stop());
  }
}

void BM_CreateDatabase(benchmark::State& state) {
  bench_dir dir;
  auto made = pg_test_cluster::start(dir.path() / "pg", pg_test_cluster::cache_use::bypass);
  if (!made) {
    state.SkipWithError(made.err().message.c_str());
    return;
  }
  for (auto _ : state) {
    auto database = (*made)->create_database();
    if (!database) state.SkipWithError(database.err().message.c_str());
  }
  fail_on(state, (*made)->cluster().stop());
}

BENCHMARK(BM_FreshClusterStart)->Arg(0)->Arg(1)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(BM_WarmClusterStart)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(10);
BENCHMARK(BM_HarnessSetUp)->Arg(0)->Arg(1)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(BM_CreateDatabase)->Unit(benchmark::kMillisecond)->Iterations(20);

}  // namespace

BENCHMARK_MAIN();
