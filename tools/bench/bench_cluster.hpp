#pragma once
// The throwaway PostgreSQL of the projection benchmarks: started in a fresh
// directory with the migrations applied, and stopped by die() when a run
// fails. std::exit skips destructors, and a postmaster left running would
// shut down the next run's cluster when it finds its data directory replaced.
//
// Thread-safety: main thread only.

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "projections/pg/embedded_cluster.hpp"
#include "projections/pg/migrations.hpp"

namespace streamhub::bench {

/// The benchmark's name in die()'s message; set first thing in main().
inline const char* bench_name = "bench";

/// The cluster die() stops; set by start_bench_cluster.
inline projections::embedded_cluster* running_cluster = nullptr;

/// Prints `what` on stderr, stops the running cluster and exits 1.
[[noreturn]] inline void die(const std::string& what) {
  std::fprintf(stderr, "%s: %s\n", bench_name, what.c_str());
  if (running_cluster != nullptr) (void)running_cluster->stop();
  std::exit(1);
}

/// Starts a cluster in `data_dir` (emptied first; 512 MB shared buffers;
/// fsync only when `durable`), applies the migrations, and registers it
/// for die(). `cluster` must outlive the run.
inline void start_bench_cluster(projections::embedded_cluster& cluster) {
  if (auto started = cluster.start(); !started) die(started.err().message);
  running_cluster = &cluster;
  if (auto migrated = projections::apply_migrations(cluster.conninfo()); !migrated) die(migrated.err().message);
}

/// The options start_bench_cluster's cluster is made with.
inline projections::embedded_cluster_options bench_cluster_options(const std::filesystem::path& data_dir,
                                                                   bool durable) {
  projections::embedded_cluster_options o;
  o.data_dir = data_dir;
  o.durable = durable;
  o.shared_buffers = "512MB";
  std::filesystem::remove_all(data_dir);
  return o;
}

}  // namespace streamhub::bench
