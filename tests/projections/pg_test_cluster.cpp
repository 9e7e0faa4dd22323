#include "tests/projections/pg_test_cluster.hpp"

#include <stdlib.h>

#include <pqxx/connection>
#include <pqxx/nontransaction>

#include <optional>

#include "projections/pg/migrations.hpp"
#include "projections/pg/pg_error.hpp"
#include "projections/pg/system_user.hpp"
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
    std::string pattern = (fs::temp_directory_path() / "streamhub-test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr) << "cannot create a temporary directory";
    state().root = pattern;
    auto guardian = pg_test_guardian::start(state().root);
    ASSERT_TRUE(guardian) << guardian.err().message;
    state().guardian.emplace(std::move(*guardian));
    if (running_as_root()) {
      // As the server does: the clusters in here run as the system user, who
      // must be able to pass through this directory.
      auto user = ensure_system_user(embedded_cluster_options{}.system_user);
      ASSERT_TRUE(user) << user.err().message;
      auto reachable = ensure_reachable(state().root / "cluster", *user);
      ASSERT_TRUE(reachable) << reachable.err().message;
    }
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

result<pg_test_cluster*> pg_test_cluster::shared() {
  auto& s = state();
  if (s.shared) return s.shared.get();
  if (s.shared_failure) return *s.shared_failure;
  auto cluster = std::make_unique<embedded_cluster>(throwaway_options(make_temp_dir("shared") / "pg"));
  auto started = cluster->start();
  if (!started) {
    s.shared_failure = started.err();
    return started.err();
  }
  auto migrated = apply_migrations(cluster->conninfo(template_database));
  if (!migrated) {
    s.shared_failure = migrated.err();
    return migrated.err();
  }
  s.shared = std::make_unique<pg_test_cluster>(std::move(cluster));
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

const fs::path& temp_root() { return state().root; }

fs::path make_temp_dir(const std::string& prefix) {
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
