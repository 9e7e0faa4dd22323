#include "storage/rocksdb_layout.hpp"

#include <gtest/gtest.h>

namespace streamhub::storage::layout {
namespace {

TEST(RocksdbLayoutTest, EventKeysSortByPosition) {
  EXPECT_LT(event_key(255), event_key(256));
  EXPECT_LT(event_key(1), event_key(1ull << 40));
  EXPECT_EQ(decode_position(event_key(123456789)), 123456789u);
}

TEST(RocksdbLayoutTest, StreamKeysSortByVersionWithinAStream) {
  EXPECT_LT(stream_key("user:a", 9), stream_key("user:a", 10));
  EXPECT_EQ(stream_key("user:a", 1).substr(0, stream_prefix("user:a").size()), stream_prefix("user:a"));
  // A stream id that extends another does not share its prefix.
  EXPECT_NE(stream_key("user:ab", 1).substr(0, stream_prefix("user:a").size()),
            stream_prefix("user:a"));
}

TEST(RocksdbLayoutTest, IdEntriesRoundTrip) {
  std::string value;
  put_id_entry(value, {1ull << 50, 7, 2});
  auto entry = decode_id_entry(value);
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->position, 1ull << 50);
  EXPECT_EQ(entry->version, 7u);
  EXPECT_EQ(entry->remaining, 2u);
  EXPECT_FALSE(decode_id_entry(value.substr(0, 8)));
}

TEST(RocksdbLayoutTest, SnapshotsRoundTripAndDetectDamage) {
  const snapshot snap{42, 3, std::string("state\0bytes", 11)};
  std::string record = encode_snapshot(snap);
  auto decoded = decode_snapshot(record);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(*decoded, snap);

  record[5] ^= 1;
  auto damaged = decode_snapshot(record);
  ASSERT_FALSE(damaged);
  EXPECT_EQ(damaged.err().code, error_code::corrupt);

  record = encode_snapshot(snap);
  record[0] = 9;
  EXPECT_EQ(decode_snapshot(record).err().code, error_code::unsupported_format);
  EXPECT_EQ(decode_snapshot("abc").err().code, error_code::corrupt);
}

}  // namespace
}  // namespace streamhub::storage::layout
