// Runs the built `streamhub log` against logs written in a temporary
// directory, with the log still open in this process as a server would
// have it.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "protocol/event_json.hpp"
#include "storage/rocksdb_event_log.hpp"
#include "tests/storage/temp_dir.hpp"
#include "tests/tools/child_process.hpp"

namespace streamhub::tools {
namespace {

using namespace std::chrono_literals;
using streamhub::testing::child_process;

storage::proposed_event event(std::string type, std::string payload) {
  storage::proposed_event e;
  e.id = event_id::generate();
  e.type = std::move(type);
  e.actor = "user:bob";
  e.payload = std::move(payload);
  return e;
}

class LogCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto log = storage::rocksdb_event_log::open(data() / "events");
    ASSERT_TRUE(log) << log.err().message;
    log_ = std::move(*log);
    append("chat:alice", event("chat.message", R"({"text":"hi"})"));          // 1
    append("channel:alice", event("stream.live", R"({"title":"hello"})"));    // 2
    append("chat:alice", event("chat.message", R"({"text":"again"})"));       // 3
    append("user:alice", event("user.new_follower", R"({"follower":"bob"})")); // 4
    append("chat:alice", event("chat.message_deleted", R"({"id":1})"));      // 5
  }

  void append(const std::string& stream, storage::proposed_event e) {
    auto r = log_->append(stream, expected_version::any(), {std::move(e)});
    ASSERT_TRUE(r) << r.err().message;
  }

  std::filesystem::path data() const { return temp_.path() / "data"; }

  std::vector<std::string> args(std::vector<std::string> extra) const {
    std::vector<std::string> argv{STREAMHUB_PATH, "--log-format", "json", "--data", data().string()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return argv;
  }

  /// Runs `streamhub ... log <extra>`; returns the positions of the printed
  /// events, checking each line against the log.
  std::vector<log_position> positions(std::vector<std::string> extra) {
    extra.insert(extra.begin(), "log");
    child_process tool(args(extra));
    EXPECT_EQ(tool.wait(), 0) << tool.err();
    std::vector<log_position> out;
    std::istringstream lines(tool.out());
    std::string line;
    while (std::getline(lines, line)) {
      auto e = event_from_json(line);
      EXPECT_TRUE(e) << line;
      if (!e) continue;
      out.push_back(e->position);
      EXPECT_EQ(*e, log_->read_all(e->position, 1)->front());
    }
    return out;
  }

  streamhub::testing::temp_dir temp_;
  std::unique_ptr<storage::rocksdb_event_log> log_;
};

using positions_t = std::vector<log_position>;

TEST_F(LogCommandTest, PrintsEveryEventAsAJsonLine) {
  EXPECT_EQ(positions({}), (positions_t{1, 2, 3, 4, 5}));
}

TEST_F(LogCommandTest, FiltersByStreamTypeRangeAndLimit) {
  EXPECT_EQ(positions({"--stream", "chat:alice"}), (positions_t{1, 3, 5}));
  EXPECT_EQ(positions({"--type", "chat.message"}), (positions_t{1, 3}));
  EXPECT_EQ(positions({"--type", "chat.*"}), (positions_t{1, 3, 5}));
  EXPECT_EQ(positions({"--type", "stream.live", "--type", "user.*"}), (positions_t{2, 4}));
  EXPECT_EQ(positions({"--from", "2", "--to", "4"}), (positions_t{2, 3, 4}));
  EXPECT_EQ(positions({"--stream", "chat:alice", "--from", "2", "--to", "4"}), (positions_t{3}));
  EXPECT_EQ(positions({"--limit", "2", "--type", "chat.*"}), (positions_t{1, 3}));
  EXPECT_EQ(positions({"--stream", "nobody"}), (positions_t{}));
}

TEST_F(LogCommandTest, StatsCountTypesStreamsAndBytes) {
  child_process tool(args({"log", "stats", "--json"}));
  ASSERT_EQ(tool.wait(), 0) << tool.err();
  const auto stats = nlohmann::json::parse(tool.out());
  EXPECT_EQ(stats["head_position"], 5);
  EXPECT_EQ(stats["events"], 5);
  EXPECT_EQ(stats["streams"], 3);
  EXPECT_EQ(stats["types"]["chat.message"], 2);
  EXPECT_EQ(stats["types"]["stream.live"], 1);
  EXPECT_EQ(stats["payload_bytes"], 13 + 17 + 16 + 18 + 8);
  EXPECT_GT(stats["disk_bytes"].get<std::uint64_t>(), 0u);

  child_process table(args({"log", "stats"}));
  ASSERT_EQ(table.wait(), 0) << table.err();
  EXPECT_NE(table.out().find("chat.message_deleted"), std::string::npos) << table.out();
}

TEST_F(LogCommandTest, FollowPrintsEventsAppendedAfterItStarted) {
  child_process tool(args({"log", "--follow", "--type", "chat.*"}));
  // The existing events first: once they are out, the tool is following.
  for (log_position expected : {1u, 3u, 5u}) {
    auto line = tool.read_line(60s);
    ASSERT_TRUE(line) << "no line; stderr: " << tool.err();
    EXPECT_EQ(event_from_json(*line)->position, expected);
  }
  append("channel:alice", event("stream.offline", "{}"));  // 6, filtered out
  append("chat:alice", event("chat.message", R"({"text":"live"})"));  // 7
  auto line = tool.read_line(60s);
  ASSERT_TRUE(line) << "no line; stderr: " << tool.err();
  auto e = event_from_json(*line);
  ASSERT_TRUE(e) << *line;
  EXPECT_EQ(e->position, 7u);
  EXPECT_EQ(e->payload, R"({"text":"live"})");
  tool.signal(SIGINT);
  EXPECT_EQ(tool.wait(), 0) << tool.err();
}

TEST_F(LogCommandTest, MissingDataDirectoryIsOneLineOnStderr) {
  child_process tool({STREAMHUB_PATH, "--log-format", "text", "--data",
                      (temp_.path() / "nothing").string(), "log"});
  EXPECT_NE(tool.wait(), 0);
  EXPECT_EQ(tool.out(), "");
  EXPECT_EQ(std::count(tool.err().begin(), tool.err().end(), '\n'), 1) << tool.err();
  EXPECT_NE(tool.err().find("no event store"), std::string::npos) << tool.err();
}

TEST_F(LogCommandTest, CorruptRecordStopsWithItsPosition) {
  log_.reset();
  {
    // Garbage under the key of log position 2 (see storage/FORMAT.md).
    child_process ldb({"/usr/bin/ldb", "--db=" + (data() / "events").string(),
                       "--column_family=events", "--hex", "put", "0x0000000000000002",
                       "0x01006761726261676521"});
    ASSERT_EQ(ldb.wait(), 0) << ldb.err();
  }
  child_process tool(args({"log"}));
  EXPECT_NE(tool.wait(), 0);
  EXPECT_EQ(std::count(tool.out().begin(), tool.out().end(), '\n'), 1);  // position 1
  EXPECT_EQ(std::count(tool.err().begin(), tool.err().end(), '\n'), 1) << tool.err();
  EXPECT_NE(tool.err().find("log position 2"), std::string::npos) << tool.err();
}

TEST_F(LogCommandTest, NewerFormatIsRefused) {
  // A store stamped by a newer build, made by hand: see FORMAT.md.
  log_.reset();
  {
    std::vector<std::string> argv{"/usr/bin/ldb", "--db=" + (data() / "events").string(),
                                  "put", "format_version", "99"};
    child_process ldb(argv);
    ASSERT_EQ(ldb.wait(), 0) << ldb.err();
  }
  child_process tool(args({"log"}));
  EXPECT_NE(tool.wait(), 0);
  EXPECT_NE(tool.err().find("format version 99"), std::string::npos) << tool.err();
}

}  // namespace
}  // namespace streamhub::tools
