#include "tools/loadgen/chat_wire.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace streamhub::loadgen {
namespace {

TEST(chat_wire, text_round_trip_and_padding) {
  const std::string text = make_chat_text({3, 42, 123456789}, 64);
  EXPECT_EQ(text.size(), 64u);
  const auto t = parse_chat_text(text);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->publisher, 3u);
  EXPECT_EQ(t->number, 42u);
  EXPECT_EQ(t->intended_ns, 123456789);
  EXPECT_FALSE(parse_chat_text("warm-up"));
}

TEST(chat_wire, reads_a_streamhub_delivery) {
  const auto d = graphql_ws_delivery(
      R"({"id":"s","type":"next","payload":{"data":{"chatMessages":{"sequence":17,"text":"0:5:99:xx"}}}})");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->sequence, 17u);
  EXPECT_EQ(d->text, "0:5:99:xx");
  EXPECT_FALSE(graphql_ws_delivery(R"({"id":"m1","type":"next","payload":{}})"));
}

TEST(chat_wire, reads_publish_answers) {
  const auto ok = graphql_ws_publish_answer(
      R"({"id":"m12","type":"next","payload":{"data":{"sendChatMessage":{"sequence":40}}}})");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->number, 12u);
  EXPECT_EQ(ok->sequence, 40u);
  const auto refused = graphql_ws_publish_answer(
      R"({"id":"m13","type":"next","payload":{"errors":[{"message":"slow down","extensions":{"code":"RATE_LIMITED"}}],"data":null}})");
  ASSERT_TRUE(refused);
  EXPECT_FALSE(refused->sequence);
  EXPECT_EQ(refused->error, "slow down");
  EXPECT_FALSE(graphql_ws_publish_answer(R"({"id":"m12","type":"complete"})"));
}

TEST(chat_wire, nats_messages_split_across_websocket_messages) {
  std::string carry;
  std::vector<std::string> payloads;
  auto take = [&](std::string_view m) {
    return nats_take(m, carry, [&](std::string_view p) { payloads.emplace_back(p); });
  };
  EXPECT_EQ(take("INFO {}\r\nMSG streamhub.bench 1 5\r\nhel"), "");
  EXPECT_TRUE(payloads.empty());
  EXPECT_EQ(take("lo\r\nPING\r\nMSG streamhub.bench 1 2\r\nab\r\n"), "PONG\r\n");
  ASSERT_EQ(payloads.size(), 2u);
  EXPECT_EQ(payloads[0], "hello");
  EXPECT_EQ(payloads[1], "ab");
  EXPECT_TRUE(carry.empty());
  EXPECT_EQ(nats_publish("abc"), "PUB streamhub.bench 3\r\nabc\r\n");
}

}  // namespace
}  // namespace streamhub::loadgen
