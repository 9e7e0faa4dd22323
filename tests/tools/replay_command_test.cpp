// Runs the built `streamhub replay` against a log written in a temporary
// data directory, kept open in this process as a serving node would have it,
// and a fresh database of the test cluster (--pg).

#include <gtest/gtest.h>

#include <memory>
#include <sstream>

#include "storage/rocksdb_event_log.hpp"
#include "tests/projections/pg_test_cluster.hpp"
#include "tests/projections/projection_test.hpp"
#include "tests/projections/random_scenario.hpp"
#include "tests/projections/social_scenario.hpp"
#include "tests/tools/child_process.hpp"

namespace streamhub::tools {
namespace {

using streamhub::testing::child_process;
namespace pt = projections::testing;

struct ran {
  int exit_code = 0;
  std::string out, err;
};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

class ReplayCommandTest : public pt::pg_database_test {
 protected:
  void SetUp() override {
    pt::pg_database_test::SetUp();
    data_ = pt::make_temp_dir("replay");
    auto log = storage::rocksdb_event_log::open(data_ / "events");
    ASSERT_TRUE(log) << log.err().message;
    log_ = std::move(*log);
    writer_ = std::make_unique<pt::log_writer>(*log_);
    pt::write_social_scenario(*writer_);
    pt::random_scenario(*writer_, 5).run(400);
  }

  ran run(std::vector<std::string> extra) {
    std::vector<std::string> argv{STREAMHUB_PATH, "--log-format", "json", "--data",
                                  data_.string(), "replay", "--pg", conninfo()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    child_process tool(argv);
    ran r;
    r.exit_code = tool.wait();
    r.out = tool.out();
    r.err = tool.err();
    return r;
  }

  std::filesystem::path data_;
  std::unique_ptr<storage::rocksdb_event_log> log_;
  std::unique_ptr<pt::log_writer> writer_;
};

TEST_F(ReplayCommandTest, ReplaysEveryProjectionBesideTheOpenLogThenVerifiesThem) {
  const auto head = std::to_string(log_->head_position());
  auto replayed = run({"--projection", "all"});
  ASSERT_EQ(replayed.exit_code, 0) << replayed.out << replayed.err;
  const auto summaries = lines_of(replayed.out);
  ASSERT_EQ(summaries.size(), 7u) << replayed.out;
  for (const auto& line : summaries) {
    EXPECT_NE(line.find(" to " + head + ","), std::string::npos) << line;
    EXPECT_NE(line.find("swapped in"), std::string::npos) << line;
  }
  EXPECT_NE(replayed.err.find("events/s, ETA"), std::string::npos) << replayed.err;

  // More events the live tables have not seen: verification compares at
  // their checkpoint.
  pt::random_scenario(*writer_, 6, 12, "late_").run(50);
  auto verified = run({"--projection", "all", "--verify"});
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
  const auto reports = lines_of(verified.out);
  ASSERT_EQ(reports.size(), 7u) << verified.out;
  for (const auto& line : reports) {
    EXPECT_NE(line.find("no difference at position " + head), std::string::npos) << line;
  }
}

TEST_F(ReplayCommandTest, VerifyReportsADifferenceWithExitCodeOne) {
  ASSERT_EQ(run({"--projection", "users"}).exit_code, 0);
  pt::query_rows(conninfo(), "UPDATE proj_users.users SET bio = 'edited by hand' "
                             "WHERE login = 'bob' RETURNING 1");
  auto verified = run({"--projection", "users", "--verify"});
  EXPECT_EQ(verified.exit_code, 1) << verified.out << verified.err;
  EXPECT_NE(verified.out.find("users: DIFFERENT"), std::string::npos) << verified.out;
  EXPECT_NE(verified.out.find("users: 1 rows missing, 1 unexpected"), std::string::npos)
      << verified.out;
  EXPECT_NE(verified.out.find("edited by hand"), std::string::npos) << verified.out;
}

TEST_F(ReplayCommandTest, AnUnknownProjectionIsAUsageError) {
  auto r = run({"--projection", "nope"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no projection 'nope'"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace streamhub::tools
