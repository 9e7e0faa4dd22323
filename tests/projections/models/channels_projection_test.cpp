#include "projections/models/read_models.hpp"

#include <gtest/gtest.h>

#include "tests/projections/projection_test.hpp"
#include "tests/projections/social_scenario.hpp"

namespace streamhub::projections {
namespace {

using testing::text_rows;
using std::to_string;

class ChannelsProjectionTest : public testing::projection_test {};

TEST_F(ChannelsProjectionTest, LiveStatusSessionsAndModeratorsAfterTheScenario) {
  const auto s = testing::write_social_scenario(write_);
  start({read::read_model::channels});  // catches up from position 0
  catch_up();

  EXPECT_EQ(rows("SELECT login, live, title, category, session_id, started_at, viewers "
                 "FROM proj_channels.channels ORDER BY login"),
            (text_rows{{"alice", "f", "Speedrun any%", "Games", "NULL", "NULL", "0"},
                       {"bob", "f", "NULL", "NULL", "NULL", "NULL", "0"},
                       {"carol", "f", "NULL", "NULL", "NULL", "NULL", "0"},
                       {"dave", "f", "NULL", "NULL", "NULL", "NULL", "0"}}));
  EXPECT_EQ(rows("SELECT id, channel, title, category, timestamptz_to_us(started_at), "
                 "timestamptz_to_us(ended_at), peak_viewers, last_viewers, position "
                 "FROM proj_channels.stream_sessions"),
            (text_rows{{s.live.id_text(), "alice", "Speedrun any%", "Games", to_string(s.live.at_us),
                        to_string(s.offline.at_us), "50", "30", to_string(s.live.position)}}));
  EXPECT_EQ(rows("SELECT channel, login, timestamptz_to_us(added_at) FROM proj_channels.moderators"),
            (text_rows{{"alice", "carol", to_string(s.moderator.at_us)}}));
}

TEST_F(ChannelsProjectionTest, ALiveChannelShowsItsSessionAndLatestSample) {
  using namespace domain;
  write_.user("eve", user_registered{"Eve", "eve@example.com", "Eve", "h"});
  const auto live = write_.channel("eve", stream_went_live{"Chess", "Board games"});
  write_.channel("eve", viewers_sampled{12});
  write_.channel("eve", stream_updated{"Chess blitz", "Board games"});
  write_.channel("eve", viewers_sampled{9});
  start({read::read_model::channels});
  catch_up();

  EXPECT_EQ(rows("SELECT live, title, category, session_id, timestamptz_to_us(started_at), viewers "
                 "FROM proj_channels.channels"),
            (text_rows{{"t", "Chess blitz", "Board games", live.id_text(), to_string(live.at_us),
                        "9"}}));
  EXPECT_EQ(rows("SELECT title, ended_at, peak_viewers, last_viewers FROM "
                 "proj_channels.stream_sessions"),
            (text_rows{{"Chess blitz", "NULL", "12", "9"}}));
}

}  // namespace
}  // namespace streamhub::projections
