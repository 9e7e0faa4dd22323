#include "protocol/event_json.hpp"

#include <gtest/gtest.h>

namespace streamhub {
namespace {

TEST(EventJsonTest, RoundTrips) {
  event_envelope e;
  e.position = 7;
  e.stream_id = "channel:alice";
  e.version = 3;
  e.type = "stream.live";
  e.schema_version = 1;
  e.timestamp_us = 1'795'000'000'000'001;
  e.id = event_id::generate();
  e.correlation_id = event_id::generate();
  e.actor = "user:alice";
  e.payload = R"({"category":"chess","title":"Blitz"})";
  const auto text = to_json(e);
  EXPECT_NE(text.find(R"("payload":{"category":"chess","title":"Blitz"})"), std::string::npos)
      << text;
  EXPECT_EQ(text.find("causation"), std::string::npos);
  auto back = event_from_json(text);
  ASSERT_TRUE(back) << back.err().message;
  EXPECT_EQ(*back, e);
}

TEST(EventJsonTest, DamagedPayloadPrintsAsString) {
  event_envelope e;
  e.stream_id = "user:x";
  e.type = "t";
  e.payload = "{not json";
  EXPECT_NE(to_json(e).find(R"("payload":"{not json")"), std::string::npos);
}

TEST(EventJsonTest, RejectsBadInput) {
  EXPECT_FALSE(event_from_json("[]"));
  EXPECT_FALSE(event_from_json("{"));
  EXPECT_FALSE(event_from_json(R"({"stream":"a","type":"t","id":"nope"})"));
  EXPECT_FALSE(event_from_json(R"({"type":"t","id":"00000000-0000-0000-0000-000000000000"})"));
}

TEST(EventJsonTest, TimestampFormatRoundTrips) {
  EXPECT_EQ(format_timestamp_us(0), "1970-01-01T00:00:00.000000Z");
  EXPECT_EQ(format_timestamp_us(-1), "1969-12-31T23:59:59.999999Z");
  auto t = parse_timestamp_us("2026-11-22T10:17:03.12Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(format_timestamp_us(*t), "2026-11-22T10:17:03.120000Z");
  EXPECT_FALSE(parse_timestamp_us("2026-11-22 10:17:03"));
}

}  // namespace
}  // namespace streamhub
