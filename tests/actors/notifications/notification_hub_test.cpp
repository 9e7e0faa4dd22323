// Live notifications through the runtime: followers hear that a channel went
// live, owners hear of new followers, raids and subscriptions; a channel with
// thousands of followers stays responsive while they are notified.
#include "actors/notifications/notification_hub.hpp"

#include <gtest/gtest.h>

#include <optional>

#include "tests/actors/runtime_fixture.hpp"

namespace streamhub::actors {
namespace {

using namespace domain;

class recording_notifications final : public notification_subscriber {
 public:
  bool on_notification(std::string_view recipient, const published_event_ptr& event) override {
    received.emplace_back(std::string(recipient), event->envelope.type);
    return keep_subscribed;
  }
  std::vector<std::pair<std::string, std::string>> received;
  bool keep_subscribed = true;
};

class NotificationTest : public testing::runtime_fixture {
 protected:
  void SetUp() override {
    for (const char* login : {"alice", "bob", "carol"}) sign_up(login);
  }
  std::shared_ptr<recording_notifications> listen(std::string_view login) {
    auto sub = std::make_shared<recording_notifications>();
    rt_->subscribe_notifications(login, sub);
    return sub;
  }
  using pairs = std::vector<std::pair<std::string, std::string>>;
};

TEST_F(NotificationTest, FollowersHearThatAChannelWentLive) {
  auto bob = listen("bob");
  auto carol = listen("carol");
  ASSERT_TRUE(execute("alice", as("bob"), channel_command{follow_channel{}}));
  ASSERT_TRUE(execute("alice", as("alice"), channel_command{go_live{"Speedrun", "Games"}}));
  EXPECT_EQ(bob->received, (pairs{{"bob", "stream.live"}}));
  EXPECT_TRUE(carol->received.empty());  // Not a follower.
  // Going offline and updating the stream notify nobody.
  ASSERT_TRUE(execute("alice", as("alice"), channel_command{update_stream{"New", {}}}));
  ASSERT_TRUE(execute("alice", as("alice"), channel_command{go_offline{}}));
  EXPECT_EQ(bob->received.size(), 1u);
}

TEST_F(NotificationTest, UnfollowedUsersAreNotNotified) {
  auto bob = listen("bob");
  ASSERT_TRUE(execute("alice", as("bob"), channel_command{follow_channel{}}));
  ASSERT_TRUE(execute("alice", as("bob"), channel_command{unfollow_channel{}}));
  ASSERT_TRUE(execute("alice", as("alice"), channel_command{go_live{"t", "c"}}));
  EXPECT_TRUE(bob->received.empty());
}

TEST_F(NotificationTest, OwnersHearOfFollowersRaidsAndSubscriptions) {
  auto alice = listen("alice");
  auto bob = listen("bob");
  ASSERT_TRUE(execute("alice", as("bob"), channel_command{follow_channel{}}));
  ASSERT_TRUE(execute("alice", as("carol"), channel_command{subscribe_channel{1, {}}}));
  ASSERT_TRUE(execute("alice", as("carol"), channel_command{subscribe_channel{2, "bob"}}));
  ASSERT_TRUE(execute("alice", as("alice"), channel_command{go_live{"t", "c"}}));
  ASSERT_TRUE(execute("bob", as("bob"), channel_command{go_live{"t", "c"}}));
  ASSERT_TRUE(execute("bob", as("bob"), channel_command{start_raid{"alice"}}));
  EXPECT_EQ(alice->received, (pairs{{"alice", "user.new_follower"},
                                    {"alice", "subscription.new"},
                                    {"alice", "subscription.new"},
                                    {"alice", "raid.incoming"}}));
  // bob follows alice, so he hears she went live; his own raid is no news to him.
  EXPECT_EQ(bob->received, (pairs{{"bob", "stream.live"}}));
}

TEST_F(NotificationTest, AnIdempotentFollowNotifiesOnce) {
  auto alice = listen("alice");
  ASSERT_TRUE(execute("alice", as("bob"), channel_command{follow_channel{}}));
  ASSERT_TRUE(execute("alice", as("bob"), channel_command{follow_channel{}}));
  EXPECT_EQ(alice->received.size(), 1u);
}

TEST_F(NotificationTest, EverySessionOfAUserHearsItWhateverCaseItNamedTheUser) {
  auto first = listen("bob");
  auto second = listen("Bob");
  ASSERT_TRUE(execute("alice", as("bob"), channel_command{follow_channel{}}));
  ASSERT_TRUE(execute("alice", as("alice"), channel_command{go_live{"t", "c"}}));
  EXPECT_EQ(first->received, (pairs{{"bob", "stream.live"}}));
  EXPECT_EQ(second->received, (pairs{{"bob", "stream.live"}}));
}

TEST_F(NotificationTest, UnsubscribedOrDecliningSubscribersHearNothingMore) {
  auto bob = listen("bob");
  auto carol = std::make_shared<recording_notifications>();
  const auto carol_id = rt_->subscribe_notifications("carol", carol);
  bob->keep_subscribed = false;
  ASSERT_TRUE(execute("alice", as("bob"), channel_command{follow_channel{}}));
  ASSERT_TRUE(execute("alice", as("carol"), channel_command{follow_channel{}}));
  ASSERT_TRUE(execute("alice", as("alice"), channel_command{go_live{"t", "c"}}));
  ASSERT_TRUE(execute("alice", as("alice"), channel_command{go_offline{}}));
  rt_->unsubscribe_notifications("carol", carol_id);
  ASSERT_TRUE(execute("alice", as("alice"), channel_command{go_live{"again", "c"}}));
  EXPECT_EQ(bob->received.size(), 1u);
  EXPECT_EQ(carol->received.size(), 1u);
  EXPECT_EQ(rt_->stats().notification_subscribers, 0u);
}

// Counts deliveries for any number of recipients.
class counting_notifications final : public notification_subscriber {
 public:
  bool on_notification(std::string_view, const published_event_ptr&) override {
    ++count;
    return true;
  }
  std::size_t count = 0;
};

TEST_F(NotificationTest, ThousandsOfFollowersDoNotBlockTheChannel) {
  constexpr std::size_t kFollowers = 5000;
  // The followers are written straight to the log: 5,000 follows through the
  // runtime would say nothing more.
  std::vector<storage::proposed_event> follows;
  auto counter = std::make_shared<counting_notifications>();
  for (std::size_t i = 0; i < kFollowers; ++i) {
    const auto login = "fan" + std::to_string(i);
    storage::proposed_event e;
    e.id = event_id::generate();
    e.type = "user.new_follower";
    e.timestamp_us = now_us;
    e.actor = "user:" + login;
    e.payload = R"({"user":")" + login + R"("})";
    follows.push_back(std::move(e));
    rt_->subscribe_notifications(login, counter);
  }
  ASSERT_TRUE(log_.append("channel:alice", expected_version::no_stream(), std::move(follows)));

  auto issue = [&](channel_command cmd, std::optional<result<command_outcome>>& out) {
    rt_->execute("alice", as("alice"), std::move(cmd),
                 [&out](result<command_outcome> r) { out.emplace(std::move(r)); });
  };
  auto step_until = [&](const std::optional<result<command_outcome>>& out) {
    while (!out && step_fair()) {
    }
    ASSERT_TRUE(out);
    ASSERT_TRUE(*out) << (*out).err().message;
  };

  std::optional<result<command_outcome>> live, update;
  issue(go_live{"Big stream", "Games"}, live);
  step_until(live);
  // The channel handed the followers to the fan-out and answered: nobody
  // has been notified yet.
  EXPECT_EQ(counter->count, 0u);
  issue(update_stream{"Still big", {}}, update);
  step_until(update);
  // The channel answered its next command while the fan-out was under way.
  EXPECT_GT(counter->count, 0u);
  EXPECT_LT(counter->count, kFollowers);
  run();
  EXPECT_EQ(counter->count, kFollowers);
  EXPECT_EQ(rt_->stats().notifications_delivered, kFollowers);
}

}  // namespace
}  // namespace streamhub::actors
