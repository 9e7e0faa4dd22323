// Keep-alive and idle timeouts as a client sees them: graphql-transport-ws
// ping/pong, a WebSocket peer that stops answering ping frames, an idle HTTP
// keep-alive connection. Each timeout is made small with `serve --limit`;
// the tests wait for the server's close, never for a clock.

#include "tests/e2e/support/e2e_test.hpp"

namespace streamhub::e2e {
namespace {

using json = nlohmann::json;
using namespace ws_steps;

using timeouts_test = e2e_test;

TEST_F(timeouts_test, PingIsAnsweredWithPongBeforeAndAfterTheAck) {
  ASSERT_TRUE(start_server());
  auto report = raw_ws({{"steps", json::array({send({{"type", "ping"}}), await("pong"), init(),
                                               await("connection_ack"),
                                               send({{"type", "ping"}, {"payload", {{"n", 2}}}}), await("pong")})},
                        {"waitClose", false}});
  const json expected = json::parse(
      R"([{"type":"pong"},{"type":"connection_ack"},{"type":"pong","payload":{"n":2}}])");
  EXPECT_EQ(report["messages"], expected) << report;
  EXPECT_EQ(report["close"]["code"], 1000) << report;
}

TEST_F(timeouts_test, PeerNotAnsweringPingsIsDroppedWhileAnotherConnectionStays) {
  // Pinged after 100 ms of silence, dropped after 2 s: longer than the
  // 500 ms sweep, so a peer that answers pings is never silent that long.
  ASSERT_TRUE(start_server({"--limit", "ping_interval_ms=100", "--limit", "idle_timeout_ms=2000"}));
  auto r = run("clients/dead_peer.mjs");
  ASSERT_EQ(r.exit_code, 0) << r.describe();
  const json report = r.json();
  EXPECT_GE(report["silent"]["pings"].get<int>(), 1) << report;  // pinged before being dropped
  // Dropped without a close frame: a dead peer would not read one.
  EXPECT_EQ(report["silent"]["close"]["code"], 1006) << report;
  EXPECT_GE(report["healthy"]["pings"].get<int>(), 1) << report;  // kept alive by its pongs
  EXPECT_EQ(report["healthy"]["answer"],
            json::parse(R"({"type":"next","id":"q","payload":{"data":{"__typename":"Query"}}})"))
      << report;
  EXPECT_EQ(report["healthy"]["close"]["code"], 1000) << report;
}

TEST_F(timeouts_test, IdleHttpConnectionsAreClosed) {
  ASSERT_TRUE(start_server({"--limit", "http_idle_timeout_ms=300"}));
  const std::string healthz = "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n";
  auto r = run("clients/raw_tcp.mjs",
               {json{{"connections", json::array({
                                         // Kept alive after its answer, then idle.
                                         {{"send", healthz}, {"until", "close"}},
                                         // Nothing sent at all.
                                         {{"until", "close"}},
                                         // A request that never ends.
                                         {{"send", "GET /healthz HTTP/1.1\r\nHost: loc"}, {"until", "close"}},
                                     })}}
                    .dump()});
  ASSERT_EQ(r.exit_code, 0) << r.describe();
  const json report = r.json();
  const json& kept = report["connections"][0];
  EXPECT_EQ(kept["status"], 200) << report;
  EXPECT_EQ(kept["received"].get<std::string>().find("Connection: close"), std::string::npos) << report;
  EXPECT_TRUE(kept["received"].get<std::string>().ends_with("\r\n\r\nok")) << report;
  for (const json& c : report["connections"]) EXPECT_TRUE(c["serverClosed"]) << report;
  EXPECT_EQ(report["connections"][1]["received"], "") << report;
  EXPECT_EQ(report["connections"][2]["received"], "") << report;
  expect_serving();
}

}  // namespace
}  // namespace streamhub::e2e
