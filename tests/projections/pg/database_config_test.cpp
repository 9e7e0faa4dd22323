#include "projections/pg/database_config.hpp"

#include <gtest/gtest.h>

#include <stdlib.h>

namespace streamhub::projections {
namespace {

// Sets or clears STREAMHUB_PG for one test, restoring it afterwards.
class DatabaseConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const char* v = std::getenv("STREAMHUB_PG")) saved_ = v;
    ::unsetenv("STREAMHUB_PG");
  }
  void TearDown() override {
    if (saved_) {
      ::setenv("STREAMHUB_PG", saved_->c_str(), 1);
    } else {
      ::unsetenv("STREAMHUB_PG");
    }
  }

 private:
  std::optional<std::string> saved_;
};

TEST_F(DatabaseConfigTest, NoUrlMeansEmbeddedInDataPg) {
  const auto config = resolve_database_config("/var/lib/streamhub", std::nullopt);
  EXPECT_TRUE(config.url.empty());
  EXPECT_EQ(config.embedded.data_dir, "/var/lib/streamhub/pg");
}

TEST_F(DatabaseConfigTest, EnvironmentNamesTheServer) {
  ::setenv("STREAMHUB_PG", "postgresql://db.example/streamhub", 1);
  EXPECT_EQ(resolve_database_config("/data", std::nullopt).url, "postgresql://db.example/streamhub");
}

TEST_F(DatabaseConfigTest, CommandLineWinsOverEnvironment) {
  ::setenv("STREAMHUB_PG", "postgresql://from-env/x", 1);
  EXPECT_EQ(resolve_database_config("/data", std::string("postgresql://from-cli/x")).url,
            "postgresql://from-cli/x");
}

TEST_F(DatabaseConfigTest, EmptyValuesMeanEmbedded) {
  ::setenv("STREAMHUB_PG", "", 1);
  EXPECT_TRUE(resolve_database_config("/data", std::string()).url.empty());
}

TEST_F(DatabaseConfigTest, AUrlStartsNothing) {
  database_config config;
  config.url = "host=/nonexistent dbname=x";
  auto server = open_database(config);
  ASSERT_TRUE(server) << server.err().message;
  EXPECT_EQ(server->conninfo(), "host=/nonexistent dbname=x");
  EXPECT_EQ(server->cluster(), nullptr);
  EXPECT_TRUE(server->stop());
}

}  // namespace
}  // namespace streamhub::projections
