#include "projections/pg/migrations.hpp"

#include <gtest/gtest.h>

#include <pqxx/connection>
#include <pqxx/nontransaction>

#include <thread>

#include "tests/projections/pg_test_cluster.hpp"

namespace streamhub::projections {
namespace {

using testing::database_content;
using testing::pg_test_cluster;

const migration first{1, "first", "CREATE TABLE a (id int PRIMARY KEY)"};
const migration second{2, "second", "CREATE TABLE b (id int PRIMARY KEY); INSERT INTO a VALUES (1)"};
const migration third{3, "third", "CREATE TABLE c (id int PRIMARY KEY)"};

class MigrationsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto cluster = pg_test_cluster::shared();
    ASSERT_TRUE(cluster) << cluster.err().message;
    auto database = (*cluster)->create_database(database_content::empty);
    ASSERT_TRUE(database) << database.err().message;
    conninfo_ = *database;
  }

  long count(const std::string& sql) {
    pqxx::connection connection(conninfo_);
    pqxx::nontransaction tx(connection);
    return tx.exec1(sql)[0].as<long>();
  }

  std::string conninfo_;
};

TEST_F(MigrationsTest, EmbeddedMigrationsAreAscendingAndCreateTheCheckpointTables) {
  const auto all = embedded_migrations();
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all.front().version, 1u);
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_GT(all[i].version, all[i - 1].version);

  auto report = apply_migrations(conninfo_);
  ASSERT_TRUE(report) << report.err().message;
  EXPECT_EQ(report->applied.size(), all.size());
  EXPECT_EQ(count("SELECT count(*) FROM projection_checkpoints"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM dead_letters"), 0);
  pqxx::connection connection(conninfo_);
  pqxx::nontransaction tx(connection);
  tx.exec0("INSERT INTO projection_checkpoints (projection, position) VALUES ('followers', 12)");
  tx.exec0(
      "INSERT INTO dead_letters (projection, position, event_type, error) "
      "VALUES ('followers', 13, 'user.new_follower', 'bad payload')");
  EXPECT_EQ(tx.exec1("SELECT status FROM projection_checkpoints")[0].as<std::string>(), "running");
}

TEST_F(MigrationsTest, AppliesInOrderOnceAndRecordsEach) {
  const migration list[] = {first, second};
  auto report = apply_migrations(conninfo_, list);
  ASSERT_TRUE(report) << report.err().message;
  EXPECT_EQ(report->applied, (std::vector<std::uint32_t>{1, 2}));
  EXPECT_EQ(report->already_applied, 0u);
  EXPECT_EQ(count("SELECT count(*) FROM schema_migrations"), 2);
  EXPECT_EQ(count("SELECT checksum FROM schema_migrations WHERE version = 2"),
            static_cast<long>(migration_checksum(second.sql)));
  EXPECT_EQ(count("SELECT count(*) FROM schema_migrations WHERE name = 'second' AND applied_at <= now()"), 1);
}

TEST_F(MigrationsTest, RerunningIsANoOp) {
  const migration list[] = {first, second};
  ASSERT_TRUE(apply_migrations(conninfo_, list));
  auto again = apply_migrations(conninfo_, list);
  ASSERT_TRUE(again) << again.err().message;
  EXPECT_TRUE(again->applied.empty());
  EXPECT_EQ(again->already_applied, 2u);
  EXPECT_EQ(count("SELECT count(*) FROM a"), 1);  // second's INSERT ran once
}

TEST_F(MigrationsTest, NewMigrationsApplyAfterOldOnes) {
  const migration old_list[] = {first};
  ASSERT_TRUE(apply_migrations(conninfo_, old_list));
  const migration new_list[] = {first, second, third};
  auto report = apply_migrations(conninfo_, new_list);
  ASSERT_TRUE(report) << report.err().message;
  EXPECT_EQ(report->applied, (std::vector<std::uint32_t>{2, 3}));
  EXPECT_EQ(report->already_applied, 1u);
}

TEST_F(MigrationsTest, AnEditedAppliedMigrationIsRefused) {
  const migration list[] = {first, second};
  ASSERT_TRUE(apply_migrations(conninfo_, list));
  const migration edited{2, "second", "CREATE TABLE b (id bigint PRIMARY KEY)"};
  const migration changed[] = {first, edited, third};
  auto report = apply_migrations(conninfo_, changed);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.err().code, error_code::corrupt);
  EXPECT_NE(report.err().message.find("0002_second was changed after it was applied"),
            std::string::npos)
      << report.err().message;
  EXPECT_EQ(count("SELECT count(*) FROM schema_migrations"), 2);  // third not applied
}

TEST_F(MigrationsTest, AFailingMigrationLeavesNoTraceAndStopsTheRun) {
  const migration broken{2, "broken", "CREATE TABLE b (id int); CREATE TABLE nonsense ("};
  const migration list[] = {first, broken, third};
  auto report = apply_migrations(conninfo_, list);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.err().code, error_code::internal);
  EXPECT_NE(report.err().message.find("apply migration 0002_broken"), std::string::npos);
  EXPECT_NE(report.err().message.find("SQLSTATE 42601"), std::string::npos) << report.err().message;
  EXPECT_EQ(count("SELECT count(*) FROM schema_migrations"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM pg_tables WHERE tablename = 'b'"), 0);

  const migration fixed_list[] = {first, second, third};
  auto fixed = apply_migrations(conninfo_, fixed_list);
  ASSERT_TRUE(fixed) << fixed.err().message;
  EXPECT_EQ(fixed->applied, (std::vector<std::uint32_t>{2, 3}));
}

TEST_F(MigrationsTest, ADatabaseFromANewerBuildIsRefused) {
  const migration newer[] = {first, second};
  ASSERT_TRUE(apply_migrations(conninfo_, newer));
  const migration older[] = {first};
  auto report = apply_migrations(conninfo_, older);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.err().code, error_code::unsupported_format);
}

TEST_F(MigrationsTest, AGapBelowTheNewestAppliedIsRefused) {
  const migration with_gap[] = {first, third};
  ASSERT_TRUE(apply_migrations(conninfo_, with_gap));
  const migration filled[] = {first, second, third};
  auto report = apply_migrations(conninfo_, filled);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.err().code, error_code::unsupported_format);
  EXPECT_NE(report.err().message.find("0002_second was never applied"), std::string::npos);
}

TEST_F(MigrationsTest, MisorderedListsAreInvalid) {
  const migration backwards[] = {second, first};
  auto report = apply_migrations(conninfo_, backwards);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.err().code, error_code::invalid);
}

TEST_F(MigrationsTest, ConcurrentRunnersApplyEachMigrationOnce) {
  const migration list[] = {first, second, third};
  constexpr int runners = 6;
  std::vector<std::optional<result<migration_report>>> reports(runners);
  std::vector<std::thread> threads;
  for (int i = 0; i < runners; ++i) {
    threads.emplace_back([&, i] { reports[i].emplace(apply_migrations(conninfo_, list)); });
  }
  for (auto& t : threads) t.join();
  std::size_t applied = 0;
  for (const auto& report : reports) {
    ASSERT_TRUE(*report) << (*report).err().message;
    applied += (**report).applied.size();
  }
  EXPECT_EQ(applied, 3u);
  EXPECT_EQ(count("SELECT count(*) FROM schema_migrations"), 3);
  EXPECT_EQ(count("SELECT count(*) FROM a"), 1);
}

TEST_F(MigrationsTest, ARunnerWaitsForTheLockNoLongerThanItsTimeout) {
  pqxx::connection holder(conninfo_);
  pqxx::nontransaction tx(holder);
  tx.exec("SELECT pg_advisory_lock(" + std::to_string(migration_lock_key) + ")");
  migration_options options;
  options.lock_timeout = std::chrono::milliseconds{100};
  const migration list[] = {first};
  auto report = apply_migrations(conninfo_, list, options);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.err().code, error_code::timeout) << report.err().message;
}

}  // namespace
}  // namespace streamhub::projections
