#include "projections/models/read_models.hpp"

#include <gtest/gtest.h>

#include "tests/projections/projection_test.hpp"
#include "tests/projections/social_scenario.hpp"

namespace streamhub::projections {
namespace {

using testing::text_rows;
using std::to_string;

class TimelinesProjectionTest : public testing::projection_test {};

TEST_F(TimelinesProjectionTest, PostsAreFannedOutToTheFollowersOfTheirTime) {
  start({read::read_model::timelines});
  const auto s = testing::write_social_scenario(write_);
  catch_up();

  // bob's post was deleted, from the posts and from alice's timeline.
  EXPECT_EQ(rows("SELECT id, author, body, timestamptz_to_us(created_at), position, fanned_out "
                 "FROM proj_timelines.posts"),
            (text_rows{{s.alice_post.id_text(), "alice", "Hello world, going live soon",
                        to_string(s.alice_post.at_us), to_string(s.alice_post.position), "t"}}));
  EXPECT_EQ(rows("SELECT owner, position, author FROM proj_timelines.home_timeline ORDER BY owner"),
            (text_rows{{"bob", to_string(s.alice_post.position), "alice"},
                       {"dave", to_string(s.alice_post.position), "alice"}}));
  EXPECT_EQ(rows("SELECT login, follower_count FROM proj_timelines.authors ORDER BY login"),
            (text_rows{{"alice", "3"}, {"bob", "1"}}));
}

TEST_F(TimelinesProjectionTest, AuthorsAboveTheThresholdAreNotFannedOut) {
  auto options = runtime_options({read::read_model::timelines});
  options.read_models.fanout_threshold = 1;
  start(options);
  testing::write_social_scenario(write_);
  catch_up();
  // alice had two followers when she posted.
  EXPECT_EQ(rows("SELECT author, fanned_out FROM proj_timelines.posts"),
            (text_rows{{"alice", "f"}}));
  EXPECT_EQ(value("SELECT count(*) FROM proj_timelines.home_timeline"), "0");
}

TEST_F(TimelinesProjectionTest, UnfollowingTakesTheAuthorsPostsOutOfTheTimeline) {
  using namespace domain;
  write_.channel("alice", follower_added{"bob"});
  write_.user("alice", post_created{"one"});
  write_.channel("carol", follower_added{"bob"});
  const auto kept = write_.user("carol", post_created{"two"});
  write_.channel("alice", follower_removed{"bob"});
  start({read::read_model::timelines});
  catch_up();
  EXPECT_EQ(rows("SELECT owner, position, author FROM proj_timelines.home_timeline"),
            (text_rows{{"bob", to_string(kept.position), "carol"}}));
}

}  // namespace
}  // namespace streamhub::projections
