#include "protocol/event_id.hpp"

#include <gtest/gtest.h>

#include <unordered_set>

namespace streamhub {
namespace {

TEST(EventIdTest, GeneratesVersion7WithVariantBits) {
  const auto id = event_id::generate();
  EXPECT_EQ(id.bytes()[6] >> 4, 7);
  EXPECT_EQ(id.bytes()[8] >> 6, 2);
  EXPECT_FALSE(id.is_nil());
}

TEST(EventIdTest, GeneratedIdsAreUnique) {
  std::unordered_set<event_id, event_id_hash> seen;
  for (int i = 0; i < 100000; ++i) ASSERT_TRUE(seen.insert(event_id::generate()).second);
}

TEST(EventIdTest, TextRoundTrip) {
  const auto id = event_id::generate();
  const auto text = id.to_string();
  ASSERT_EQ(text.size(), 36u);
  auto parsed = event_id::parse(text);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(*parsed, id);
}

TEST(EventIdTest, RejectsMalformedText) {
  EXPECT_FALSE(event_id::parse(""));
  EXPECT_FALSE(event_id::parse("0190c3a2-7b1e-7cc0-8d7e-2f1a1b2c3d4"));    // short
  EXPECT_FALSE(event_id::parse("0190c3a2x7b1e-7cc0-8d7e-2f1a1b2c3d4e"));   // separator
  EXPECT_FALSE(event_id::parse("0190c3a2-7b1e-7cc0-8d7e-2f1a1b2c3d4g"));   // hex
  EXPECT_TRUE(event_id::parse("0190C3A2-7B1E-7CC0-8D7E-2F1A1B2C3D4E"));    // upper case ok
}

TEST(EventIdTest, NilIsNil) {
  EXPECT_TRUE(event_id{}.is_nil());
  EXPECT_EQ(event_id{}.to_string(), "00000000-0000-0000-0000-000000000000");
}

}  // namespace
}  // namespace streamhub
