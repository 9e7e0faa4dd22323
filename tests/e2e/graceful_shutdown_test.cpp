// Graceful shutdown under load: SIGTERM while a subscriber listens and
// writers send chat messages. The subscriber is closed with 1001, the
// server exits cleanly, and after a restart every message that was
// answered with data is in the room: nothing accepted is lost.

#include "tests/e2e/support/e2e_test.hpp"

namespace streamhub::e2e {
namespace {

using graceful_shutdown_test = e2e_test;

TEST_F(graceful_shutdown_test, SigtermClosesWith1001AndLosesNothingAccepted) {
  ASSERT_TRUE(start_server({"--limits-off"}));
  auto client = start("clients/shutdown_writer.mjs");
  auto ready = client->next(std::chrono::seconds(60));
  ASSERT_TRUE(ready && (*ready)["ready"] == true) << client->skipped() << client->finish().describe();

  EXPECT_EQ(stop_server(), 0) << server().log();
  auto r = client->finish();
  ASSERT_EQ(r.exit_code, 0) << r.describe();
  const auto report = r.json();
  EXPECT_EQ(report["close"]["code"], 1001) << report;
  EXPECT_EQ(report["close"]["reason"], "Server shutting down") << report;
  ASSERT_GE(report["acked"].size(), 8u) << report;

  ASSERT_TRUE(start_server());
  auto replay = run("clients/chat_replay.mjs", {report["after"].get<std::string>(), report["acked"].dump()});
  ASSERT_EQ(replay.exit_code, 0) << replay.describe() << "\nacknowledged: " << report["acked"];
  EXPECT_GE(replay.json()["received"].get<std::size_t>(), report["acked"].size());
}

}  // namespace
}  // namespace streamhub::e2e
