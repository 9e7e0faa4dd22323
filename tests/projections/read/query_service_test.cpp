#include "projections/read/query_service.hpp"

#include <gtest/gtest.h>

#include <future>

#include "tests/projections/projection_test.hpp"
#include "tests/projections/social_scenario.hpp"

namespace streamhub::projections::read {
namespace {

using namespace domain;

/// Calls an asynchronous query and waits for its answer.
template <class T, class Call>
result<T> ask(Call call) {
  std::promise<result<T>> answer;
  call([&](result<T> r) { answer.set_value(std::move(r)); });
  return answer.get_future().get();
}

class QueryServiceTest : public testing::projection_test {
 protected:
  void SetUp() override {
    projection_test::SetUp();
    if (HasFatalFailure()) return;
    auto options = runtime_options();
    options.read_models.fanout_threshold = 2;
    start(options);
    query_service_options q;
    q.conninfo = conninfo();
    q.connections = 2;
    reads_ = std::make_unique<query_service>(q, runtime_->positions());
  }
  void TearDown() override {
    if (reads_) reads_->stop();
  }

  template <class Row>
  static std::vector<Row> nodes(const page<Row>& p) {
    std::vector<Row> out;
    for (const auto& e : p.edges) out.push_back(e.node);
    return out;
  }

  std::unique_ptr<query_service> reads_;
};

TEST_F(QueryServiceTest, ChatHistoryPagesNewestFirstByCursor) {
  for (int i = 1; i <= 250; ++i) {
    write_.chat("eve", chat_message_posted{"bob", "Bob", std::to_string(i), std::nullopt, {}});
  }
  write_.chat("zed", chat_message_posted{"bob", "Bob", "elsewhere", std::nullopt, {}});
  catch_up();

  std::vector<std::string> texts;
  std::optional<std::string> after;
  std::vector<bool> more;
  do {
    auto p = ask<page<chat_message_row>>(
        [&](auto done) { reads_->chat_history("EVE", {100, after}, done); });
    ASSERT_TRUE(p) << p.err().message;
    for (const auto& e : p->edges) texts.push_back(e.node.text);
    more.push_back(p->has_next_page);
    after = p->end_cursor();
  } while (more.back());
  EXPECT_EQ(more, (std::vector<bool>{true, true, false}));
  ASSERT_EQ(texts.size(), 250u);
  EXPECT_EQ(texts.front(), "250");
  EXPECT_EQ(texts.back(), "1");

  auto capped = ask<page<chat_message_row>>(
      [&](auto done) { reads_->chat_history("eve", {500, std::nullopt}, done); });
  ASSERT_TRUE(capped);
  EXPECT_EQ(capped->edges.size(), 100u);
  auto none = ask<page<chat_message_row>>(
      [&](auto done) { reads_->chat_history("eve", {0, std::nullopt}, done); });
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->edges.empty());
  EXPECT_TRUE(none->has_next_page);
}

TEST_F(QueryServiceTest, BadInputIsInvalidBeforeAnyStatement) {
  write_.channel("eve", follower_added{"bob"});
  catch_up();
  const auto before = reads_->stats().statements;
  auto negative = ask<page<chat_message_row>>(
      [&](auto done) { reads_->chat_history("eve", {-1, std::nullopt}, done); });
  EXPECT_EQ(negative.err().code, error_code::invalid);
  auto garbage = ask<page<chat_message_row>>(
      [&](auto done) { reads_->chat_history("eve", {10, "%%%"}, done); });
  EXPECT_EQ(garbage.err().code, error_code::invalid);
  auto followers_page = ask<page<follow_row>>(
      [&](auto done) { reads_->followers("eve", {1, std::nullopt}, done); });
  ASSERT_TRUE(followers_page);
  auto foreign = ask<page<chat_message_row>>([&](auto done) {
    reads_->chat_history("eve", {10, "Zjox"}, done);  // "f:1", a followers cursor
  });
  EXPECT_EQ(foreign.err().code, error_code::invalid);
  auto post = ask<std::vector<post_row>>(
      [&](auto done) { reads_->posts_by_ids({"not-a-uuid"}, done); });
  EXPECT_EQ(post.err().code, error_code::invalid);
  auto empty_search = ask<page<search_hit>>(
      [&](auto done) { reads_->search("  ", {10, std::nullopt}, done); });
  EXPECT_EQ(empty_search.err().code, error_code::invalid);
  EXPECT_EQ(reads_->stats().statements, before + 1);  // the followers page alone
}

// A page of chat names its senders by login; their profiles come in one
// statement for the whole page.
TEST_F(QueryServiceTest, TheSendersOfAPageLoadInOneStatement) {
  for (int i = 0; i < 10; ++i) {
    const std::string login = "user" + std::to_string(i);
    write_.user(login, user_registered{login, login + "@example.com", "User " + std::to_string(i), "h"});
  }
  for (int i = 0; i < 50; ++i) {
    write_.chat("eve", chat_message_posted{"user" + std::to_string(i % 10), "U", "m", std::nullopt, {}});
  }
  catch_up();
  auto p = ask<page<chat_message_row>>(
      [&](auto done) { reads_->chat_history("eve", {50, std::nullopt}, done); });
  ASSERT_TRUE(p);
  std::vector<std::string> senders;
  for (const auto& e : p->edges) senders.push_back(e.node.sender);
  senders.push_back("nobody");
  const auto before = reads_->stats().statements;
  auto users = ask<std::vector<user_row>>([&](auto done) { reads_->users_by_logins(senders, done); });
  ASSERT_TRUE(users) << users.err().message;
  EXPECT_EQ(users->size(), 10u);
  EXPECT_EQ(reads_->stats().statements, before + 1);
}

TEST_F(QueryServiceTest, TheSocialScenarioAsTheGatewaySeesIt) {
  const auto s = testing::write_social_scenario(write_);
  catch_up();

  auto users = ask<std::vector<user_row>>(
      [&](auto done) { reads_->users_by_logins({"ALICE", "Bob", "nobody"}, done); });
  ASSERT_TRUE(users) << users.err().message;
  ASSERT_EQ(users->size(), 2u);
  std::sort(users->begin(), users->end(),
            [](const auto& a, const auto& b) { return a.login < b.login; });
  EXPECT_EQ((*users)[0].login_as_typed, "Alice");
  EXPECT_TRUE((*users)[0].is_admin);
  EXPECT_EQ((*users)[0].follower_count, 3);
  EXPECT_EQ((*users)[0].created_at_us, s.alice_registered.at_us);
  EXPECT_EQ((*users)[1].bio, "streams on weekends");

  auto followers = ask<page<follow_row>>(
      [&](auto done) { reads_->followers("alice", {2, std::nullopt}, done); });
  ASSERT_TRUE(followers);
  ASSERT_EQ(followers->edges.size(), 2u);
  EXPECT_EQ(followers->edges[0].node.follower, "carol");
  EXPECT_EQ(followers->edges[1].node.follower, "dave");
  EXPECT_TRUE(followers->has_next_page);
  auto rest = ask<page<follow_row>>(
      [&](auto done) { reads_->followers("alice", {2, followers->end_cursor()}, done); });
  ASSERT_TRUE(rest);
  ASSERT_EQ(rest->edges.size(), 1u);
  EXPECT_EQ(rest->edges[0].node.follower, "bob");
  EXPECT_EQ(rest->edges[0].node.followed_at_us, s.bob_follows_alice.at_us);
  EXPECT_FALSE(rest->has_next_page);

  auto following = ask<page<follow_row>>(
      [&](auto done) { reads_->following("alice", {10, std::nullopt}, done); });
  ASSERT_TRUE(following);
  ASSERT_EQ(following->edges.size(), 1u);
  EXPECT_EQ(following->edges[0].node.channel, "bob");
  auto follows = ask<std::vector<follow_row>>(
      [&](auto done) { reads_->follows_of("dave", {"alice", "bob"}, done); });
  ASSERT_TRUE(follows);
  ASSERT_EQ(follows->size(), 1u);
  EXPECT_EQ((*follows)[0].channel, "alice");

  auto notes = ask<notification_page>(
      [&](auto done) { reads_->notifications("dave", {10, std::nullopt}, false, done); });
  ASSERT_TRUE(notes) << notes.err().message;
  ASSERT_EQ(notes->edges.size(), 1u);
  EXPECT_EQ(notes->edges[0].node.kind, notification_kind::stream_live);
  EXPECT_TRUE(notes->edges[0].node.read);  // dave read up to the go-live
  EXPECT_EQ(notes->unread_count, 0);
  auto owner = ask<notification_page>(
      [&](auto done) { reads_->notifications("alice", {2, std::nullopt}, true, done); });
  ASSERT_TRUE(owner);
  EXPECT_EQ(owner->unread_count, 6);
  ASSERT_EQ(owner->edges.size(), 2u);
  EXPECT_EQ(owner->edges[0].node.kind, notification_kind::raid_incoming);
  EXPECT_EQ(owner->edges[0].node.actor, "bob");
  EXPECT_EQ(owner->edges[1].node.kind, notification_kind::new_subscription);
  EXPECT_FALSE(owner->edges[1].node.read);

  auto sessions = ask<page<stream_session_row>>(
      [&](auto done) { reads_->stream_sessions("alice", {10, std::nullopt}, done); });
  ASSERT_TRUE(sessions) << sessions.err().message;
  ASSERT_EQ(sessions->edges.size(), 1u);
  const auto& session = sessions->edges[0].node;
  EXPECT_EQ(session.id, s.live.id_text());
  EXPECT_EQ(session.ended_at_us, s.offline.at_us);
  EXPECT_EQ(session.peak_viewers, 50);
  EXPECT_EQ(session.messages, 4);
  EXPECT_EQ(session.unique_chatters, 3);
  EXPECT_EQ(session.new_followers, 1);
  EXPECT_EQ(session.subscriptions, 1);

  auto mods = ask<std::vector<moderator_row>>(
      [&](auto done) { reads_->moderators_of({"alice", "bob"}, done); });
  ASSERT_TRUE(mods);
  ASSERT_EQ(mods->size(), 1u);
  EXPECT_EQ((*mods)[0].login, "carol");
  auto subs = ask<std::vector<subscription_row>>(
      [&](auto done) { reads_->active_subscriptions("dave", {"alice"}, done); });
  ASSERT_TRUE(subs);
  ASSERT_EQ(subs->size(), 0u);  // the scenario's subscription ended in 2023

  auto chat = ask<page<chat_message_row>>(
      [&](auto done) { reads_->chat_history("bob", {10, std::nullopt}, done); });
  ASSERT_TRUE(chat);
  ASSERT_EQ(chat->edges.size(), 1u);
  EXPECT_EQ(chat->edges[0].node.badges, (std::vector<std::string>{"moderator", "subscriber"}));
  EXPECT_EQ(chat->edges[0].node.reply_to, s.first.id_text());
  EXPECT_EQ(chat->edges[0].node.text, "say \"hi\" \\o/, {all}");
}

TEST_F(QueryServiceTest, LiveStreamsByViewersWithCategoryAndCursor) {
  struct live {
    std::string login;
    int viewers;
    std::string category;
  };
  const std::vector<live> channels = {
      {"ann", 5, "Games"}, {"ben", 9, "Games"}, {"cat", 5, "Music"}, {"dan", 1, "Games"},
      {"eli", 7, "Music"}};
  std::string dans_session;
  for (const auto& c : channels) {
    write_.user(c.login, user_registered{c.login, c.login + "@example.com", c.login, "h"});
    const auto went = write_.channel(c.login, stream_went_live{"Stream of " + c.login, c.category});
    if (c.login == "dan") dans_session = went.id_text();
    write_.channel(c.login, viewers_sampled{static_cast<std::uint64_t>(c.viewers)});
  }
  write_.channel("dan", stream_went_offline{dans_session, 1, 1});
  catch_up();
  std::vector<std::string> order;
  std::optional<std::string> after;
  for (;;) {
    auto p = ask<page<channel_row>>([&](auto done) { reads_->live_streams({2, after}, std::nullopt, done); });
    ASSERT_TRUE(p) << p.err().message;
    for (const auto& e : p->edges) order.push_back(e.node.login + ":" + std::to_string(e.node.viewers));
    if (!p->has_next_page) break;
    after = p->end_cursor();
  }
  EXPECT_EQ(order, (std::vector<std::string>{"ben:9", "eli:7", "cat:5", "ann:5"}));
  auto games = ask<page<channel_row>>(
      [&](auto done) { reads_->live_streams({10, std::nullopt}, "GAMES", done); });
  ASSERT_TRUE(games);
  std::vector<std::string> in_games;
  for (const auto& e : games->edges) in_games.push_back(e.node.login);
  EXPECT_EQ(in_games, (std::vector<std::string>{"ben", "ann"}));
}

// With a fan-out threshold of 2, alice (3 followers) is read-time merged,
// carol (1 follower) fanned out: one timeline, newest first, across pages.
TEST_F(QueryServiceTest, HomeTimelinesMergeAuthorsAboveTheThreshold) {
  for (const char* fan : {"bob", "x1", "x2"}) write_.channel("alice", follower_added{fan});
  write_.channel("carol", follower_added{"bob"});
  std::vector<std::string> expected;
  for (int i = 0; i < 6; ++i) {
    const bool big = i % 2 == 0;
    const auto post = write_.user(big ? "alice" : "carol", post_created{"post " + std::to_string(i)});
    expected.insert(expected.begin(), "post " + std::to_string(i));
    (void)post;
  }
  write_.user("dan", post_created{"not followed"});
  catch_up();
  EXPECT_EQ(value("SELECT count(*) FROM proj_timelines.posts WHERE NOT fanned_out"), "3");

  std::vector<std::string> seen;
  std::optional<std::string> after;
  for (;;) {
    auto p = ask<page<post_row>>([&](auto done) { reads_->home_timeline("bob", {4, after}, done); });
    ASSERT_TRUE(p) << p.err().message;
    for (const auto& e : p->edges) seen.push_back(e.node.text);
    if (!p->has_next_page) break;
    after = p->end_cursor();
  }
  EXPECT_EQ(seen, expected);

  auto own = ask<page<post_row>>([&](auto done) { reads_->user_posts("carol", {10, std::nullopt}, done); });
  ASSERT_TRUE(own);
  EXPECT_EQ(own->edges.size(), 3u);
  auto by_id = ask<std::vector<post_row>>(
      [&](auto done) { reads_->posts_by_ids({own->edges[0].node.id}, done); });
  ASSERT_TRUE(by_id);
  ASSERT_EQ(by_id->size(), 1u);
  EXPECT_EQ((*by_id)[0].text, "post 5");
}

TEST_F(QueryServiceTest, SearchRanksExactThenPrefixThenSubstring) {
  write_.user("speed", user_registered{"Speed", "s@example.com", "Mr Speed", "h"});
  write_.user("speedster", user_registered{"speedster", "t@example.com", "Fast", "h"});
  write_.user("ann", user_registered{"ann", "a@example.com", "Ann", "h"});
  write_.channel("ann", stream_went_live{"Any% speedrun", "Games"});
  write_.user("ann", post_created{"I like speed and 100% runs"});
  write_.user("ann", post_created{"nothing to see"});
  catch_up();

  std::vector<std::string> hits;
  std::optional<std::string> after;
  for (;;) {
    auto p = ask<page<search_hit>>([&](auto done) { reads_->search("SPEED", {2, after}, done); });
    ASSERT_TRUE(p) << p.err().message;
    for (const auto& e : p->edges) {
      std::visit(
          [&](const auto& node) {
            using T = std::decay_t<decltype(node)>;
            if constexpr (std::is_same_v<T, user_row>) hits.push_back("user " + node.login);
            if constexpr (std::is_same_v<T, channel_row>) hits.push_back("channel " + node.login);
            if constexpr (std::is_same_v<T, post_row>) hits.push_back("post " + node.text);
          },
          e.node.node);
    }
    if (!p->has_next_page) break;
    after = p->end_cursor();
  }
  ASSERT_EQ(hits.size(), 4u);
  EXPECT_EQ(hits[0], "user speed");      // exact
  EXPECT_EQ(hits[1], "user speedster");  // prefix
  EXPECT_EQ(std::count(hits.begin(), hits.end(), "channel ann"), 1);
  EXPECT_EQ(std::count(hits.begin(), hits.end(), "post I like speed and 100% runs"), 1);

  auto percent = ask<page<search_hit>>([&](auto done) { reads_->search("0%", {10, std::nullopt}, done); });
  ASSERT_TRUE(percent);
  EXPECT_EQ(percent->edges.size(), 1u);  // "100%", not every text with a 0 in it
}

TEST_F(QueryServiceTest, ReadYourWritesWaitsForTheProjectionsItNames) {
  catch_up();
  const auto message =
      write_.chat("eve", chat_message_posted{"bob", "Bob", "fresh", std::nullopt, {}});
  auto waited = ask<void>([&](auto done) {
    reads_->wait_for_position(message.position, {read_model::chat},
                              std::chrono::steady_clock::now() + std::chrono::seconds{60}, done);
  });
  ASSERT_TRUE(waited) << waited.err().message;
  auto p = ask<page<chat_message_row>>(
      [&](auto done) { reads_->chat_history("eve", {1, std::nullopt}, done); });
  ASSERT_TRUE(p);
  ASSERT_EQ(p->edges.size(), 1u);
  EXPECT_EQ(p->edges[0].node.text, "fresh");

  runtime_->stop();  // nothing applies any more
  const auto later = write_.chat("eve", chat_message_posted{"bob", "Bob", "late", std::nullopt, {}});
  auto timed_out = ask<void>([&](auto done) {
    reads_->wait_for_position(later.position, {read_model::chat},
                              std::chrono::steady_clock::now() + std::chrono::milliseconds{50},
                              done);
  });
  EXPECT_EQ(timed_out.err().code, error_code::timeout);
}

query_service_options unreachable() {
  query_service_options o;
  o.conninfo = "host=/nonexistent/streamhub port=1 dbname=none connect_timeout=1";
  o.connections = 1;
  return o;
}

TEST(QueryServiceWithoutPostgresTest, QueriesFailFastWithUnavailable) {
  query_service reads(unreachable(), std::make_shared<applied_positions>());
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto p = ask<page<chat_message_row>>(
        [&](auto done) { reads.chat_history("eve", {10, std::nullopt}, done); });
    ASSERT_FALSE(p);
    EXPECT_EQ(p.err().code, error_code::unavailable) << p.err().message;
  }
  reads.stop();
  auto stopped = ask<std::vector<user_row>>([&](auto done) { reads.users_by_logins({"a"}, done); });
  EXPECT_EQ(stopped.err().code, error_code::unavailable);
}

TEST(QueryServiceWithoutPostgresTest, WaitsEndWhenEveryNamedModelHasThePosition) {
  auto positions = std::make_shared<applied_positions>();
  query_service reads(unreachable(), positions);
  const auto later = std::chrono::steady_clock::now() + std::chrono::minutes{5};

  std::promise<result<void>> both;
  reads.wait_for_position(5, {read_model::chat, read_model::users}, later,
                          [&](result<void> r) { both.set_value(std::move(r)); });
  auto done = both.get_future();
  positions->publish(read_model::chat, 5);
  // users is still at 0: nothing can complete the wait yet.
  EXPECT_EQ(done.wait_for(std::chrono::seconds{0}), std::future_status::timeout);
  EXPECT_EQ(reads.stats().waiting, 1u);
  positions->publish(read_model::users, 9);
  EXPECT_TRUE(done.get());

  auto already = ask<void>(
      [&](auto cb) { reads.wait_for_position(9, {read_model::users}, later, cb); });
  EXPECT_TRUE(already);

  std::promise<result<void>> pending;
  reads.wait_for_position(100, {read_model::chat}, later,
                          [&](result<void> r) { pending.set_value(std::move(r)); });
  reads.stop();
  EXPECT_EQ(pending.get_future().get().err().code, error_code::unavailable);
}

}  // namespace
}  // namespace streamhub::projections::read
