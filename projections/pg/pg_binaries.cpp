#include "projections/pg/pg_binaries.hpp"

#include <unistd.h>

#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "projections/pg/child_process.hpp"

namespace streamhub::projections {
namespace {

namespace fs = std::filesystem;

// Options for the quick queries this file makes (--version, --bindir).
child_options quick() {
  child_options options;
  options.timeout = std::chrono::seconds{10};
  return options;
}

bool executable(const fs::path& p) { return ::access(p.c_str(), X_OK) == 0; }

bool complete(const fs::path& dir) {
  return !dir.empty() && executable(dir / "initdb") && executable(dir / "pg_ctl") &&
         executable(dir / "postgres");
}

std::optional<fs::path> on_path(std::string_view program) {
  const char* path = std::getenv("PATH");
  std::string_view rest = path ? path : "/usr/local/bin:/usr/bin:/bin";
  while (!rest.empty()) {
    const auto colon = rest.find(':');
    const fs::path candidate = fs::path(rest.substr(0, colon)) / program;
    if (executable(candidate)) return candidate;
    rest = colon == std::string_view::npos ? std::string_view{} : rest.substr(colon + 1);
  }
  return std::nullopt;
}

fs::path pg_config_bindir() {
  const auto pg_config = on_path("pg_config");
  if (!pg_config) return {};
  auto ran = run_child({pg_config->string(), "--bindir"}, quick());
  if (!ran || ran->exit_code != 0) return {};
  return fs::path(output_tail(*ran));
}

fs::path newest_debian_bindir() {
  fs::path best;
  int best_version = -1;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    const std::string name = entry.path().filename().string();
    char* end = nullptr;
    const long version = std::strtol(name.c_str(), &end, 10);
    if (end == name.c_str() || *end != '\0' || version <= best_version) continue;
    if (complete(entry.path() / "bin")) {
      best = entry.path() / "bin";
      best_version = static_cast<int>(version);
    }
  }
  return best;
}

result<pg_binaries> describe(const fs::path& dir) {
  auto major = postgres_major_version(dir / "postgres");
  if (!major) return std::move(major).err();
  return pg_binaries{dir, *major};
}

}  // namespace

result<int> postgres_major_version(const fs::path& postgres) {
  auto ran = run_child({postgres.string(), "--version"}, quick());
  if (!ran) return std::move(ran).err();
  // "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"
  const std::string text = output_tail(*ran);
  const auto at = text.find(") ");
  if (ran->exit_code == 0 && at != std::string::npos) {
    const int major = std::atoi(text.c_str() + at + 2);
    if (major > 0) return major;
  }
  return error{error_code::unavailable,
               postgres.string() + " --version did not report a version: " + text};
}

result<pg_binaries> find_pg_binaries(const fs::path& bin_dir, std::optional<int> major) {
  const error missing{error_code::unavailable,
                      "PostgreSQL server binaries not found; install the postgresql package"};
  if (!bin_dir.empty()) {
    if (!complete(bin_dir)) {
      return error{error_code::unavailable, missing.message + " (looked in " + bin_dir.string() + ")"};
    }
    return describe(bin_dir);
  }
  if (major) {
    const fs::path dir = "/usr/lib/postgresql/" + std::to_string(*major) + "/bin";
    if (complete(dir)) return describe(dir);
  }
  std::vector<fs::path> candidates{pg_config_bindir(), newest_debian_bindir()};
  if (const auto pg_ctl = on_path("pg_ctl")) {
    std::error_code ec;
    candidates.push_back(fs::canonical(*pg_ctl, ec).parent_path());
  }
  for (const auto& dir : candidates) {
    if (!complete(dir)) continue;
    auto found = describe(dir);
    if (!found || !major || found->major_version == *major) return found;
  }
  if (major) {
    return error{error_code::unsupported_format,
                 "the cluster was created by PostgreSQL " + std::to_string(*major) +
                     ", whose server binaries are not installed; install postgresql-" +
                     std::to_string(*major) + " or upgrade the cluster with pg_upgrade"};
  }
  return missing;
}

}  // namespace streamhub::projections
