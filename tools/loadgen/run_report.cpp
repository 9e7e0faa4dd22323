#include "tools/loadgen/run_report.hpp"

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>

#include <nlohmann/json.hpp>

#include "tools/loadgen/latency_histogram.hpp"

namespace streamhub::loadgen {

struct run_report::impl {
  std::string scenario;
  std::string target;
  nlohmann::ordered_json settings = nlohmann::ordered_json::object();
  nlohmann::ordered_json figures = nlohmann::ordered_json::object();
  std::vector<std::string> lines;
  std::string started;
};

run_report::run_report(std::string scenario, std::string target) : impl_(std::make_unique<impl>()) {
  impl_->scenario = std::move(scenario);
  impl_->target = std::move(target);
  const std::time_t now = std::time(nullptr);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  impl_->started = text;
}

run_report::~run_report() = default;

void run_report::setting(const std::string& name, double value) { impl_->settings[name] = value; }
void run_report::setting(const std::string& name, const std::string& value) { impl_->settings[name] = value; }

void run_report::figure(const std::string& name, double value, const std::string& unit) {
  impl_->figures[name] = {{"value", value}, {"unit", unit}};
  char line[256];
  std::snprintf(line, sizeof line, "loadgen %s %s %s = %.6g %s", impl_->scenario.c_str(), impl_->target.c_str(),
                name.c_str(), value, unit.c_str());
  impl_->lines.emplace_back(line);
}

void run_report::latencies(const std::string& prefix, const latency_histogram& h) {
  figure(prefix + "_count", static_cast<double>(h.count()), "samples");
  figure(prefix + "_p50", static_cast<double>(h.percentile(50)) / 1e6, "ms");
  figure(prefix + "_p99", static_cast<double>(h.percentile(99)) / 1e6, "ms");
  figure(prefix + "_p99.9", static_cast<double>(h.percentile(99.9)) / 1e6, "ms");
  figure(prefix + "_max", static_cast<double>(h.max()) / 1e6, "ms");
  figure(prefix + "_mean", h.mean() / 1e6, "ms");
}

result<void> run_report::finish(const std::string& path) {
  const double load = load_average();
  for (const auto& line : impl_->lines) std::printf("%s (load %.2f)\n", line.c_str(), load);
  std::fflush(stdout);
  if (path.empty()) return {};
  nlohmann::ordered_json doc = {{"scenario", impl_->scenario}, {"target", impl_->target},
                                {"started", impl_->started},   {"load_average", load},
                                {"settings", impl_->settings}, {"figures", impl_->figures}};
  std::ofstream out(path);
  out << doc.dump(2) << '\n';
  if (!out) return error{error_code::io_error, "cannot write " + path};
  return {};
}

double load_average() {
  double one = -1;
  if (std::FILE* f = std::fopen("/proc/loadavg", "r")) {
    if (std::fscanf(f, "%lf", &one) != 1) one = -1;
    std::fclose(f);
  }
  return one;
}

long rss_kib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

std::size_t raise_file_limit() {
  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = limit.rlim_max;
  setrlimit(RLIMIT_NOFILE, &limit);
  getrlimit(RLIMIT_NOFILE, &limit);
  return static_cast<std::size_t>(limit.rlim_cur);
}

}  // namespace streamhub::loadgen
