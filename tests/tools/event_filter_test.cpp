#include "tools/streamhub/event_filter.hpp"

#include <gtest/gtest.h>

namespace streamhub::tools {
namespace {

event_envelope at(log_position position, std::string stream, std::string type) {
  event_envelope e;
  e.position = position;
  e.stream_id = std::move(stream);
  e.type = std::move(type);
  return e;
}

TEST(EventFilterTest, TypesMatchExactlyOrByPrefix) {
  event_filter f;
  f.types = {"chat.*", "stream.live"};
  EXPECT_TRUE(f.type_matches("chat.message"));
  EXPECT_TRUE(f.type_matches("stream.live"));
  EXPECT_FALSE(f.type_matches("stream.offline"));
  EXPECT_FALSE(f.type_matches("chatter.message"));
  EXPECT_TRUE(event_filter{}.type_matches("anything"));
}

TEST(EventFilterTest, StreamAndRange) {
  event_filter f;
  f.stream = "chat:a";
  f.from = 2;
  f.to = 3;
  EXPECT_FALSE(f.matches(at(1, "chat:a", "x")));
  EXPECT_TRUE(f.matches(at(2, "chat:a", "x")));
  EXPECT_FALSE(f.matches(at(3, "chat:b", "x")));
  EXPECT_FALSE(f.matches(at(4, "chat:a", "x")));
  EXPECT_TRUE(f.past_end(4));
}

}  // namespace
}  // namespace streamhub::tools
