// The channel rules of actors/entities/channel_entity.hpp, each through the
// runtime. Raids have their own file (tests/actors/raid_test.cpp).
#include "actors/entities/channel_entity.hpp"

#include <gtest/gtest.h>

#include "protocol/domain/event_codec.hpp"
#include "tests/actors/recording_subscriber.hpp"
#include "tests/actors/runtime_fixture.hpp"

namespace streamhub::actors {
namespace {

using namespace domain;

constexpr std::int64_t kDayUs = 86'400'000'000;

class ChannelEntityTest : public testing::runtime_fixture {
 protected:
  void SetUp() override {
    sign_up("alice");
    sign_up("bob");
  }
  channel_state channel(std::string_view login) {
    channel_state out;
    read(&runtime::read_channel, login, [&](const channel_state& s, event_number) { out = s; });
    return out;
  }
  result<command_outcome> on_alice(domain::command_context ctx, channel_command cmd) {
    return execute("alice", std::move(ctx), std::move(cmd));
  }
  /// The channel's last event, decoded.
  channel_event last_event(const std::string& stream = "channel:alice") {
    auto version = log_.stream_version(stream).value();
    auto e = log_.read_stream(stream, version, 1).value().front();
    return decode_channel_event(e.type, e.schema_version, e.payload).value();
  }
  static domain::command_context system() {
    domain::command_context ctx;
    ctx.is_system = true;
    return ctx;
  }
};

// -- who may do what ---------------------------------------------------------------

TEST_F(ChannelEntityTest, ChannelOfAnUnregisteredUserIsNotFound) {
  const std::vector<channel_command> commands = {
      go_live{"t", "c"}, update_stream{"t", {}}, go_offline{},   follow_channel{},
      unfollow_channel{}, start_raid{"bob"},     subscribe_channel{1, {}},
      add_moderator{"bob"}, remove_moderator{"bob"}};
  for (const auto& cmd : commands) {
    SCOPED_TRACE(cmd.index());
    expect_error(execute("ghost", as("ghost", true), cmd), error_code::not_found);
  }
  EXPECT_FALSE(log_.stream_version("channel:ghost").value());
}

TEST_F(ChannelEntityTest, OwnerOnlyCommandsRefuseOthers) {
  const std::vector<channel_command> commands = {go_live{"t", "c"}, update_stream{"t", {}},
                                                 go_offline{},      start_raid{"bob"},
                                                 add_moderator{"carol"}, remove_moderator{"carol"}};
  for (const auto& cmd : commands) {
    SCOPED_TRACE(cmd.index());
    expect_error(on_alice(as("bob"), cmd), error_code::forbidden);
    expect_error(on_alice(as(""), cmd), error_code::forbidden);
  }
  // A moderator is not the broadcaster either.
  ASSERT_TRUE(on_alice(as("alice"), add_moderator{"bob"}));
  expect_error(on_alice(as("bob"), go_live{"t", "c"}), error_code::forbidden);
}

TEST_F(ChannelEntityTest, AdminsAndTheSystemMayActForTheOwner) {
  ASSERT_TRUE(on_alice(as("root", /*admin=*/true), go_live{"Maintenance", "Talk"}));
  ASSERT_TRUE(on_alice(system(), update_stream{"Back soon", {}}));
  ASSERT_TRUE(on_alice(as("root", true), go_offline{}));
}

TEST_F(ChannelEntityTest, SystemOnlyCommandsRefuseEveryone) {
  ASSERT_TRUE(on_alice(as("alice"), go_live{"t", "c"}));
  const std::vector<channel_command> commands = {receive_raid{"r", "bob", 1},
                                                 complete_raid{"r", true, ""}, sample_viewers{}};
  for (const auto& cmd : commands) {
    SCOPED_TRACE(cmd.index());
    expect_error(on_alice(as("alice"), cmd), error_code::forbidden);
    expect_error(on_alice(as("root", true), cmd), error_code::forbidden);
  }
}

// -- live status ---------------------------------------------------------------------

TEST_F(ChannelEntityTest, GoLiveNeedsTitleAndCategoryWithinLimits) {
  expect_error(on_alice(as("alice"), go_live{"", "Games"}), error_code::invalid);
  expect_error(on_alice(as("alice"), go_live{std::string(141, 't'), "Games"}), error_code::invalid);
  expect_error(on_alice(as("alice"), go_live{"Title", ""}), error_code::invalid);
  expect_error(on_alice(as("alice"), go_live{"Title", std::string(51, 'c')}), error_code::invalid);
  expect_error(on_alice(as("alice"), go_live{"Tab\there", "Games"}), error_code::invalid);
  ASSERT_TRUE(on_alice(as("alice"), go_live{std::string(140, 't'), std::string(50, 'c')}));
  const auto s = channel("alice");
  EXPECT_TRUE(s.live);
  EXPECT_EQ(s.live_since_us, now_us);
  EXPECT_FALSE(s.session_id.empty());
}

TEST_F(ChannelEntityTest, LiveTwiceOrOfflineTwiceConflicts) {
  expect_error(on_alice(as("alice"), go_offline{}), error_code::conflict);
  expect_error(on_alice(as("alice"), update_stream{"t", {}}), error_code::conflict);
  ASSERT_TRUE(on_alice(as("alice"), go_live{"t", "c"}));
  expect_error(on_alice(as("alice"), go_live{"t", "c"}), error_code::conflict);
  ASSERT_TRUE(on_alice(as("alice"), go_offline{}));
  expect_error(on_alice(as("alice"), go_offline{}), error_code::conflict);
  EXPECT_FALSE(channel("alice").live);
}

TEST_F(ChannelEntityTest, OfflineRecordsDurationAndPeakViewersFromPresence) {
  rt_->viewer_joined("alice");
  rt_->viewer_joined("alice");
  run();
  auto live = on_alice(as("alice"), go_live{"Speedrun", "Games"});
  ASSERT_TRUE(live);
  for (int i = 0; i < 3; ++i) rt_->viewer_joined("Alice");  // Any case.
  run();
  for (int i = 0; i < 4; ++i) rt_->viewer_left("alice");
  rt_->viewer_joined("alice");
  run();
  EXPECT_EQ(channel("alice").presence.viewers, 2u);
  now_us += 5'400'500'000;  // 90 minutes and half a second.
  ASSERT_TRUE(on_alice(as("alice"), go_offline{}));
  const auto offline = std::get<stream_went_offline>(last_event());
  EXPECT_EQ(offline.duration_s, 5400);
  EXPECT_EQ(offline.peak_viewers, 5u);
  EXPECT_EQ(offline.session_id, live->first_event_id.to_string());
  // The next session starts its peak from the viewers present then.
  ASSERT_TRUE(on_alice(as("alice"), go_live{"Again", "Games"}));
  rt_->viewer_left("alice");
  run();
  ASSERT_TRUE(on_alice(as("alice"), go_offline{}));
  EXPECT_EQ(std::get<stream_went_offline>(last_event()).peak_viewers, 2u);
}

TEST_F(ChannelEntityTest, ViewerCountNeverGoesBelowZero) {
  ASSERT_TRUE(on_alice(as("alice"), go_live{"t", "c"}));
  rt_->viewer_joined("alice");
  for (int i = 0; i < 3; ++i) rt_->viewer_left("alice");
  run();
  EXPECT_EQ(channel("alice").presence.viewers, 0u);
}

TEST_F(ChannelEntityTest, ViewerCountIsPublishedAtMostOncePerInterval) {
  auto sub = std::make_shared<testing::recording_subscriber>();
  rt_->subscribe("channel:alice", 1, sub);
  for (int i = 0; i < 5; ++i) rt_->viewer_joined("alice");
  run();
  EXPECT_TRUE(sub->viewer_counts.empty());
  sched_->advance_time(std::chrono::seconds(1));
  run();
  EXPECT_EQ(sub->viewer_counts, (std::vector<std::uint64_t>{5}));
}

TEST_F(ChannelEntityTest, LiveChannelSamplesViewersForAnalytics) {
  ASSERT_TRUE(on_alice(as("alice"), go_live{"t", "c"}));
  for (int i = 0; i < 3; ++i) rt_->viewer_joined("alice");
  run();
  now_us += 60'000'000;
  sched_->advance_time(std::chrono::minutes(1));
  run();
  const auto sampled = last_event();
  ASSERT_TRUE(std::holds_alternative<viewers_sampled>(sampled));
  EXPECT_EQ(std::get<viewers_sampled>(sampled).viewers, 3u);
}

TEST_F(ChannelEntityTest, UpdateStreamKeepsWhatIsNotGivenAndSkipsNoOps) {
  ASSERT_TRUE(on_alice(as("alice"), go_live{"Title", "Games"}));
  ASSERT_TRUE(on_alice(as("alice"), update_stream{{}, "Music"}));
  auto s = channel("alice");
  EXPECT_EQ(s.title, "Title");
  EXPECT_EQ(s.category, "Music");
  auto same = on_alice(as("alice"), update_stream{"Title", "Music"});
  ASSERT_TRUE(same);
  EXPECT_EQ(same->events, 0u);
  expect_error(on_alice(as("alice"), update_stream{std::string(141, 'x'), {}}), error_code::invalid);
  expect_error(on_alice(as("alice"), update_stream{{}, " "}), error_code::invalid);
}

// -- followers -----------------------------------------------------------------------

TEST_F(ChannelEntityTest, FollowIsIdempotentAndRecordsTheTime) {
  ASSERT_TRUE(on_alice(as("bob"), follow_channel{}));
  const auto followed_at = now_us;
  now_us += 1'000'000;
  auto again = on_alice(as("bob"), follow_channel{});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->events, 0u);
  const auto s = channel("alice");
  EXPECT_EQ(s.followers.size(), 1u);
  EXPECT_EQ(s.followed_at("bob"), followed_at);
  EXPECT_EQ(std::get<follower_added>(last_event()).user, "bob");
}

TEST_F(ChannelEntityTest, UnfollowIsIdempotent) {
  auto nothing = on_alice(as("bob"), unfollow_channel{});
  ASSERT_TRUE(nothing);
  EXPECT_EQ(nothing->events, 0u);
  ASSERT_TRUE(on_alice(as("bob"), follow_channel{}));
  ASSERT_TRUE(on_alice(as("bob"), unfollow_channel{}));
  auto again = on_alice(as("bob"), unfollow_channel{});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->events, 0u);
  EXPECT_EQ(channel("alice").followed_at("bob"), -1);
}

TEST_F(ChannelEntityTest, NoSelfFollowNoAnonymousFollow) {
  expect_error(on_alice(as("alice"), follow_channel{}), error_code::invalid);
  expect_error(on_alice(as(""), follow_channel{}), error_code::unauthenticated);
  expect_error(on_alice(as(""), unfollow_channel{}), error_code::unauthenticated);
}

TEST_F(ChannelEntityTest, BlockedUsersCannotFollow) {
  ASSERT_TRUE(execute("alice", as("alice"), user_command{block_user{"bob"}}));
  expect_error(on_alice(as("bob"), follow_channel{}), error_code::forbidden);
  ASSERT_TRUE(execute("alice", as("alice"), user_command{unblock_user{"bob"}}));
  ASSERT_TRUE(on_alice(as("bob"), follow_channel{}));
}

TEST_F(ChannelEntityTest, BlockSeenByAChannelRebuiltFromTheLog) {
  ASSERT_TRUE(execute("alice", as("alice"), user_command{block_user{"bob"}}));
  restart_runtime();
  expect_error(on_alice(as("bob"), follow_channel{}), error_code::forbidden);
}

// -- subscriptions -------------------------------------------------------------------

TEST_F(ChannelEntityTest, SubscriptionTiersAndRefusals) {
  expect_error(on_alice(as("bob"), subscribe_channel{0, {}}), error_code::invalid);
  expect_error(on_alice(as("bob"), subscribe_channel{4, {}}), error_code::invalid);
  expect_error(on_alice(as("alice"), subscribe_channel{1, {}}), error_code::invalid);
  expect_error(on_alice(as("bob"), subscribe_channel{1, "ALICE"}), error_code::invalid);
  expect_error(on_alice(as("bob"), subscribe_channel{1, "not valid"}), error_code::invalid);
  expect_error(on_alice(as(""), subscribe_channel{1, {}}), error_code::unauthenticated);
  for (int tier = 1; tier <= 3; ++tier) {
    ASSERT_TRUE(on_alice(as("bob"), subscribe_channel{tier, {}}));
    EXPECT_EQ(channel("alice").subscribers.at("bob").tier, tier);
  }
}

TEST_F(ChannelEntityTest, BlockedUsersCannotSubscribeGiftOrBeGifted) {
  ASSERT_TRUE(execute("alice", as("alice"), user_command{block_user{"mallory"}}));
  expect_error(on_alice(as("mallory"), subscribe_channel{1, {}}), error_code::forbidden);
  expect_error(on_alice(as("mallory"), subscribe_channel{1, "bob"}), error_code::forbidden);
  expect_error(on_alice(as("bob"), subscribe_channel{1, "mallory"}), error_code::forbidden);
}

TEST_F(ChannelEntityTest, GiftedSubscriptionNamesGifterAndRecipient) {
  ASSERT_TRUE(on_alice(as("carol"), subscribe_channel{2, "Dave"}));
  const auto added = std::get<subscription_added>(last_event());
  EXPECT_EQ(added.user, "dave");
  EXPECT_TRUE(added.gifted);
  EXPECT_EQ(added.gifter, "carol");
  EXPECT_EQ(added.tier, 2);
  EXPECT_EQ(added.cumulative_months, 1);
  const auto s = channel("alice");
  EXPECT_TRUE(s.is_subscriber("dave", now_us));
  EXPECT_FALSE(s.is_subscriber("carol", now_us));
}

TEST_F(ChannelEntityTest, ActiveSubscriptionIsExtendedAndMonthsAccumulate) {
  const auto start = now_us;
  ASSERT_TRUE(on_alice(as("bob"), subscribe_channel{1, {}}));
  EXPECT_EQ(channel("alice").subscribers.at("bob").expires_at_us, start + 30 * kDayUs);
  now_us += 10 * kDayUs;  // Still active: the new month starts when this one ends.
  ASSERT_TRUE(on_alice(as("bob"), subscribe_channel{1, {}}));
  auto sub = channel("alice").subscribers.at("bob");
  EXPECT_EQ(sub.expires_at_us, start + 60 * kDayUs);
  EXPECT_EQ(sub.months, 2);
  now_us = start + 100 * kDayUs;  // Lapsed: a new month starts now; months still count.
  EXPECT_FALSE(channel("alice").is_subscriber("bob", now_us));
  ASSERT_TRUE(on_alice(as("carol"), subscribe_channel{3, "bob"}));
  sub = channel("alice").subscribers.at("bob");
  EXPECT_EQ(sub.expires_at_us, now_us + 30 * kDayUs);
  EXPECT_EQ(sub.months, 3);
  EXPECT_EQ(sub.tier, 3);
  EXPECT_TRUE(channel("alice").is_subscriber("bob", now_us));
}

// -- moderators ----------------------------------------------------------------------

TEST_F(ChannelEntityTest, ModeratorsAreAddedAndRemovedIdempotently) {
  ASSERT_TRUE(on_alice(as("alice"), add_moderator{"Bob"}));
  EXPECT_TRUE(channel("alice").is_moderator("bob"));
  auto again = on_alice(as("alice"), add_moderator{"bob"});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->events, 0u);
  ASSERT_TRUE(on_alice(as("alice"), remove_moderator{"bob"}));
  EXPECT_FALSE(channel("alice").is_moderator("bob"));
  auto remove_again = on_alice(as("alice"), remove_moderator{"bob"});
  ASSERT_TRUE(remove_again);
  EXPECT_EQ(remove_again->events, 0u);
}

TEST_F(ChannelEntityTest, TheBroadcasterIsNoModeratorAndLoginsMustBeValid) {
  expect_error(on_alice(as("alice"), add_moderator{"ALICE"}), error_code::invalid);
  expect_error(on_alice(as("alice"), add_moderator{"b"}), error_code::invalid);
  expect_error(on_alice(as("alice"), remove_moderator{"no way"}), error_code::invalid);
}

}  // namespace
}  // namespace streamhub::actors
