// /metrics after real traffic: WebSocket connections and operations rise
// while clients are connected and fall back when they complete and leave,
// next frames and notifications delivered are counted, two viewers of one
// room share one subscription to the room's actor, and the commands and
// events behind the traffic are counted.

#include "tests/e2e/support/e2e_test.hpp"

#include <map>

namespace streamhub::e2e {
namespace {

using json = nlohmann::json;
using metrics_test = e2e_test;

TEST_F(metrics_test, ConnectionsSubscriptionsAndDeliveriesMoveWithRealTraffic) {
  ASSERT_TRUE(start_server());
  auto r = run("clients/metrics_traffic.mjs");
  ASSERT_EQ(r.exit_code, 0) << r.describe();
  std::map<std::string, json> at;  // The last scrape of each stage.
  for (const auto& line : r.lines())
    if (line.contains("at")) at[line["at"].get<std::string>()] = line["values"];
  for (const char* stage : {"idle", "subscribed", "delivered", "completed", "settled"})
    ASSERT_TRUE(at.contains(stage)) << stage << "\n" << r.describe();
  for (const auto& [stage, values] : at)
    for (const auto& [name, value] : values.items()) EXPECT_TRUE(value.is_number()) << stage << ": " << name;
  const auto value = [&](const char* stage, const char* name) { return at[stage][name].get<double>(); };
  const auto delta = [&](const char* from, const char* to, const char* name) {
    return value(to, name) - value(from, name);
  };

  // Three sockets (two viewers, one notification inbox), three operations.
  EXPECT_EQ(value("idle", "streamhub_websocket_connections"), 0);
  EXPECT_EQ(value("subscribed", "streamhub_websocket_connections"), 3);
  EXPECT_EQ(delta("idle", "subscribed", "streamhub_websocket_connections_total"), 3);
  EXPECT_EQ(delta("idle", "subscribed", "streamhub_subscriptions"), 3);
  EXPECT_EQ(delta("idle", "subscribed", "streamhub_notification_subscribers"), 1);

  // 3 messages to each of 2 viewers and one notification: at least 7 next
  // frames (the round trips' answers count too).
  EXPECT_GE(delta("subscribed", "delivered", "streamhub_subscription_deliveries_total"), 7);
  // One relay per room on the node: both viewers ride one entity
  // subscription (certainly made by now: the messages came through it).
  EXPECT_EQ(delta("idle", "delivered", "streamhub_entity_subscriptions"), 1);
  EXPECT_GE(delta("idle", "delivered", "streamhub_events_published_total"), 4);  // 3 messages, 1 go-live
  EXPECT_GE(delta("idle", "delivered", "streamhub_commands_total"), 4);
  EXPECT_GE(delta("idle", "delivered", "streamhub_appends_total"), 4);
  EXPECT_GT(delta("idle", "delivered", "streamhub_graphql_operations_total"), 0);
  EXPECT_GT(delta("idle", "delivered", "streamhub_http_requests_total"), 0);

  // Completed operations leave at once; closed sockets and the emptied relay
  // once the server has seen them go.
  EXPECT_EQ(value("completed", "streamhub_subscriptions"), value("idle", "streamhub_subscriptions"));
  EXPECT_EQ(value("completed", "streamhub_notification_subscribers"), 0);
  EXPECT_EQ(value("settled", "streamhub_websocket_connections"), 0);
  EXPECT_EQ(value("settled", "streamhub_entity_subscriptions"), value("idle", "streamhub_entity_subscriptions"));
  EXPECT_GE(value("settled", "streamhub_notifications_delivered_total"), 1);
}

}  // namespace
}  // namespace streamhub::e2e
