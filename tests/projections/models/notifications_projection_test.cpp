#include "projections/models/read_models.hpp"

#include <gtest/gtest.h>

#include "tests/projections/projection_test.hpp"
#include "tests/projections/social_scenario.hpp"

namespace streamhub::projections {
namespace {

using testing::text_rows;
using std::to_string;

class NotificationsProjectionTest : public testing::projection_test {
 protected:
  void expect_the_scenario(const testing::social_scenario& s) {
    auto n = [](const char* recipient, const testing::appended& e, const char* kind,
                const char* actor, const std::string& body) {
      return std::vector<std::string>{recipient, to_string(e.position), kind, "alice", actor, body,
                                      to_string(e.at_us)};
    };
    // carol had unfollowed when alice went live: she is not told.
    EXPECT_EQ(rows("SELECT recipient, position, kind, channel, actor, body, "
                   "timestamptz_to_us(created_at) FROM proj_notifications.notifications "
                   "WHERE channel = 'alice' ORDER BY recipient, position"),
              (text_rows{
                  n("alice", s.bob_follows_alice, "new_follower", "bob", "bob followed you"),
                  n("alice", s.carol_follows_alice, "new_follower", "carol", "carol followed you"),
                  n("alice", s.dave_follows_alice, "new_follower", "dave", "dave followed you"),
                  n("alice", s.carol_follows_alice_again, "new_follower", "carol",
                    "carol followed you"),
                  n("alice", s.subscription, "new_subscription", "dave",
                    "dave subscribed at tier 2"),
                  n("alice", s.raid, "raid_incoming", "bob", "bob is raiding with 7 viewers"),
                  n("bob", s.live, "stream_live", "NULL", "alice is live: Speedrun any%"),
                  n("dave", s.live, "stream_live", "NULL", "alice is live: Speedrun any%"),
              }));
    EXPECT_EQ(rows("SELECT recipient, position, kind, actor FROM proj_notifications.notifications "
                   "WHERE channel = 'bob'"),
              (text_rows{
                  {"bob", to_string(s.alice_follows_bob.position), "new_follower", "alice"}}));
    EXPECT_EQ(rows("SELECT recipient, up_to FROM proj_notifications.read_marks"),
              (text_rows{{"dave", to_string(s.live.position)}}));
    EXPECT_EQ(rows("SELECT channel, follower FROM proj_notifications.followers "
                   "ORDER BY channel, follower"),
              (text_rows{
                  {"alice", "bob"}, {"alice", "carol"}, {"alice", "dave"}, {"bob", "alice"}}));

  }
};

TEST_F(NotificationsProjectionTest, FollowersOwnersAndReadMarksAfterTheScenario) {
  start({read::read_model::notifications});
  const auto s = testing::write_social_scenario(write_);
  catch_up();
  expect_the_scenario(s);
}

// Started after the events, so the whole scenario is one batch: follower rows
// and notifications are buffered, and the live fan-out and the unfollow must
// still see the followers as the log had them at that point.
TEST_F(NotificationsProjectionTest, TheScenarioInOneBatchEndsTheSame) {
  const auto s = testing::write_social_scenario(write_);
  start({read::read_model::notifications});
  catch_up();
  expect_the_scenario(s);
}

}  // namespace
}  // namespace streamhub::projections
