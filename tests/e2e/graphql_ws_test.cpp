// The graphql-ws client from npm against the real server: subscriptions
// (subscribe, receive, complete), resuming with `after` after a reconnect,
// and queries and mutations over the socket. The client script asserts the
// details and prints a summary checked here.

#include "tests/e2e/support/e2e_test.hpp"

namespace streamhub::e2e {
namespace {

using json = nlohmann::json;
using namespace ws_steps;
using graphql_ws_test = e2e_test;

TEST_F(graphql_ws_test, SubscribeReceiveAndComplete) {
  ASSERT_TRUE(start_server());
  auto r = run("clients/graphql_ws_chat.mjs", {"subscribe"});
  ASSERT_EQ(r.exit_code, 0) << r.describe();
  EXPECT_EQ(r.json()["received"], nlohmann::json({"one", "two"})) << r.describe();
  EXPECT_EQ(r.json()["active"], 0);
}

TEST_F(graphql_ws_test, ReconnectWithAfterReceivesExactlyTheMissedMessages) {
  ASSERT_TRUE(start_server());
  auto r = run("clients/graphql_ws_chat.mjs", {"resume"});
  ASSERT_EQ(r.exit_code, 0) << r.describe();
  EXPECT_EQ(r.json()["after"], nlohmann::json({"m3", "m4", "m5", "m6"})) << r.describe();
}

TEST_F(graphql_ws_test, QueriesAndMutationsOverTheSocket) {
  ASSERT_TRUE(start_server());
  auto r = run("clients/graphql_ws_chat.mjs", {"operations"});
  ASSERT_EQ(r.exit_code, 0) << r.describe();
  EXPECT_EQ(r.json()["mutation"]["sendChatMessage"]["text"], "over the socket") << r.describe();
}

TEST_F(graphql_ws_test, PermessageDeflateOfferedIsNotAcceptedAndTheSessionWorks) {
  ASSERT_TRUE(start_server());
  const json session = json::array({init(), await("connection_ack"), subscribe("q", "{ __typename }"),
                                    await("complete", "q")});
  // The ws package's own offer (permessage-deflate; client_max_window_bits).
  auto report = raw_ws({{"perMessageDeflate", true}, {"steps", session}, {"waitClose", false}});
  EXPECT_EQ(report["status"], 101) << report;
  EXPECT_TRUE(report["extensions"].is_null()) << report;
  EXPECT_EQ(report["messages"][1], json::parse(R"({"type":"next","id":"q","payload":{"data":{"__typename":"Query"}}})"))
      << report;
  EXPECT_EQ(report["close"]["code"], 1000) << report;
  // The bare header, from a client that did not set up compression itself:
  // an extension in the answer would fail its handshake.
  report = raw_ws({{"perMessageDeflate", false},
                   {"headers", {{"Sec-WebSocket-Extensions", "permessage-deflate"}}},
                   {"steps", session},
                   {"waitClose", false}});
  EXPECT_EQ(report["status"], 101) << report;
  EXPECT_TRUE(report["extensions"].is_null()) << report;
  EXPECT_EQ(report["messages"].size(), 3u) << report;
  EXPECT_EQ(report["close"]["code"], 1000) << report;
}

}  // namespace
}  // namespace streamhub::e2e
