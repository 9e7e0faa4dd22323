#include "tests/projections/pg_test_cluster.hpp"

#include <gtest/gtest.h>

#include <poll.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <pqxx/connection>
#include <pqxx/nontransaction>

#include "tests/projections/pg_test_guardian.hpp"

namespace streamhub::projections::testing {
namespace {

namespace fs = std::filesystem;

long count(const std::string& conninfo, const std::string& sql) {
  pqxx::connection connection(conninfo);
  pqxx::nontransaction tx(connection);
  return tx.exec1(sql)[0].as<long>();
}

TEST(PgTestClusterTest, EachDatabaseIsFreshAndMigrated) {
  auto cluster = pg_test_cluster::shared();
  ASSERT_TRUE(cluster) << cluster.err().message;
  auto one = (*cluster)->create_database();
  auto two = (*cluster)->create_database();
  ASSERT_TRUE(one && two);
  EXPECT_NE(*one, *two);
  {
    pqxx::connection connection(*one);
    pqxx::nontransaction tx(connection);
    tx.exec0("INSERT INTO projection_checkpoints (projection, position) VALUES ('p', 1)");
  }
  EXPECT_EQ(count(*one, "SELECT count(*) FROM projection_checkpoints"), 1);
  EXPECT_EQ(count(*two, "SELECT count(*) FROM projection_checkpoints"), 0);
  EXPECT_GT(count(*two, "SELECT count(*) FROM schema_migrations"), 0);
}

TEST(PgTestClusterTest, AnEmptyDatabaseHasNoSchema) {
  auto cluster = pg_test_cluster::shared();
  ASSERT_TRUE(cluster) << cluster.err().message;
  auto empty = (*cluster)->create_database(database_content::empty);
  ASSERT_TRUE(empty) << empty.err().message;
  EXPECT_EQ(count(*empty, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), 0);
}

TEST(PgTestClusterTest, TempDirsArePrivateAndUnderTheRoot) {
  const auto dir = make_temp_dir();
  EXPECT_EQ(dir.parent_path(), temp_root());
  EXPECT_EQ(fs::status(dir).permissions() & fs::perms::all, fs::perms::owner_all);
  EXPECT_NE(make_temp_dir(), dir);
}

// What happens when a test process dies: its guardian sees the pipe close and
// stops the clusters it left running and removes their directory.
TEST(PgTestGuardianTest, StopsLeftoverClustersAndRemovesTheTree) {
  const auto root = make_temp_dir("guarded");
  auto guardian = pg_test_guardian::start(root);
  ASSERT_TRUE(guardian) << guardian.err().message;
  auto cluster = std::make_unique<embedded_cluster>(pg_test_cluster::throwaway_options(root / "pg"));
  auto started = cluster->start();
  ASSERT_TRUE(started) << started.err().message;
  const int pid = *cluster->postmaster_pid();
  // Forget the cluster without stopping it, as a crashed process would.
  (void)cluster.release();
  const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  ASSERT_GE(pidfd, 0);

  guardian->finish();  // closes the pipe, as the death of this process would

  pollfd p{pidfd, POLLIN, 0};
  EXPECT_EQ(::poll(&p, 1, 0), 1) << "the postmaster is still running";
  ::close(pidfd);
  EXPECT_FALSE(fs::exists(root));
}

}  // namespace
}  // namespace streamhub::projections::testing
