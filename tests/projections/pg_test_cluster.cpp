#include "tests/projections/pg_test_cluster.hpp"

#include <stdlib.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <pqxx/connection>
#include <pqxx/nontransaction>

#include <optional>
#include <stdexcept>

#include "projections/pg/migrations.hpp"
#include "projections/pg/pg_binaries.hpp"
#include "projections/pg/pg_error.hpp"
#include "projections/pg/system_user.hpp"
#include "tests/projections/pg_cluster_cache.hpp"
#include "tests/projections/pg_test_guardian.hpp"

namespace streamhub::projections::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* template_database = "streamhub_template";

struct process_state {
  fs::path root;
  std::optional<pg_test_guardian> guardian;
  std::unique_ptr<pg_test_cluster> shared;
  std::optional<error> shared_failure;
  int temp_dirs_made = 0;
};

process_state& state() {
  static process_state s;
  return s;
}

class pg_test_environment final : public ::testing::Environment {
 public:
  void SetUp() override {
    std::string pattern = (temp_base() / "streamhub-test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr) << "cannot create a temporary directory";
    state().root = pattern;
    auto guardian = pg_test_guardian::start(state().root);
    ASSERT_TRUE(guardian) << guardian.err().message;
    state().guardian.emplace(std::move(*guardian));
    // As the server does: when root, the clusters in here run as the system
    // user, who must be able to pass through this directory.
    auto owner = postgres_owner(embedded_cluster_options{}.system_user);
    ASSERT_TRUE(owner) << owner.err().message;
    auto reachable = ensure_reachable(state().root / "cluster", *owner);
    ASSERT_TRUE(reachable) << reachable.err().message;
  }

  void TearDown() override {
    if (state().shared) {
      auto stopped = state().shared->cluster().stop();
      EXPECT_TRUE(stopped) << stopped.err().message;
      state().shared.reset();
    }
    if (state().guardian) state().guardian->finish();
  }
};

[[maybe_unused]] const auto* const registered =
    ::testing::AddGlobalTestEnvironment(new pg_test_environment);

// The cache of ready-made clusters in the build tree, when the build names
// one and this process can tell whose clusters it makes.
std::optional<pg_cluster_cache> build_tree_cache() {
#ifdef STREAMHUB_PG_TEST_CACHE
  auto binaries = find_pg_binaries();
  auto owner = postgres_owner(embedded_cluster_options{}.system_user);
  if (!binaries || !owner) return std::nullopt;
  return pg_cluster_cache(STREAMHUB_PG_TEST_CACHE, binaries->major_version, *owner);
#else
  return std::nullopt;
#endif
}

result<void> run_sql(const std::string& conninfo, const std::string& sql) {
  return pg_guard("test cluster", [&] {
    pqxx::connection connection(conninfo);
    pqxx::nontransaction tx(connection);
    tx.exec0(sql);
  });
}

}  // namespace

embedded_cluster_options pg_test_cluster::throwaway_options(const fs::path& data_dir) {
  embedded_cluster_options options;
  options.data_dir = data_dir;
  options.database = template_database;
  options.durable = false;
  options.shared_buffers = "32MB";
  return options;
}

result<std::unique_ptr<pg_test_cluster>> pg_test_cluster::start(const fs::path& data_dir,
                                                                cache_use cache_use) {
  const auto cache = cache_use == cache_use::use ? build_tree_cache() : std::nullopt;
  const bool restored = cache && cache->restore(data_dir);
  auto cluster = std::make_unique<embedded_cluster>(throwaway_options(data_dir));
  if (auto started = cluster->start(); !started) return std::move(started).err();
  auto migrated = apply_migrations(cluster->conninfo(template_database));
  if (!migrated) return std::move(migrated).err();
  if (cache && !restored) {
    if (auto stopped = cluster->stop(); !stopped) return std::move(stopped).err();
    cache->store(data_dir);
    if (auto started = cluster->start(); !started) return std::move(started).err();
  }
  return std::make_unique<pg_test_cluster>(std::move(cluster));
}

result<pg_test_cluster*> pg_test_cluster::shared() {
  auto& s = state();
  if (!s.shared && !s.shared_failure) {
    auto started = start(make_temp_dir("shared") / "pg");
    if (started) {
      s.shared = std::move(*started);
    } else {
      s.shared_failure = started.err();
    }
  }
  if (s.shared_failure) return *s.shared_failure;
  return s.shared.get();
}

result<std::string> pg_test_cluster::create_database(database_content content) {
  const std::string name = "test_" + std::to_string(++databases_made_);
  const std::string source = content == database_content::migrated ? template_database : "template0";
  auto made = run_sql(cluster_->conninfo("postgres"),
                      "CREATE DATABASE " + name + " TEMPLATE " + source);
  if (!made) return std::move(made).err();
  return cluster_->conninfo(name);
}

fs::path temp_base() {
  if (const char* tmpdir = std::getenv("TMPDIR"); tmpdir != nullptr && *tmpdir != '\0') return tmpdir;
  // Writing a cluster's files costs several times more CPU on a disk file
  // system than in memory (initdb: ~1.7 s against ~0.8 s on a busy VM).
  struct statvfs shm {};
  constexpr unsigned long long enough = 2ULL << 30;
  if (::statvfs("/dev/shm", &shm) == 0 &&
      static_cast<unsigned long long>(shm.f_bavail) * shm.f_frsize >= enough &&
      ::access("/dev/shm", W_OK) == 0) {
    return "/dev/shm";
  }
  return "/tmp";
}

const fs::path& temp_root() { return state().root; }

fs::path make_temp_dir(const std::string& prefix) {
  if (state().root.empty()) throw std::logic_error("the PostgreSQL test environment is not set up");
  const fs::path dir = state().root / (prefix + "-" + std::to_string(++state().temp_dirs_made));
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all);
  return dir;
}

void pg_database_test::SetUp() {
  auto cluster = pg_test_cluster::shared();
  ASSERT_TRUE(cluster) << cluster.err().message;
  auto database = (*cluster)->create_database();
  ASSERT_TRUE(database) << database.err().message;
  conninfo_ = *database;
}

}  // namespace streamhub::projections::testing
