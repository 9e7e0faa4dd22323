#include "tests/projections/pg_cluster_cache.hpp"

#include <unistd.h>

#include <cstdio>

#include "projections/pg/migrations.hpp"
#include "protocol/crc32c.hpp"

namespace streamhub::projections::testing {
namespace {

namespace fs = std::filesystem;

std::string key(int pg_major, std::uint32_t uid) {
  std::uint32_t crc = 0;
  for (const auto& m : embedded_migrations()) {
    const std::uint32_t fields[] = {m.version, migration_checksum(m.sql)};
    crc = crc32c(fields, sizeof fields, crc);
  }
  char text[64];
  std::snprintf(text, sizeof text, "pg%d-uid%u-%08x", pg_major, uid, crc);
  return text;
}

void give_all(const fs::path& root, const system_user& owner) {
  ::lchown(root.c_str(), owner.uid, owner.gid);
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    ::lchown(entry.path().c_str(), owner.uid, owner.gid);
  }
}

}  // namespace

pg_cluster_cache::pg_cluster_cache(fs::path dir, int pg_major, system_user owner)
    : entry_(dir / key(pg_major, owner.uid)), owner_(std::move(owner)) {}

bool pg_cluster_cache::restore(const fs::path& data_dir) const noexcept {
  std::error_code ec;
  if (!fs::exists(entry_ / "PG_VERSION", ec)) return false;
  try {
    fs::copy(entry_, data_dir, fs::copy_options::recursive);
    if (::geteuid() == 0) give_all(data_dir, owner_);
    return true;
  } catch (...) {
    fs::remove_all(data_dir, ec);
    return false;
  }
}

void pg_cluster_cache::store(const fs::path& data_dir) const noexcept {
  std::error_code ec;
  if (fs::exists(entry_, ec)) return;
  const fs::path building = entry_.string() + ".tmp-" + std::to_string(::getpid());
  try {
    fs::create_directories(entry_.parent_path());
    fs::copy(data_dir, building, fs::copy_options::recursive);
    for (const auto& log : fs::directory_iterator(building / "log")) fs::remove(log.path());
    fs::rename(building, entry_, ec);  // fails harmlessly if another process won
  } catch (...) {
  }
  fs::remove_all(building, ec);
}

}  // namespace streamhub::projections::testing
