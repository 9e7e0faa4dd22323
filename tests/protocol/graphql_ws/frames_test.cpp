#include "protocol/graphql_ws/frames.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "protocol/graphql_ws/message.hpp"

namespace streamhub::graphql_ws {
namespace {

using nlohmann::json;

TEST(frames, next_is_prefix_payload_suffix) {
  const std::string payload = R"({"data":{"x":1}})";
  const std::string frame = next_prefix("op-1") + payload + std::string(frame_suffix);
  EXPECT_EQ(frame, next_frame("op-1", payload));
  const json parsed = json::parse(frame);
  EXPECT_EQ(parsed["id"], "op-1");
  EXPECT_EQ(parsed["type"], "next");
  EXPECT_EQ(parsed["payload"]["data"]["x"], 1);
}

TEST(frames, ids_are_escaped) {
  const std::string frame = complete_frame("a\"b\\c\n");
  EXPECT_EQ(json::parse(frame)["id"], "a\"b\\c\n");
  EXPECT_EQ(json::parse(next_frame("\"", "{}"))["id"], "\"");
}

TEST(frames, server_frames_parse_back) {
  auto ack = parse_message(connection_ack_frame());
  ASSERT_TRUE(ack);
  EXPECT_EQ(ack->type, message_type::connection_ack);
  auto ack_payload = parse_message(connection_ack_frame(R"({"k":1})"));
  ASSERT_TRUE(ack_payload);
  EXPECT_EQ(json::parse(ack_payload->payload)["k"], 1);
  auto pong = parse_message(pong_frame());
  ASSERT_TRUE(pong);
  EXPECT_EQ(pong->type, message_type::pong);
  auto ping = parse_message(ping_frame());
  ASSERT_TRUE(ping);
  EXPECT_EQ(ping->type, message_type::ping);
  auto err = parse_message(error_frame("7", error_list("boom", "RATE_LIMITED")));
  ASSERT_TRUE(err);
  EXPECT_EQ(err->type, message_type::error);
  EXPECT_EQ(json::parse(err->payload)[0]["extensions"]["code"], "RATE_LIMITED");
  auto done = parse_message(complete_frame("7"));
  ASSERT_TRUE(done);
  EXPECT_EQ(done->id, "7");
}

TEST(frames, subscribe_round_trips) {
  subscribe_payload payload{"query Q { a }", "Q", R"({"v":1})", R"({"e":true})"};
  auto parsed = parse_message(subscribe_frame("s1", payload));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->id, "s1");
  EXPECT_EQ(parsed->subscribe, payload);
  auto init = parse_message(connection_init_frame(R"({"token":"t"})"));
  ASSERT_TRUE(init);
  EXPECT_EQ(init->type, message_type::connection_init);
}

}  // namespace
}  // namespace streamhub::graphql_ws
