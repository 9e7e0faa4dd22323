#include "projections/pg/cluster_files.hpp"

#include <gtest/gtest.h>

#include <stdlib.h>

#include <fstream>

namespace streamhub::projections {
namespace {

namespace fs = std::filesystem;

class ClusterFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "cluster-files-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_;
};

TEST_F(ClusterFilesTest, SettingsListenOnTheSocketOnly) {
  embedded_cluster_options options;
  options.port = 6543;
  const auto text = settings_text(options, "/data/pg");
  EXPECT_NE(text.find("listen_addresses = ''\n"), std::string::npos);
  EXPECT_NE(text.find("port = 6543\n"), std::string::npos);
  EXPECT_NE(text.find("unix_socket_directories = '/data/pg'\n"), std::string::npos);
  EXPECT_NE(text.find("unix_socket_permissions = 0700\n"), std::string::npos);
  EXPECT_NE(text.find("logging_collector = on\n"), std::string::npos);
}

TEST_F(ClusterFilesTest, DurableSettingsSyncButDoNotWaitForCommits) {
  embedded_cluster_options options;
  const auto text = settings_text(options, "/data/pg");
  EXPECT_NE(text.find("fsync = on\n"), std::string::npos);
  EXPECT_NE(text.find("synchronous_commit = off\n"), std::string::npos);
  options.durable = false;
  EXPECT_NE(settings_text(options, "/data/pg").find("fsync = off\n"), std::string::npos);
}

TEST_F(ClusterFilesTest, SettingsQuoteTheirStrings) {
  embedded_cluster_options options;
  options.shared_buffers = "1'GB";
  EXPECT_NE(settings_text(options, "/d").find("shared_buffers = '1''GB'\n"), std::string::npos);
}

TEST_F(ClusterFilesTest, IncludeLineIsAddedOnce) {
  const auto conf = dir_ / "postgresql.conf";
  std::ofstream(conf) << "max_connections = 100\n";
  ASSERT_TRUE(ensure_settings_included(conf));
  ASSERT_TRUE(ensure_settings_included(conf));
  const auto text = file_tail(conf, 10'000);
  const std::string line = "include_if_exists 'streamhub.conf'";
  const auto first = text.find(line);
  ASSERT_NE(first, std::string::npos) << text;
  EXPECT_EQ(text.find(line, first + 1), std::string::npos) << text;
  EXPECT_EQ(text.rfind("max_connections = 100\n", 0), 0u);
}

TEST_F(ClusterFilesTest, WriteFileReplacesWithPrivateMode) {
  const auto file = dir_ / "streamhub.conf";
  ASSERT_TRUE(write_file(file, "one\n", std::nullopt));
  ASSERT_TRUE(write_file(file, "two\n", std::nullopt));
  EXPECT_EQ(file_tail(file), "two");
  EXPECT_EQ(fs::status(file).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
  EXPECT_FALSE(fs::exists(dir_ / "streamhub.conf.tmp"));
}

TEST_F(ClusterFilesTest, FileTailKeepsTheEnd) {
  std::ofstream(dir_ / "log") << "0123456789\n";
  EXPECT_EQ(file_tail(dir_ / "log", 4), "789");
  EXPECT_EQ(file_tail(dir_ / "missing"), "");
}

TEST_F(ClusterFilesTest, ReadsVersionAndPid) {
  EXPECT_FALSE(read_pg_version(dir_));
  EXPECT_FALSE(read_lock_pid(dir_ / "postmaster.pid"));
  std::ofstream(dir_ / "PG_VERSION") << "15\n";
  std::ofstream(dir_ / "postmaster.pid") << "4242\n" << dir_.string() << "\n";
  EXPECT_EQ(read_pg_version(dir_), 15);
  EXPECT_EQ(read_lock_pid(dir_ / "postmaster.pid"), 4242);
}

TEST_F(ClusterFilesTest, DataDirMustBeAbsoluteAndShellSafe) {
  EXPECT_TRUE(validate_data_dir("/var/lib/streamhub/pg"));
  EXPECT_TRUE(validate_data_dir("/with space/pg"));
  for (const char* bad : {"relative/pg", "/a\"b/pg", "/a$b/pg", "/a`b/pg", "/a\\b/pg", "/a'b/pg",
                          "/a\nb/pg"}) {
    auto checked = validate_data_dir(bad);
    ASSERT_FALSE(checked) << bad;
    EXPECT_EQ(checked.err().code, error_code::invalid);
  }
}

TEST_F(ClusterFilesTest, SocketDirMustFitSunPath) {
  // "/.s.PGSQL.5432" is 14 bytes: a 93-byte directory makes exactly 107.
  const std::string fits = "/" + std::string(92, 'a');
  EXPECT_TRUE(usable_socket_dir(fits, 5432));
  EXPECT_FALSE(usable_socket_dir(fits + "a", 5432));
  EXPECT_FALSE(usable_socket_dir(fits, 15432));
  EXPECT_FALSE(usable_socket_dir("/with space/pg", 5432));
  EXPECT_FALSE(usable_socket_dir("/with,comma/pg", 5432));
}

TEST_F(ClusterFilesTest, ConninfoValuesAreQuoted) {
  EXPECT_EQ(conninfo_quote("/data/pg"), "'/data/pg'");
  EXPECT_EQ(conninfo_quote("it's"), "'it\\'s'");
  EXPECT_EQ(conninfo_quote("a\\b"), "'a\\\\b'");
}

}  // namespace
}  // namespace streamhub::projections
