// pg_error.hpp against a real server: the SQLSTATEs PostgreSQL actually sends
// arrive as the documented codes.
#include "projections/pg/pg_error.hpp"

#include <gtest/gtest.h>

#include <pqxx/connection>
#include <pqxx/nontransaction>
#include <pqxx/transaction>

#include "tests/projections/pg_test_cluster.hpp"

namespace streamhub::projections {
namespace {

class PgErrorIntegrationTest : public testing::pg_database_test {
 protected:
  result<void> run(const std::string& sql) {
    return pg_guard("run", [&] {
      pqxx::connection connection(conninfo());
      pqxx::work tx(connection);
      tx.exec(sql);
      tx.commit();
    });
  }
};

TEST_F(PgErrorIntegrationTest, UniqueViolationIsAConflict) {
  ASSERT_TRUE(run("CREATE TABLE u (id int PRIMARY KEY); INSERT INTO u VALUES (1)"));
  auto failed = run("INSERT INTO u VALUES (1)");
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.err().code, error_code::conflict);
  EXPECT_NE(failed.err().message.find("(SQLSTATE 23505)"), std::string::npos) << failed.err().message;
}

TEST_F(PgErrorIntegrationTest, SyntaxErrorIsInternal) {
  auto failed = run("SELEC 1");
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.err().code, error_code::internal);
  EXPECT_NE(failed.err().message.find("(SQLSTATE 42601)"), std::string::npos) << failed.err().message;
}

TEST_F(PgErrorIntegrationTest, StatementTimeoutIsATimeout) {
  auto failed = run("SET LOCAL statement_timeout = 10; SELECT pg_sleep(10)");
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.err().code, error_code::timeout) << failed.err().message;
}

TEST_F(PgErrorIntegrationTest, SerializationFailureIsAConflict) {
  ASSERT_TRUE(run("CREATE TABLE s (id int PRIMARY KEY, v int); INSERT INTO s VALUES (1, 0)"));
  pqxx::connection a(conninfo());
  pqxx::connection b(conninfo());
  pqxx::work ta(a);
  pqxx::work tb(b);
  ta.exec0("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
  tb.exec0("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
  ta.exec("SELECT v FROM s");
  tb.exec("SELECT v FROM s");
  ta.exec0("UPDATE s SET v = 1");
  ta.commit();
  auto failed = pg_guard("update", [&] {
    tb.exec0("UPDATE s SET v = 2");
    tb.commit();
  });
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.err().code, error_code::conflict) << failed.err().message;
}

TEST_F(PgErrorIntegrationTest, ATerminatedSessionIsUnavailable) {
  pqxx::connection victim(conninfo());
  ASSERT_TRUE(run("SELECT pg_terminate_backend(" + std::to_string(victim.backendpid()) + ")"));
  auto failed = pg_guard("query", [&] {
    pqxx::nontransaction tx(victim);
    tx.exec("SELECT 1");
  });
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.err().code, error_code::unavailable) << failed.err().message;
}

TEST_F(PgErrorIntegrationTest, NoServerIsUnavailable) {
  auto failed = pg_guard("connect", [] { pqxx::connection c("host=/nonexistent port=5432"); });
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.err().code, error_code::unavailable) << failed.err().message;
}

}  // namespace
}  // namespace streamhub::projections
