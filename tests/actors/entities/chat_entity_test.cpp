// The chat room rules of actors/entities/chat_entity.hpp, each through the
// runtime. alice owns the room; bob and carol moderate it; dave and erin
// are viewers.
#include "actors/entities/chat_entity.hpp"

#include <gtest/gtest.h>

#include "tests/actors/runtime_fixture.hpp"

namespace streamhub::actors {
namespace {

using namespace domain;
using std::chrono::milliseconds;

constexpr std::int64_t kSecondUs = 1'000'000;

class ChatEntityTest : public testing::runtime_fixture {
 protected:
  void SetUp() override {
    sign_up("alice");
    ASSERT_TRUE(execute("alice", as("alice"), channel_command{add_moderator{"bob"}}));
    ASSERT_TRUE(execute("alice", as("alice"), channel_command{add_moderator{"carol"}}));
  }
  result<command_outcome> moderate(std::string by, chat_command cmd) {
    return execute("alice", as(std::move(by)), std::move(cmd));
  }
  result<command_outcome> modes(set_chat_modes m, std::string by = "bob") {
    return moderate(std::move(by), chat_command{m});
  }
  chat_state room() {
    chat_state out;
    read(&runtime::read_chat, "alice", [&](const chat_state& s, event_number) { out = s; });
    return out;
  }
  static void expect_retry_after(const result<command_outcome>& r, error_code code, milliseconds wait) {
    ASSERT_FALSE(r);
    EXPECT_EQ(r.err().code, code) << r.err().message;
    EXPECT_EQ(r.err().retry_after, wait) << r.err().message;
  }
  /// Sends `n` messages as `who`, `step_us` apart; asserts each succeeds.
  void burst(const std::string& who, int n, std::int64_t step_us) {
    for (int i = 0; i < n; ++i) {
      ASSERT_TRUE(say("alice", who, "m" + std::to_string(i))) << who << " #" << i;
      now_us += step_us;
    }
  }
};

// -- the room and the sender ------------------------------------------------------------

TEST_F(ChatEntityTest, RoomOfAnUnregisteredUserIsNotFound) {
  expect_error(say("ghost", "dave", "hello?"), error_code::not_found);
  expect_error(execute("ghost", as("root", true), chat_command{clear_chat{}}), error_code::not_found);
}

TEST_F(ChatEntityTest, AnonymousCallersCannotChat) {
  expect_error(say("alice", "", "hi"), error_code::unauthenticated);
}

TEST_F(ChatEntityTest, MessageCarriesSenderDisplayNameAndBadges) {
  ASSERT_TRUE(execute("alice", as("carol"), channel_command{subscribe_channel{1, {}}}));
  auto r = say("alice", "carol", "hello");
  ASSERT_TRUE(r);
  auto e = log_.read_stream("chat:alice", r->version, 1).value().front();
  EXPECT_EQ(e.type, "chat.message");
  EXPECT_EQ(e.id, r->first_event_id);
  EXPECT_EQ(e.actor, "user:carol");
  EXPECT_NE(e.payload.find(R"("badges":["moderator","subscriber"])"), std::string::npos) << e.payload;
  auto owner = say("alice", "alice", "welcome");
  ASSERT_TRUE(owner);
  e = log_.read_stream("chat:alice", owner->version, 1).value().front();
  EXPECT_NE(e.payload.find(R"("badges":["broadcaster"])"), std::string::npos) << e.payload;
}

TEST_F(ChatEntityTest, RepliesNameAMessageId) {
  auto first = say("alice", "dave", "question");
  ASSERT_TRUE(first);
  ASSERT_TRUE(execute("alice", as("erin"),
                      chat_command{send_chat_message{"answer", first->first_event_id.to_string()}}));
  expect_error(execute("alice", as("erin"), chat_command{send_chat_message{"answer", "not-an-id"}}),
               error_code::invalid);
}

// -- text --------------------------------------------------------------------------

TEST_F(ChatEntityTest, MessagesUpTo500CodePoints) {
  std::string longest;
  for (int i = 0; i < 500; ++i) longest += "\xF0\x9F\x98\x80";  // 500 emoji, 2,000 bytes
  ASSERT_TRUE(say("alice", "dave", longest));
  expect_error(say("alice", "dave", longest + "!"), error_code::invalid);
  expect_error(say("alice", "dave", std::string(501, 'a')), error_code::invalid);
  ASSERT_TRUE(say("alice", "dave", std::string(500, 'a')));
}

TEST_F(ChatEntityTest, TextMustBeValidUtf8WithoutControls) {
  for (const std::string& bad :
       {std::string("\xC3"), std::string("\xC0\xAF"), std::string("\xED\xA0\x80"),
        std::string("\xF4\x90\x80\x80"), std::string("bell\x07"), std::string("nul\0x", 5),
        std::string("line\nbreak"), std::string("tab\there"), std::string("c1\xC2\x85"),
        std::string("esc\x1B[2J"), std::string(""), std::string("   "),
        std::string("\xE3\x80\x80\xC2\xA0")}) {
    expect_error(say("alice", "dave", bad), error_code::invalid);
  }
  EXPECT_EQ(room().message_count, 0u);
  ASSERT_TRUE(say("alice", "dave", "caf\xC3\xA9 \xE2\x9C\x93"));
}

// -- rate limits -------------------------------------------------------------------

TEST_F(ChatEntityTest, ViewersMaySend20MessagesPer30Seconds) {
  const auto start = now_us;
  burst("dave", 20, 100'000);  // 20 messages within 2 s.
  // The 21st must wait until the first leaves the window: start + 30 s.
  expect_retry_after(say("alice", "dave", "one more"), error_code::rate_limited,
                     milliseconds((start + 30 * kSecondUs - now_us) / 1000));
  EXPECT_EQ(say("alice", "dave", "x").err().retry_after, milliseconds(28'000));
  ASSERT_TRUE(say("alice", "erin", "others are not affected"));
  now_us = start + 30 * kSecondUs - 1;
  expect_retry_after(say("alice", "dave", "almost"), error_code::rate_limited, milliseconds(1));
  now_us = start + 30 * kSecondUs;
  ASSERT_TRUE(say("alice", "dave", "again"));
  // The window slides: the second message frees the next slot 100 ms later.
  expect_retry_after(say("alice", "dave", "too soon"), error_code::rate_limited, milliseconds(100));
}

TEST_F(ChatEntityTest, ModeratorsAndTheOwnerMaySend100MessagesPer30Seconds) {
  for (const std::string who : {"bob", "alice"}) {
    SCOPED_TRACE(who);
    const auto start = now_us;
    burst(who, 100, 10'000);  // 100 messages within 1 s.
    expect_retry_after(say("alice", who, "one more"), error_code::rate_limited,
                       milliseconds((start + 30 * kSecondUs - now_us) / 1000));
  }
}

TEST_F(ChatEntityTest, AdminsAreLimitedLikeModerators) {
  for (int i = 0; i < 100; ++i) {
    ASSERT_TRUE(execute("alice", as("root", true), chat_command{send_chat_message{"hi", {}}})) << i;
  }
  auto r = execute("alice", as("root", true), chat_command{send_chat_message{"hi", {}}});
  expect_retry_after(r, error_code::rate_limited, milliseconds(30'000));
}

TEST_F(ChatEntityTest, RateLimitIsRebuiltFromTheLog) {
  burst("dave", 20, 0);
  restart_runtime();
  expect_retry_after(say("alice", "dave", "after restart"), error_code::rate_limited,
                     milliseconds(30'000));
}

// -- modes ---------------------------------------------------------------------------

TEST_F(ChatEntityTest, SlowModeSpacesAViewersMessages) {
  ASSERT_TRUE(modes({5, {}, {}, {}}));
  ASSERT_TRUE(say("alice", "dave", "first"));
  now_us += 2 * kSecondUs;
  expect_retry_after(say("alice", "dave", "second"), error_code::rate_limited, milliseconds(3'000));
  ASSERT_TRUE(say("alice", "erin", "someone else"));
  ASSERT_TRUE(say("alice", "bob", "moderators are exempt"));
  ASSERT_TRUE(say("alice", "bob", "still exempt"));
  now_us += 3 * kSecondUs;
  ASSERT_TRUE(say("alice", "dave", "second"));
  ASSERT_TRUE(modes({0, {}, {}, {}}));
  ASSERT_TRUE(say("alice", "dave", "slow mode off"));
}

// Regression: every 1,024 messages the room forgets chatters silent for
// 30 s (the rate window), which also forgot when they last spoke, so a slow
// mode longer than 30 s let them speak again early in a busy room.
TEST_F(ChatEntityTest, SlowModeLongerThanTheRateWindowSurvivesABusyRoom) {
  ASSERT_TRUE(modes({60, {}, {}, {}}));
  ASSERT_TRUE(say("alice", "dave", "first"));
  now_us += 31 * kSecondUs;
  for (int i = 0; i < 1030; ++i) {  // Passes a multiple of 1,024 messages.
    now_us += 8'000;
    ASSERT_TRUE(say("alice", "viewer" + std::to_string(i), "busy")) << i;
  }
  // 39.24 s after dave's first message: 20.76 s of slow mode left.
  expect_retry_after(say("alice", "dave", "second"), error_code::rate_limited, milliseconds(20'760));
}

TEST_F(ChatEntityTest, FollowersOnlyNeedsAFollowOldEnough) {
  ASSERT_TRUE(modes({{}, 10, {}, {}}));
  expect_error(say("alice", "dave", "not following"), error_code::forbidden);
  ASSERT_TRUE(execute("alice", as("dave"), channel_command{follow_channel{}}));
  now_us += 9 * 60 * kSecondUs;
  expect_error(say("alice", "dave", "too new"), error_code::forbidden);
  now_us += 60 * kSecondUs;
  ASSERT_TRUE(say("alice", "dave", "ten minutes"));
  ASSERT_TRUE(say("alice", "carol", "moderators are exempt"));
  ASSERT_TRUE(execute("alice", as("dave"), channel_command{unfollow_channel{}}));
  expect_error(say("alice", "dave", "unfollowed"), error_code::forbidden);
}

TEST_F(ChatEntityTest, FollowersOnlyWithZeroMinutesNeedsOnlyAFollow) {
  ASSERT_TRUE(modes({{}, 0, {}, {}}));
  expect_error(say("alice", "dave", "not following"), error_code::forbidden);
  ASSERT_TRUE(execute("alice", as("dave"), channel_command{follow_channel{}}));
  ASSERT_TRUE(say("alice", "dave", "just followed"));
  ASSERT_TRUE(modes({{}, -1, {}, {}}));
  ASSERT_TRUE(say("alice", "erin", "off again"));
}

TEST_F(ChatEntityTest, SubscribersOnly) {
  ASSERT_TRUE(modes({{}, {}, true, {}}));
  expect_error(say("alice", "dave", "not subscribed"), error_code::forbidden);
  ASSERT_TRUE(execute("alice", as("erin"), channel_command{subscribe_channel{1, "dave"}}));
  ASSERT_TRUE(say("alice", "dave", "gifted"));
  ASSERT_TRUE(say("alice", "alice", "the owner is exempt"));
  now_us += 31LL * 24 * 3600 * kSecondUs;  // The subscription lapsed.
  expect_error(say("alice", "dave", "lapsed"), error_code::forbidden);
}

TEST_F(ChatEntityTest, EmoteOnly) {
  ASSERT_TRUE(modes({{}, {}, {}, true}));
  expect_error(say("alice", "dave", "words"), error_code::invalid);
  expect_error(say("alice", "dave", "Kappa words"), error_code::invalid);
  ASSERT_TRUE(say("alice", "dave", "Kappa PogChamp"));
  ASSERT_TRUE(say("alice", "bob", "moderators type words"));
}

TEST_F(ChatEntityTest, ModeChangesAreValidatedAndIdempotent) {
  expect_error(modes({-1, {}, {}, {}}), error_code::invalid);
  expect_error(modes({3601, {}, {}, {}}), error_code::invalid);
  expect_error(modes({{}, -2, {}, {}}), error_code::invalid);
  expect_error(modes({{}, 90 * 24 * 60 + 1, {}, {}}), error_code::invalid);
  ASSERT_TRUE(modes({3600, 90 * 24 * 60, true, true}));
  auto same = modes({3600, {}, {}, {}});
  ASSERT_TRUE(same);
  EXPECT_EQ(same->events, 0u);
  const auto m = room().mode;
  EXPECT_EQ(m.slow_mode_s, 3600);
  EXPECT_EQ(m.followers_only_min, 90 * 24 * 60);
  EXPECT_TRUE(m.subscribers_only);
  EXPECT_TRUE(m.emote_only);
  expect_error(modes({0, {}, {}, {}}, "dave"), error_code::forbidden);
}

// -- bans and timeouts ------------------------------------------------------------------

TEST_F(ChatEntityTest, TimeoutsBanUntilTheyExpire) {
  ASSERT_TRUE(moderate("bob", timeout_user{"dave", 600, "spam"}));
  expect_retry_after(say("alice", "dave", "hi"), error_code::banned, milliseconds(600'000));
  now_us += 599 * kSecondUs + 500'000;
  expect_retry_after(say("alice", "dave", "hi"), error_code::banned, milliseconds(500));
  now_us += 500'000;
  ASSERT_TRUE(say("alice", "dave", "back"));
}

TEST_F(ChatEntityTest, TimeoutDurationIsOneSecondToFourteenDays) {
  expect_error(moderate("bob", timeout_user{"dave", 0, ""}), error_code::invalid);
  expect_error(moderate("bob", timeout_user{"dave", 14 * 24 * 3600 + 1, ""}), error_code::invalid);
  expect_error(moderate("bob", timeout_user{"dave", 60, std::string(501, 'r')}), error_code::invalid);
  ASSERT_TRUE(moderate("bob", timeout_user{"dave", 14 * 24 * 3600, ""}));
}

TEST_F(ChatEntityTest, BansHoldUntilUnbanned) {
  ASSERT_TRUE(moderate("bob", ban_user{"Dave", "abuse"}));
  EXPECT_EQ(room().bans.at("dave"), "abuse");
  now_us += 365LL * 24 * 3600 * kSecondUs;
  expect_error(say("alice", "dave", "a year later"), error_code::banned);
  auto again = moderate("bob", ban_user{"dave", "again"});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->events, 0u);
  ASSERT_TRUE(moderate("carol", unban_user{"dave"}));
  ASSERT_TRUE(say("alice", "dave", "sorry"));
  auto unban_again = moderate("carol", unban_user{"dave"});
  ASSERT_TRUE(unban_again);
  EXPECT_EQ(unban_again->events, 0u);
}

TEST_F(ChatEntityTest, UnbanLiftsATimeout) {
  ASSERT_TRUE(moderate("bob", timeout_user{"dave", 600, ""}));
  ASSERT_TRUE(moderate("bob", unban_user{"dave"}));
  ASSERT_TRUE(say("alice", "dave", "free"));
}

TEST_F(ChatEntityTest, BanReplacesATimeout) {
  ASSERT_TRUE(moderate("bob", timeout_user{"dave", 60, ""}));
  ASSERT_TRUE(moderate("bob", ban_user{"dave", ""}));
  now_us += 120 * kSecondUs;
  expect_error(say("alice", "dave", "still banned"), error_code::banned);
}

TEST_F(ChatEntityTest, UsersBlockedByTheOwnerAreBanned) {
  ASSERT_TRUE(execute("alice", as("alice"), user_command{block_user{"dave"}}));
  expect_error(say("alice", "dave", "hi"), error_code::banned);
  ASSERT_TRUE(execute("alice", as("alice"), user_command{unblock_user{"dave"}}));
  ASSERT_TRUE(say("alice", "dave", "hi"));
}

// -- who moderates whom ----------------------------------------------------------------

TEST_F(ChatEntityTest, ViewersCannotModerate) {
  auto msg = say("alice", "erin", "x");
  ASSERT_TRUE(msg);
  const std::vector<chat_command> commands = {
      delete_chat_message{msg->first_event_id.to_string()}, clear_chat{},
      timeout_user{"erin", 60, ""}, ban_user{"erin", ""}, unban_user{"erin"},
      set_chat_modes{5, {}, {}, {}}};
  for (const auto& cmd : commands) {
    SCOPED_TRACE(cmd.index());
    expect_error(moderate("dave", cmd), error_code::forbidden);
    expect_error(moderate("", cmd), error_code::forbidden);
  }
}

TEST_F(ChatEntityTest, NobodyModeratesTheOwner) {
  for (const std::string who : {"bob", "root"}) {
    expect_error(execute("alice", as(who, who == "root"), chat_command{timeout_user{"Alice", 60, ""}}),
                 error_code::forbidden);
    expect_error(execute("alice", as(who, who == "root"), chat_command{ban_user{"alice", ""}}),
                 error_code::forbidden);
  }
}

TEST_F(ChatEntityTest, ModeratorsDoNotModerateModerators) {
  expect_error(moderate("bob", timeout_user{"carol", 60, ""}), error_code::forbidden);
  expect_error(moderate("bob", ban_user{"carol", ""}), error_code::forbidden);
  // The owner and admins may.
  ASSERT_TRUE(moderate("alice", timeout_user{"carol", 60, ""}));
  expect_error(say("alice", "carol", "hi"), error_code::banned);
  ASSERT_TRUE(execute("alice", as("root", true), chat_command{ban_user{"bob", "rogue"}}));
  expect_error(say("alice", "bob", "hi"), error_code::banned);
}

TEST_F(ChatEntityTest, DemotedModeratorsLoseTheirPrivileges) {
  ASSERT_TRUE(execute("alice", as("alice"), channel_command{remove_moderator{"bob"}}));
  expect_error(moderate("bob", clear_chat{}), error_code::forbidden);
  ASSERT_TRUE(moderate("carol", timeout_user{"bob", 60, ""}));  // Now just a viewer.
}

TEST_F(ChatEntityTest, InvalidModerationTargetsAreInvalid) {
  expect_error(moderate("bob", timeout_user{"x", 60, ""}), error_code::invalid);
  expect_error(moderate("bob", ban_user{"no way", ""}), error_code::invalid);
  expect_error(moderate("bob", unban_user{"_x_"}), error_code::invalid);
}

// -- deleting and clearing ---------------------------------------------------------------

TEST_F(ChatEntityTest, ModeratorsDeleteRecentMessages) {
  auto msg = say("alice", "dave", "oops");
  ASSERT_TRUE(msg);
  const auto id = msg->first_event_id.to_string();
  ASSERT_TRUE(moderate("bob", delete_chat_message{id}));
  EXPECT_EQ(room().recent_ids.count(id), 0u);
  expect_error(moderate("bob", delete_chat_message{id}), error_code::not_found);
  expect_error(moderate("bob", delete_chat_message{"0190c3a2-7b1e-7cc0-8d7e-2f1a1b2c3d4e"}),
               error_code::not_found);
}

TEST_F(ChatEntityTest, TheOwnersMessagesStay) {
  auto msg = say("alice", "alice", "pinned words");
  ASSERT_TRUE(msg);
  const auto id = msg->first_event_id.to_string();
  expect_error(moderate("bob", delete_chat_message{id}), error_code::forbidden);
  ASSERT_TRUE(moderate("alice", delete_chat_message{id}));
}

TEST_F(ChatEntityTest, OnlyTheLast1000MessagesCanBeDeleted) {
  auto first = say("alice", "dave", "old");
  ASSERT_TRUE(first);
  auto second = say("alice", "dave", "less old");
  ASSERT_TRUE(second);
  // 999 more from 60 viewers, 10 ms apart: nobody hits the rate limit.
  for (int i = 0; i < 999; ++i) {
    now_us += 10'000;
    ASSERT_TRUE(say("alice", "viewer" + std::to_string(i % 60), "filler")) << i;
  }
  expect_error(moderate("bob", delete_chat_message{first->first_event_id.to_string()}),
               error_code::not_found);
  ASSERT_TRUE(moderate("bob", delete_chat_message{second->first_event_id.to_string()}));
}

TEST_F(ChatEntityTest, ClearChatForgetsRecentMessages) {
  auto msg = say("alice", "dave", "before");
  ASSERT_TRUE(msg);
  ASSERT_TRUE(moderate("carol", clear_chat{}));
  EXPECT_TRUE(room().recent.empty());
  expect_error(moderate("bob", delete_chat_message{msg->first_event_id.to_string()}),
               error_code::not_found);
  EXPECT_EQ(log_.read_stream("chat:alice", 1, 10).value().back().type, "chat.cleared");
}

}  // namespace
}  // namespace streamhub::actors
