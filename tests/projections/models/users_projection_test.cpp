#include "projections/models/read_models.hpp"

#include <gtest/gtest.h>

#include "tests/projections/projection_test.hpp"
#include "tests/projections/social_scenario.hpp"

namespace streamhub::projections {
namespace {

using testing::text_rows;
using std::to_string;

class UsersProjectionTest : public testing::projection_test {
 protected:
  void expect_the_scenario(const testing::social_scenario& s) {
    // login, as typed, display name, bio, email, admin; then its registration
    // (created_at, position) and its follower and following counts.
    auto user = [](std::vector<std::string> profile, const testing::appended& registered,
                   const char* followers, const char* following) {
      profile.insert(profile.end(), {to_string(registered.at_us), followers, following,
                                     to_string(registered.position)});
      return profile;
    };
    EXPECT_EQ(rows("SELECT login, login_as_typed, display_name, bio, email, is_admin, "
                   "timestamptz_to_us(created_at), follower_count, following_count, position "
                   "FROM proj_users.users ORDER BY login"),
              (text_rows{
                  user({"alice", "Alice", "Alice A", "", "alice@example.com", "t"},
                       s.alice_registered, "3", "1"),
                  user({"bob", "bob", "Bobby", "streams on weekends", "bob@example.com", "f"},
                       s.bob_registered, "1", "1"),
                  user({"carol", "Carol", "Carol", "", "carol@example.com", "f"},
                       s.carol_registered, "0", "1"),
                  user({"dave", "dave", "Dave", "", "dave@example.com", "f"},
                       s.dave_registered, "0", "1"),
              }));
    auto follow = [](const char* channel, const char* follower, const testing::appended& e) {
      return std::vector<std::string>{channel, follower, to_string(e.at_us), to_string(e.position)};
    };
    EXPECT_EQ(rows("SELECT channel, follower, timestamptz_to_us(followed_at), position "
                   "FROM proj_users.follows ORDER BY channel, position"),
              (text_rows{follow("alice", "bob", s.bob_follows_alice),
                         follow("alice", "dave", s.dave_follows_alice),
                         follow("alice", "carol", s.carol_follows_alice_again),
                         follow("bob", "alice", s.alice_follows_bob)}));
    EXPECT_EQ(value("SELECT position FROM projection_checkpoints WHERE projection = 'users'"),
              to_string(log_.head_position()));
  }
};

// Started before the events, so it follows the log live.
TEST_F(UsersProjectionTest, ProfilesCountsAndFollowsAfterTheScenario) {
  start({read::read_model::users});
  const auto s = testing::write_social_scenario(write_);
  catch_up();
  expect_the_scenario(s);
}

// Started after them, so the whole scenario is one batch: registrations,
// follows, an unfollow and a follow again are buffered and written together
// where they can be, and must come out as they do one event at a time.
TEST_F(UsersProjectionTest, TheScenarioInOneBatchEndsTheSame) {
  const auto s = testing::write_social_scenario(write_);
  start({read::read_model::users});
  catch_up();
  expect_the_scenario(s);
}

// Lookups by login (users_by_logins, and the follows' count updates) must
// go through the primary key: a trigram index able to answer = as well is
// costed blind for a list of logins and wins, at milliseconds a lookup.
TEST_F(UsersProjectionTest, LookupsByLoginUseThePrimaryKeyNotTheTrigramIndex) {
  for (int i = 0; i < 2000; ++i) {
    const std::string login = "user" + to_string(i);
    write_.user(login, domain::user_registered{login, login + "@example.com", "User", "h"});
  }
  start({read::read_model::users});
  catch_up();
  rows("ANALYZE proj_users.users");
  const auto plan = rows(
      "EXPLAIN SELECT login FROM proj_users.users u "
      "WHERE u.login = ANY('{user1,user20,user300,user1999}'::text[])");
  std::string text;
  for (const auto& line : plan) text += line.at(0) + "\n";
  EXPECT_NE(text.find("users_pkey"), std::string::npos) << text;
}

}  // namespace
}  // namespace streamhub::projections
