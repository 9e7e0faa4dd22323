// The graphql-ws client from npm against the real server: subscriptions
// (subscribe, receive, complete), resuming with `after` after a reconnect,
// and queries and mutations over the socket. The client script asserts the
// details and prints a summary checked here.

#include "tests/e2e/support/e2e_test.hpp"

namespace streamhub::e2e {
namespace {

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

}  // namespace
}  // namespace streamhub::e2e
