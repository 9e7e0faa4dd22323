// Every close code of graphql-transport-ws, provoked with a raw `ws` client
// (graphql-ws never sends what provokes them), each followed by proof that
// the server still serves.

#include "tests/e2e/support/e2e_test.hpp"

namespace streamhub::e2e {
namespace {

using json = nlohmann::json;
using namespace ws_steps;

class close_codes_test : public e2e_test {
 protected:
  json steps(json list) { return raw_ws({{"steps", std::move(list)}}); }
  const json init_ = init();
  const json ack_ = await("connection_ack");
};

TEST_F(close_codes_test, MalformedMessagesClose4400) {
  ASSERT_TRUE(start_server());
  const json cases = json::array({
      json::array({send("{not json")}),
      json::array({send(R"({"type":"no_such_type"})")}),
      json::array({init_, ack_, send({{"type", "next"}, {"id", "1"}, {"payload", json::object()}})}),
      json::array({init_, ack_, send({{"type", "subscribe"}, {"payload", {{"query", "{ __typename }"}}}})}),
      json::array({init_, ack_, subscribe(std::string(129, 'x'), "{ __typename }")}),
  });
  for (const auto& c : cases) {
    auto report = steps(c);
    EXPECT_EQ(report["close"]["code"], 4400) << c << "\n" << report;
    EXPECT_FALSE(report["close"]["reason"].get<std::string>().empty()) << report;
  }
  expect_serving();
}

TEST_F(close_codes_test, SubscribeBeforeAckCloses4401) {
  ASSERT_TRUE(start_server());
  auto report = steps(json::array({subscribe("1", "{ __typename }")}));
  EXPECT_EQ(report["close"], json::parse(R"({"code":4401,"reason":"Unauthorized"})")) << report;
  expect_serving();
}

TEST_F(close_codes_test, RefusedTokenAtInitCloses4403) {
  ASSERT_TRUE(start_server());
  auto report = steps(json::array({init({{"token", "not.a.token"}})}));
  EXPECT_EQ(report["close"]["code"], 4403) << report;
  EXPECT_TRUE(report["messages"].empty()) << report;
  expect_serving();
}

TEST_F(close_codes_test, MissingSubprotocolCloses4406) {
  ASSERT_TRUE(start_server());
  auto report = raw_ws({{"protocols", json::array()}, {"steps", json::array({init_})}});
  EXPECT_EQ(report["protocol"], "") << report;
  EXPECT_EQ(report["close"], json::parse(R"({"code":4406,"reason":"Subprotocol not acceptable"})")) << report;
  // Offering only another subprotocol: the upgrade names none, which a
  // WebSocket client refuses itself (RFC 6455 4.1), as with graphql-ws's
  // own server.
  report = raw_ws({{"protocols", json::array({"graphql-ws"})}, {"steps", json::array({init_})}});
  EXPECT_EQ(report["error"], "Server sent no subprotocol") << report;
  expect_serving();
}

TEST_F(close_codes_test, NoInitInTimeCloses4408) {
  ASSERT_TRUE(start_server({"--limit", "connection_init_timeout_ms=200"}));
  auto report = steps(json::array());
  EXPECT_EQ(report["close"], json::parse(R"({"code":4408,"reason":"Connection initialisation timeout"})"))
      << report;
  expect_serving();
}

TEST_F(close_codes_test, ActiveOperationIdReusedCloses4409) {
  ASSERT_TRUE(start_server());
  ASSERT_FALSE(register_user("host").empty());
  const std::string chat = R"(subscription { chatMessages(channel: "host") { sequence } })";
  auto report = steps(json::array({init_, ack_, subscribe("same", chat), subscribe("same", chat)}));
  EXPECT_EQ(report["close"], json::parse(R"({"code":4409,"reason":"Subscriber for same already exists"})"))
      << report;
  // An id whose operation completed may be used again.
  report = raw_ws({{"steps", json::array({init_, ack_, subscribe("q", "{ __typename }"), await("complete"),
                                       subscribe("q", "{ __typename }"), await("next", "q")})},
                {"waitClose", false}});
  EXPECT_EQ(report["close"]["code"], 1000) << report;
  expect_serving();
}

TEST_F(close_codes_test, SecondInitCloses4429) {
  ASSERT_TRUE(start_server());
  auto report = steps(json::array({init_, ack_, init_}));
  EXPECT_EQ(report["close"], json::parse(R"({"code":4429,"reason":"Too many initialisation requests"})")) << report;
  expect_serving();
}

}  // namespace
}  // namespace streamhub::e2e
