#include "projections/pg/connection_pool.hpp"

#include <gtest/gtest.h>

#include <pqxx/connection>
#include <pqxx/nontransaction>
#include <pqxx/transaction>

#include <thread>

#include "projections/pg/embedded_cluster.hpp"
#include "projections/pg/pg_error.hpp"
#include "tests/projections/pg_test_cluster.hpp"

namespace streamhub::projections {
namespace {

using std::chrono::milliseconds;
using testing::pg_test_cluster;

connection_pool_options pool_options(const std::string& conninfo, std::size_t size) {
  connection_pool_options options;
  options.conninfo = conninfo;
  options.size = size;
  options.statements = {{"add_one", "SELECT $1::int + 1"}};
  return options;
}

result<int> add_one(connection_pool::lease& lease, int value) {
  return pg_guard("add_one", [&] {
    pqxx::nontransaction tx(lease.connection());
    return tx.exec_prepared1("add_one", value)[0].as<int>();
  });
}

class ConnectionPoolTest : public testing::pg_database_test {};

TEST_F(ConnectionPoolTest, LeasesRunThePreparedStatements) {
  connection_pool pool(pool_options(conninfo(), 2));
  auto lease = pool.acquire(milliseconds{1000});
  ASSERT_TRUE(lease) << lease.err().message;
  auto answer = add_one(*lease, 41);
  ASSERT_TRUE(answer) << answer.err().message;
  EXPECT_EQ(*answer, 42);
}

TEST_F(ConnectionPoolTest, NewConnectionsGetTheSessionSettings) {
  auto options = pool_options(conninfo(), 1);
  options.settings = {{"statement_timeout", "1234"}};
  connection_pool pool(options);
  auto lease = pool.acquire(milliseconds{1000});
  ASSERT_TRUE(lease) << lease.err().message;
  pqxx::nontransaction tx(lease->connection());
  EXPECT_EQ(tx.exec1("SHOW statement_timeout")[0].as<std::string>(), "1234ms");
}

TEST_F(ConnectionPoolTest, AReturnedConnectionIsReused) {
  connection_pool pool(pool_options(conninfo(), 2));
  int first_backend = 0;
  {
    auto lease = pool.acquire(milliseconds{1000});
    ASSERT_TRUE(lease);
    first_backend = (*lease)->backendpid();
  }
  auto lease = pool.acquire(milliseconds{1000});
  ASSERT_TRUE(lease);
  EXPECT_EQ((*lease)->backendpid(), first_backend);
  EXPECT_EQ(pool.stats().opened, 1u);
}

TEST_F(ConnectionPoolTest, OpensNoMoreThanItsSize) {
  connection_pool pool(pool_options(conninfo(), 2));
  auto a = pool.acquire(milliseconds{1000});
  auto b = pool.acquire(milliseconds{1000});
  ASSERT_TRUE(a && b);
  auto c = pool.acquire(milliseconds{50});
  ASSERT_FALSE(c);
  EXPECT_EQ(c.err().code, error_code::timeout);
  EXPECT_EQ(pool.stats().open, 2u);
}

TEST_F(ConnectionPoolTest, AWaiterGetsTheNextReturnedConnection) {
  connection_pool pool(pool_options(conninfo(), 1));
  auto held = pool.acquire(milliseconds{1000});
  ASSERT_TRUE(held);
  std::optional<result<connection_pool::lease>> waited;
  std::thread waiter([&] { waited.emplace(pool.acquire(std::chrono::minutes{1})); });
  { auto returned = std::move(*held); }  // the lease ends here
  waiter.join();
  ASSERT_TRUE(waited && *waited) << waited->err().message;
  EXPECT_TRUE(add_one(**waited, 1));
}

TEST_F(ConnectionPoolTest, ADiscardedConnectionIsClosed) {
  connection_pool pool(pool_options(conninfo(), 1));
  int backend = 0;
  {
    auto lease = pool.acquire(milliseconds{1000});
    ASSERT_TRUE(lease);
    backend = (*lease)->backendpid();
    lease->discard();
  }
  EXPECT_EQ(pool.stats().dropped, 1u);
  auto lease = pool.acquire(milliseconds{1000});
  ASSERT_TRUE(lease);
  EXPECT_NE((*lease)->backendpid(), backend);
  EXPECT_EQ(pool.stats().opened, 2u);
}

TEST_F(ConnectionPoolTest, WarmUpOpensEveryConnection) {
  connection_pool pool(pool_options(conninfo(), 3));
  ASSERT_TRUE(pool.warm_up());
  EXPECT_EQ(pool.stats().open, 3u);
  EXPECT_EQ(pool.stats().idle, 3u);
}

TEST_F(ConnectionPoolTest, ABrokenStatementIsABug) {
  auto options = pool_options(conninfo(), 1);
  options.statements.push_back({"broken", "SELEC 1"});
  connection_pool pool(options);
  auto lease = pool.acquire(milliseconds{1000});
  ASSERT_FALSE(lease);
  EXPECT_EQ(lease.err().code, error_code::internal);
  EXPECT_NE(lease.err().message.find("42601"), std::string::npos) << lease.err().message;
}

// These restart or stop PostgreSQL, so they use a cluster of their own.
class ConnectionPoolRestartTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cluster_.emplace(pg_test_cluster::throwaway_options(testing::make_temp_dir() / "pg"));
    auto started = cluster_->start();
    ASSERT_TRUE(started) << started.err().message;
  }

  std::optional<embedded_cluster> cluster_;
};

TEST_F(ConnectionPoolRestartTest, RecoversAfterTheServerRestarts) {
  connection_pool pool(pool_options(cluster_->conninfo(), 2));
  ASSERT_TRUE(pool.warm_up());
  auto held = pool.acquire(milliseconds{1000});  // in use across the restart
  ASSERT_TRUE(held);

  auto restarted = cluster_->restart();
  ASSERT_TRUE(restarted) << restarted.err().message;

  // The held connection fails, as unavailable, and is dropped on return.
  auto failed = add_one(*held, 1);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.err().code, error_code::unavailable) << failed.err().message;
  { auto returned = std::move(*held); }

  // The idle one is found dead on acquire and replaced.
  auto fresh = pool.acquire(milliseconds{1000});
  ASSERT_TRUE(fresh) << fresh.err().message;
  auto answer = add_one(*fresh, 2);
  ASSERT_TRUE(answer) << answer.err().message;
  EXPECT_EQ(*answer, 3);
  EXPECT_EQ(pool.stats().dropped, 2u);
}

TEST_F(ConnectionPoolRestartTest, FailsFastAndSpacesAttemptsWhileTheServerIsDown) {
  auto options = pool_options(cluster_->conninfo(), 2);
  options.reconnect = backoff_policy(std::chrono::hours{1}, std::chrono::hours{1});
  connection_pool pool(options);
  ASSERT_TRUE(cluster_->stop());

  // Neither call waits for its minute: PostgreSQL is down, not busy.
  auto first = pool.acquire(std::chrono::minutes{1});
  ASSERT_FALSE(first);
  EXPECT_EQ(first.err().code, error_code::unavailable);
  auto second = pool.acquire(std::chrono::minutes{1});
  ASSERT_FALSE(second);
  EXPECT_EQ(second.err().code, error_code::unavailable);
  EXPECT_NE(second.err().message.find("next connection attempt in"), std::string::npos)
      << second.err().message;
  EXPECT_EQ(pool.stats().failed_attempts, 1u);
}

TEST_F(ConnectionPoolRestartTest, ReconnectsOnceTheServerIsBack) {
  auto options = pool_options(cluster_->conninfo(), 1);
  options.reconnect = backoff_policy(milliseconds{0}, milliseconds{0});
  connection_pool pool(options);
  ASSERT_TRUE(cluster_->stop());
  auto down = pool.acquire(milliseconds{1000});
  ASSERT_FALSE(down);
  EXPECT_EQ(down.err().code, error_code::unavailable);

  ASSERT_TRUE(cluster_->start());
  auto lease = pool.acquire(milliseconds{1000});
  ASSERT_TRUE(lease) << lease.err().message;
  EXPECT_TRUE(add_one(*lease, 1));
}

}  // namespace
}  // namespace streamhub::projections
