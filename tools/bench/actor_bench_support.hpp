#pragma once
// Small helpers shared by the entity actor benchmarks (bench_actors_*.cpp):
// latency percentiles, the process's memory, failing loudly, and waiting for
// a runtime callback from the benchmark's own thread.

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sys/resource.h>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "protocol/error.hpp"

namespace streamhub::bench {

using clock_type = std::chrono::steady_clock;

inline double seconds_since(clock_type::time_point start) {
  return std::chrono::duration<double>(clock_type::now() - start).count();
}

/// The `p` quantile (0..1) of `ns`, in microseconds; sorts `ns`.
inline double percentile_us(std::vector<std::int64_t>& ns, double p) {
  if (ns.empty()) return 0;
  std::sort(ns.begin(), ns.end());
  const auto i = std::min(ns.size() - 1, static_cast<std::size_t>(p * static_cast<double>(ns.size())));
  return static_cast<double>(ns[i]) / 1000.0;
}

/// CPU seconds (user + system) the process has used so far: on a shared
/// machine, a figure the neighbours do not inflate as they do wall time.
inline double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto secs = [](const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
  return secs(usage.ru_utime) + secs(usage.ru_stime);
}

/// A line of /proc/self/status in MiB ("VmRSS", "VmHWM"); 0 if unreadable.
inline double proc_status_mib(const std::string& field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::strtod(line.c_str() + field.size() + 1, nullptr) / 1024.0;
  }
  return 0;
}

[[noreturn]] inline void die(const char* what, const error& e) {
  std::fprintf(stderr, "%s: %s: %s\n", what, std::string(to_string(e.code)).c_str(), e.message.c_str());
  std::exit(1);
}

/// Runs `issue(callback)` and blocks the calling (non-actor) thread until the
/// callback delivered its result; dies on an error.
template <class T, class Issue>
T await(const char* what, Issue issue) {
  std::promise<result<T>> promise;
  auto future = promise.get_future();
  issue([&promise](result<T> r) { promise.set_value(std::move(r)); });
  auto r = future.get();
  if (!r) die(what, r.err());
  return std::move(*r);
}

inline std::size_t default_threads() { return std::max(2u, std::thread::hardware_concurrency()); }

}  // namespace streamhub::bench
