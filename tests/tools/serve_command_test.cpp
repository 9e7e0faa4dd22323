// Runs the built `streamhub serve` in a temporary data directory.

#include <gtest/gtest.h>

#include <signal.h>

#include "storage/rocksdb_event_log.hpp"
#include "tests/storage/temp_dir.hpp"
#include "tests/tools/child_process.hpp"

namespace streamhub::tools {
namespace {

using namespace std::chrono_literals;
using streamhub::testing::child_process;

/// Reads stderr log lines until one contains `text`; false at exit or after
/// a generous deadline.
bool wait_for_log(child_process& server, std::string_view text) {
  while (auto line = server.read_err_line(60s))
    if (line->find(text) != std::string::npos) return true;
  return false;
}

TEST(ServeCommandTest, OpensTheLogRunsUntilSigtermAndStopsCleanly) {
  streamhub::testing::temp_dir temp;
  const auto data = temp.path() / "data";
  // Without PostgreSQL: this is about the event log (the read models have
  // their own tests).
  child_process server({STREAMHUB_PATH, "--log-format", "text", "--data", data.string(), "serve",
                        "--listen", "127.0.0.1:0", "--no-pg"});
  ASSERT_TRUE(wait_for_log(server, "event log")) << server.err();
  ASSERT_TRUE(wait_for_log(server, "serving")) << server.err();

  // The log is in use: a second server is refused, a reader is not.
  child_process second({STREAMHUB_PATH, "--data", data.string(), "serve", "--no-pg"});
  EXPECT_EQ(second.wait(), 1);
  EXPECT_NE(second.err().find("another process"), std::string::npos) << second.err();
  child_process reader({STREAMHUB_PATH, "--data", data.string(), "log", "stats", "--json"});
  EXPECT_EQ(reader.wait(), 0) << reader.err();

  server.signal(SIGTERM);
  EXPECT_TRUE(wait_for_log(server, "stopped event log"));
  EXPECT_EQ(server.wait(), 0) << server.err();
  auto log = storage::rocksdb_event_log::open(data / "events");
  EXPECT_TRUE(log) << log.err().message;  // closed, unlocked, readable
}

TEST(ServeCommandTest, RejectsABadListenAddress) {
  streamhub::testing::temp_dir temp;
  child_process server({STREAMHUB_PATH, "--data", temp.path().string(), "serve", "--listen",
                        "localhost"});
  EXPECT_EQ(server.wait(), 2);
  EXPECT_NE(server.err().find("bad listen address"), std::string::npos) << server.err();
}

}  // namespace
}  // namespace streamhub::tools
