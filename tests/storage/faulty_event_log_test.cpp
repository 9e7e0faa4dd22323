#include "storage/faulty_event_log.hpp"

#include <gtest/gtest.h>

#include "storage/memory_event_log.hpp"
#include "storage/rocksdb_event_log.hpp"
#include "tests/storage/event_log_contract.hpp"

namespace streamhub::storage::testing {
namespace {

struct faulty_rocksdb_traits {
  static std::unique_ptr<event_log> open(const std::filesystem::path& dir) {
    auto log = rocksdb_event_log::open(dir / "events");
    if (!log) throw std::runtime_error(log.err().message);
    return std::make_unique<faulty_event_log>(std::move(*log));
  }
};

INSTANTIATE_TYPED_TEST_SUITE_P(FaultyRocksdb, EventLogContract, faulty_rocksdb_traits);

class FaultyEventLogTest : public ::testing::Test {
 protected:
  faulty_event_log log_{std::make_unique<memory_event_log>()};
};

TEST_F(FaultyEventLogTest, FailsTheNextAppendsWithTheChosenCode) {
  log_.fail_next_appends(2, error_code::unavailable);
  EXPECT_EQ(log_.append("user:a", expected_version::any(), {make_event()}).err().code,
            error_code::unavailable);
  EXPECT_EQ(log_.append("user:a", expected_version::any(), {make_event()}).err().code,
            error_code::unavailable);
  EXPECT_TRUE(log_.append("user:a", expected_version::any(), {make_event()}));
  EXPECT_EQ(log_.head_position(), 1u);
  EXPECT_FALSE(log_.failed());  // only io_error is sticky
}

TEST_F(FaultyEventLogTest, InjectedIoErrorIsStickyUntilRecovered) {
  log_.fail_next_appends(1);
  EXPECT_EQ(log_.append("user:a", expected_version::any(), {make_event()}).err().code,
            error_code::io_error);
  EXPECT_TRUE(log_.failed());
  EXPECT_EQ(log_.append("user:a", expected_version::any(), {make_event()}).err().code,
            error_code::io_error);
  EXPECT_EQ(log_.head_position(), 0u);
  log_.recover();
  EXPECT_TRUE(log_.append("user:a", expected_version::any(), {make_event()}));
}

TEST_F(FaultyEventLogTest, LostAckWritesButAnswersIoError) {
  log_.lose_next_acks(1);
  auto events = make_events(1);
  auto lost = log_.append("user:a", expected_version::no_stream(), events);
  ASSERT_FALSE(lost);
  EXPECT_EQ(lost.err().code, error_code::io_error);
  EXPECT_EQ(log_.head_position(), 1u);  // it was written all the same
  EXPECT_EQ(log_.append("user:a", expected_version::exact(1), {make_event()}).err().code,
            error_code::io_error);
  // After recovery a retry finds the original.
  log_.recover();
  auto retry = log_.append("user:a", expected_version::no_stream(), events);
  ASSERT_TRUE(retry);
  EXPECT_TRUE(retry->duplicate);
  EXPECT_EQ(retry->first_position, 1u);
}

TEST_F(FaultyEventLogTest, HeldAppendsReachTheLogWhenReleasedInOrder) {
  log_.hold_appends();
  std::vector<log_position> positions;
  for (const char* stream : {"user:a", "user:b", "user:c"})
    log_.append_async(stream, expected_version::any(), {make_event()},
                      [&](result<append_result> r) { positions.push_back(r->first_position); });
  EXPECT_EQ(log_.held_count(), 3u);
  EXPECT_EQ(log_.head_position(), 0u);
  EXPECT_TRUE(positions.empty());
  EXPECT_EQ(log_.release_held(), 3u);
  EXPECT_EQ(positions, (std::vector<log_position>{1, 2, 3}));
  EXPECT_EQ(log_.read_stream("user:b", 1, 1)->front().position, 2u);
}

TEST_F(FaultyEventLogTest, FailedReadsAnswerCorrupt) {
  ASSERT_TRUE(log_.append("user:a", expected_version::any(), {make_event()}));
  ASSERT_TRUE(log_.save_snapshot("user:a", snapshot{1, 1, "s"}));
  log_.fail_reads(true);
  EXPECT_EQ(log_.read_all(1, 10).err().code, error_code::corrupt);
  EXPECT_EQ(log_.read_stream("user:a", 1, 10).err().code, error_code::corrupt);
  EXPECT_EQ(log_.load_snapshot("user:a").err().code, error_code::corrupt);
  log_.fail_reads(false);
  EXPECT_EQ(log_.read_all(1, 10)->size(), 1u);
}

}  // namespace
}  // namespace streamhub::storage::testing
