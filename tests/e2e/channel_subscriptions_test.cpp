// The graphql-ws client from npm against a channel's live subscriptions:
// streamEvents (every kind of channel event with its sequence number and
// event id, checked against the log through streamhub admin; resuming with
// `after` gives exactly the missed events), viewerCount (joins and leaves of
// chat viewers) and notifications (a follower told of a go-live, a
// broadcaster of followers, raids and subscriptions). The client scripts
// assert the details and print a summary checked here.

#include "tests/e2e/support/e2e_test.hpp"

#include <map>

namespace streamhub::e2e {
namespace {

using json = nlohmann::json;
using channel_subscriptions_test = e2e_test;

std::vector<std::string> types_of(const json& events) {
  std::vector<std::string> out;
  for (const auto& e : events) out.push_back(e["type"].get<std::string>());
  return out;
}

TEST_F(channel_subscriptions_test, StreamEventsDeliverEveryKindAndResumeWithExactlyTheMissedOnes) {
  ASSERT_TRUE(start_server());
  auto r = run("clients/stream_events.mjs");
  ASSERT_EQ(r.exit_code, 0) << r.describe();
  const json report = r.json();
  EXPECT_EQ(types_of(report["witness"]),
            (std::vector<std::string>{"StreamWentLive", "NewFollower", "RaidIncoming", "NewSubscription",
                                      "NewSubscription", "StreamWentOffline", "StreamWentLive", "StreamUpdated"}))
      << report;
  // The missed four, then the two that came live.
  EXPECT_EQ(types_of(report["resumed"]),
            (std::vector<std::string>{"RaidIncoming", "NewSubscription", "NewSubscription", "StreamWentOffline",
                                      "StreamWentLive", "StreamUpdated"}))
      << report;
  ASSERT_EQ(report["resumed"].size(), 6u) << report;
  EXPECT_GT(report["resumed"][0]["sequence"], report["resumedAfter"]) << report;

  // Each delivered sequence number and id are those of the event in the log.
  const auto answers = admin({"events channel:host --limit 100"});
  ASSERT_EQ(answers.size(), 1u);
  std::map<std::uint64_t, json> logged;
  for (const auto& e : answers[0]["events"]) logged[e["version"].get<std::uint64_t>()] = e;
  const std::map<std::string, std::string> wire_type = {
      {"StreamWentLive", "stream.live"},       {"StreamUpdated", "stream.updated"},
      {"StreamWentOffline", "stream.offline"}, {"NewFollower", "user.new_follower"},
      {"RaidIncoming", "raid.incoming"},       {"NewSubscription", "subscription.new"}};
  for (const auto& e : report["witness"]) {
    SCOPED_TRACE(e.dump());
    const auto it = logged.find(e["sequence"].get<std::uint64_t>());
    ASSERT_NE(it, logged.end()) << answers[0];
    EXPECT_EQ(it->second["id"], e["id"]);
    EXPECT_EQ(it->second["type"], wire_type.at(e["type"].get<std::string>()));
  }
}

TEST_F(channel_subscriptions_test, ViewerCountFollowsChatViewersJoiningAndLeaving) {
  ASSERT_TRUE(start_server());
  auto r = run("clients/viewer_count.mjs");
  ASSERT_EQ(r.exit_code, 0) << r.describe();
  EXPECT_EQ(r.json()["counts"], json({1, 2, 1, 0})) << r.describe();
  EXPECT_EQ(r.json()["refused"], "BAD_USER_INPUT") << r.describe();
}

TEST_F(channel_subscriptions_test, NotificationsTellFollowersOfAGoLiveAndBroadcastersOfFollowersRaidsAndSubscriptions) {
  ASSERT_TRUE(start_server());
  auto r = run("clients/live_notifications.mjs");
  ASSERT_EQ(r.exit_code, 0) << r.describe();
  const json report = r.json();
  EXPECT_EQ(report["fan"], json::parse(R"([{"kind":"STREAM_LIVE","channel":"host","actor":null}])")) << report;
  EXPECT_EQ(report["other"], json::parse(R"([{"kind":"NEW_FOLLOWER","channel":"other","actor":"fan"}])")) << report;
  EXPECT_EQ(report["host"], json::parse(R"([{"kind":"NEW_FOLLOWER","channel":"host","actor":"fan"},
                                             {"kind":"NEW_FOLLOWER","channel":"host","actor":"other"},
                                             {"kind":"RAID_INCOMING","channel":"host","actor":"other"},
                                             {"kind":"NEW_SUBSCRIPTION","channel":"host","actor":"fan"}])"))
      << report;
  EXPECT_EQ(report["anonymous"], "UNAUTHENTICATED") << report;
}

}  // namespace
}  // namespace streamhub::e2e
