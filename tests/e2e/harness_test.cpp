// The e2e harness itself: the server comes up on a free port, clients reach
// it, SIGTERM stops it cleanly and a restart on the same data keeps it.

#include "tests/e2e/support/e2e_test.hpp"

namespace streamhub::e2e {
namespace {

using harness_test = e2e_test;

TEST_F(harness_test, ServerComesUpAnswersClientsAndStopsOnSigterm) {
  ASSERT_TRUE(start_server());
  EXPECT_NE(server().port(), 0);

  auto health = run("clients/http.mjs", {R"({"path":"/healthz"})"});
  ASSERT_EQ(health.exit_code, 0) << health.describe();
  EXPECT_EQ(health.json()["status"], 200) << health.describe();

  EXPECT_EQ(stop_server(), 0) << server().log();
  EXPECT_NE(server().log().find("streamhub stopped"), std::string::npos) << server().log();
}

TEST_F(harness_test, RestartOnTheSameDataKeepsWhatWasAccepted) {
  ASSERT_TRUE(start_server());
  ASSERT_FALSE(register_user("keeper").empty());
  ASSERT_EQ(stop_server(), 0) << server().log();

  ASSERT_TRUE(start_server());
  auto login = graphql(R"(mutation { login(login: "keeper", password: "correct horse battery") { user { login } } })");
  EXPECT_EQ(login["json"]["data"]["login"]["user"]["login"], "keeper") << login;
}

TEST_F(harness_test, AFailingClientExitsNonZero) {
  // No server: the script's fetch fails, it must not report success.
  auto r = run("clients/http.mjs", {R"({"path":"/healthz"})"}, {{"STREAMHUB_BASE_URL", "http://127.0.0.1:1"}});
  EXPECT_NE(r.exit_code, 0) << r.describe();
}

}  // namespace
}  // namespace streamhub::e2e
