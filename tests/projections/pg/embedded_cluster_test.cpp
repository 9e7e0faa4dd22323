#include "projections/pg/embedded_cluster.hpp"

#include <gtest/gtest.h>

#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <pqxx/connection>
#include <pqxx/nontransaction>
#include <pqxx/transaction>

#include <fstream>

#include "tests/projections/pg_test_cluster.hpp"

namespace streamhub::projections {
namespace {

namespace fs = std::filesystem;
using testing::make_temp_dir;
using testing::pg_test_cluster;

std::string query_one(const std::string& conninfo, const std::string& sql) {
  pqxx::connection connection(conninfo);
  pqxx::nontransaction tx(connection);
  return tx.exec1(sql)[0].c_str();
}

// Blocks until process `pid` (not our child) has exited.
bool wait_for_exit(int pid) {
  const int fd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  if (fd < 0) return errno == ESRCH;
  pollfd p{fd, POLLIN, 0};
  const bool exited = ::poll(&p, 1, 30'000) == 1;
  ::close(fd);
  return exited;
}

struct stat stat_of(const fs::path& path) {
  struct stat st {};
  ::stat(path.c_str(), &st);
  return st;
}

class EmbeddedClusterTest : public ::testing::Test {
 protected:
  embedded_cluster_options options(const std::string& name = "c") {
    return pg_test_cluster::throwaway_options(make_temp_dir(name) / "pg");
  }
};

TEST_F(EmbeddedClusterTest, StartsStopsAndRestartsKeepingItsData) {
  const auto opts = options();
  {
    embedded_cluster cluster(opts);
    auto started = cluster.start();
    ASSERT_TRUE(started) << started.err().message;
    EXPECT_TRUE(cluster.started());
    {
      pqxx::connection connection(cluster.conninfo());
      pqxx::nontransaction tx(connection);
      tx.exec0("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('before restart')");
    }
    auto restarted = cluster.restart();
    ASSERT_TRUE(restarted) << restarted.err().message;
    EXPECT_EQ(query_one(cluster.conninfo(), "SELECT v FROM kept"), "before restart");
    auto stopped = cluster.stop();
    ASSERT_TRUE(stopped) << stopped.err().message;
    EXPECT_FALSE(cluster.started());
    EXPECT_FALSE(cluster.postmaster_pid());
  }
  embedded_cluster again(opts);  // a new process would do the same: no initdb
  auto started = again.start();
  ASSERT_TRUE(started) << started.err().message;
  EXPECT_EQ(query_one(again.conninfo(), "SELECT v FROM kept"), "before restart");
  EXPECT_EQ(query_one(again.conninfo(), "SHOW listen_addresses"), "");
  EXPECT_EQ(query_one(again.conninfo(), "SHOW server_encoding"), "UTF8");
  EXPECT_EQ(query_one(again.conninfo(), "SHOW lc_collate"), "C");
}

TEST_F(EmbeddedClusterTest, DestroyingTheObjectStopsTheServer) {
  const auto opts = options();
  int pid = 0;
  {
    embedded_cluster cluster(opts);
    ASSERT_TRUE(cluster.start());
    pid = cluster.postmaster_pid().value_or(0);
    ASSERT_GT(pid, 0);
  }
  EXPECT_TRUE(wait_for_exit(pid));
  EXPECT_FALSE(fs::exists(opts.data_dir / "postmaster.pid"));
}

TEST_F(EmbeddedClusterTest, RunsAsTheSystemUserWhenRootAndAsItselfOtherwise) {
  embedded_cluster cluster(options());
  auto started = cluster.start();
  ASSERT_TRUE(started) << started.err().message;
  const auto data = stat_of(cluster.options().data_dir);
  const auto postmaster = stat_of("/proc/" + std::to_string(*cluster.postmaster_pid()));
  ASSERT_TRUE(cluster.owner());
  if (::geteuid() == 0) {
    EXPECT_EQ(cluster.owner()->name, "streamhub");
    EXPECT_NE(cluster.owner()->uid, 0u);
  } else {
    EXPECT_EQ(cluster.owner()->uid, ::geteuid());
  }
  EXPECT_EQ(data.st_uid, cluster.owner()->uid);
  EXPECT_EQ(postmaster.st_uid, cluster.owner()->uid);
  EXPECT_EQ(data.st_mode & 0777, 0700u);
  // Its parent lets the user pass, and nobody else gains anything.
  const auto parent = stat_of(cluster.options().data_dir.parent_path());
  EXPECT_EQ(parent.st_mode & 0007, 0u);
  EXPECT_EQ(parent.st_mode & (S_IRGRP | S_IWGRP), 0u);
}

TEST_F(EmbeddedClusterTest, ALongPathPutsTheSocketInAPrivateTmpDirectory) {
  const auto opts = options(std::string(110, 'd'));
  fs::path socket_dir;
  {
    embedded_cluster cluster(opts);
    auto started = cluster.start();
    ASSERT_TRUE(started) << started.err().message;
    socket_dir = cluster.socket_dir();
    EXPECT_EQ(socket_dir.parent_path(), "/tmp");
    EXPECT_EQ(stat_of(socket_dir).st_mode & 0777, 0700u);
    EXPECT_EQ(query_one(cluster.conninfo(), "SELECT 1"), "1");
    // The socket directory stays the same across a restart.
    ASSERT_TRUE(cluster.restart());
    EXPECT_EQ(cluster.socket_dir(), socket_dir);
    EXPECT_EQ(query_one(cluster.conninfo(), "SELECT 2"), "2");
  }
  EXPECT_FALSE(fs::exists(socket_dir));
}

TEST_F(EmbeddedClusterTest, StartsAfterThePostmasterWasKilled) {
  embedded_cluster cluster(options());
  ASSERT_TRUE(cluster.start());
  const int pid = *cluster.postmaster_pid();
  ASSERT_EQ(::kill(pid, SIGKILL), 0);
  ASSERT_TRUE(wait_for_exit(pid));
  ASSERT_TRUE(cluster.postmaster_pid());  // left behind by the crash

  embedded_cluster after_crash(cluster.options());
  auto started = after_crash.start();
  ASSERT_TRUE(started) << started.err().message;
  EXPECT_EQ(query_one(after_crash.conninfo(), "SELECT 1"), "1");
}

TEST_F(EmbeddedClusterTest, IgnoresAPidFileNamingAnotherProgram) {
  embedded_cluster cluster(options());
  ASSERT_TRUE(cluster.start());
  ASSERT_TRUE(cluster.stop());
  // A reused pid: this test process is alive and is not PostgreSQL.
  std::ofstream(cluster.options().data_dir / "postmaster.pid") << ::getpid() << "\n";
  auto started = cluster.start();
  ASSERT_TRUE(started) << started.err().message;
  EXPECT_NE(cluster.postmaster_pid(), ::getpid());
}

TEST_F(EmbeddedClusterTest, RestartsAServerLeftRunningByAnEarlierProcess) {
  const auto opts = options();
  embedded_cluster first(opts);
  ASSERT_TRUE(first.start());
  const int old_pid = *first.postmaster_pid();

  embedded_cluster second(opts);  // as if the first owner had crashed
  auto started = second.start();
  ASSERT_TRUE(started) << started.err().message;
  EXPECT_NE(*second.postmaster_pid(), old_pid);
  EXPECT_EQ(query_one(second.conninfo(), "SELECT 1"), "1");
}

TEST_F(EmbeddedClusterTest, StopWhenNothingRunsIsANoOp) {
  embedded_cluster cluster(options());
  EXPECT_TRUE(cluster.stop());
  EXPECT_TRUE(cluster.stop(stop_mode::immediate));
}

TEST_F(EmbeddedClusterTest, ImmediateStopIsRecoveredFrom) {
  embedded_cluster cluster(options());
  ASSERT_TRUE(cluster.start());
  {
    // synchronous_commit is off by default: an immediate stop may lose the
    // last commits (see cluster_files.cpp). This one waits for its WAL.
    pqxx::connection connection(cluster.conninfo());
    pqxx::work tx(connection);
    tx.exec0("SET LOCAL synchronous_commit = on");
    tx.exec0("CREATE TABLE t AS SELECT 7 AS v");
    tx.commit();
  }
  ASSERT_TRUE(cluster.stop(stop_mode::immediate));
  ASSERT_TRUE(cluster.start());
  EXPECT_EQ(query_one(cluster.conninfo(), "SELECT v FROM t"), "7");
}

TEST_F(EmbeddedClusterTest, MissingBinariesSayWhatToInstall) {
  auto opts = options();
  opts.bin_dir = make_temp_dir("empty-bin");
  embedded_cluster cluster(opts);
  auto started = cluster.start();
  ASSERT_FALSE(started);
  EXPECT_EQ(started.err().code, error_code::unavailable);
  EXPECT_NE(started.err().message.find(
                "PostgreSQL server binaries not found; install the postgresql package"),
            std::string::npos)
      << started.err().message;
}

TEST_F(EmbeddedClusterTest, RefusesADirectoryThatIsNotACluster) {
  auto opts = options();
  fs::create_directories(opts.data_dir);
  std::ofstream(opts.data_dir / "precious.txt") << "not a database";
  embedded_cluster cluster(opts);
  auto started = cluster.start();
  ASSERT_FALSE(started);
  EXPECT_EQ(started.err().code, error_code::invalid);
  EXPECT_TRUE(fs::exists(opts.data_dir / "precious.txt"));
}

TEST_F(EmbeddedClusterTest, AFailingStartQuotesTheServerLog) {
  embedded_cluster cluster(options());
  ASSERT_TRUE(cluster.start());
  ASSERT_TRUE(cluster.stop());
  std::ofstream(cluster.options().data_dir / "postgresql.auto.conf", std::ios::app)
      << "shared_buffers = 'plenty'\n";
  auto started = cluster.start();
  ASSERT_FALSE(started);
  EXPECT_EQ(started.err().code, error_code::unavailable);
  EXPECT_NE(started.err().message.find("shared_buffers"), std::string::npos)
      << started.err().message;
}

}  // namespace
}  // namespace streamhub::projections
