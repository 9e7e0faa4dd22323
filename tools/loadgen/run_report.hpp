#pragma once
// What a scenario hands back: named figures, written as one JSON results file
// ({"scenario", "target", "started", "load_average", "figures": {...},
// "settings": {...}}) and as one summary line per figure on stdout:
//   loadgen <scenario> <target> <figure> = <value> <unit> (load <1-min avg>)
// Also the system facts a run reports: load average, a process's RSS.
//
// Thread-safety: none; used from the main thread.

#include <memory>
#include <string>
#include <sys/types.h>

#include "protocol/error.hpp"

namespace streamhub::loadgen {

class latency_histogram;

class run_report {
 public:
  run_report(std::string scenario, std::string target);
  ~run_report();

  void setting(const std::string& name, double value);
  void setting(const std::string& name, const std::string& value);
  void figure(const std::string& name, double value, const std::string& unit);
  /// Figures <prefix>_p50/_p99/_p99.9/_max/_mean in ms, and <prefix>_count.
  void latencies(const std::string& prefix, const latency_histogram& h);

  /// Prints the summary lines and writes the file (when `path` is not empty).
  /// Errors: io_error.
  result<void> finish(const std::string& path);

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

/// The 1-minute load average (/proc/loadavg); -1 when unreadable.
double load_average();
/// Resident set size of `pid` in KiB (/proc/<pid>/status); -1 when unreadable.
long rss_kib(pid_t pid);
/// Raises the soft RLIMIT_NOFILE to the hard one; answers the new soft limit.
std::size_t raise_file_limit();

}  // namespace streamhub::loadgen
