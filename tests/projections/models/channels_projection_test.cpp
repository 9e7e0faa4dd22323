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

// Written together, the samples of a run still leave each channel its own
// last count and each session its own peak.
TEST_F(ChannelsProjectionTest, InterleavedSamplesOfTwoChannelsKeepTheirOwnLastAndPeak) {
  using namespace domain;
  write_.user("eve", user_registered{"Eve", "eve@example.com", "Eve", "h"});
  write_.user("finn", user_registered{"Finn", "finn@example.com", "Finn", "h"});
  write_.user("gus", user_registered{"Gus", "gus@example.com", "Gus", "h"});
  write_.channel("eve", stream_went_live{"Chess", "Board games"});
  write_.channel("finn", stream_went_live{"Go", "Board games"});
  for (std::uint64_t v : {5, 9, 2}) {
    write_.channel("eve", viewers_sampled{v});
    write_.channel("finn", viewers_sampled{v + 10});
    write_.channel("gus", viewers_sampled{v});  // not live: changes nothing
  }
  start({read::read_model::channels});
  catch_up();

  EXPECT_EQ(rows("SELECT login, live, viewers FROM proj_channels.channels ORDER BY login"),
            (text_rows{{"eve", "t", "2"}, {"finn", "t", "12"}, {"gus", "f", "0"}}));
  EXPECT_EQ(rows("SELECT channel, peak_viewers, last_viewers FROM proj_channels.stream_sessions "
                 "ORDER BY channel"),
            (text_rows{{"eve", "9", "2"}, {"finn", "19", "12"}}));
}

// Going offline and live again ends a run of samples: each session keeps
// the samples of its own time.
TEST_F(ChannelsProjectionTest, SamplesAroundANewSessionInOneBatchStayWithTheirSession) {
  using namespace domain;
  write_.user("eve", user_registered{"Eve", "eve@example.com", "Eve", "h"});
  const auto first = write_.channel("eve", stream_went_live{"Chess", "Board games"});
  write_.channel("eve", viewers_sampled{5});
  write_.channel("eve", viewers_sampled{9});
  write_.channel("eve", stream_went_offline{first.id_text(), 9, 9});
  write_.channel("eve", viewers_sampled{50});  // offline: changes nothing
  const auto second = write_.channel("eve", stream_went_live{"Go", "Board games"});
  write_.channel("eve", viewers_sampled{4});
  write_.channel("eve", viewers_sampled{3});
  start({read::read_model::channels});
  catch_up();

  EXPECT_EQ(rows("SELECT live, session_id, viewers FROM proj_channels.channels"),
            (text_rows{{"t", second.id_text(), "3"}}));
  EXPECT_EQ(rows("SELECT id, peak_viewers, last_viewers FROM proj_channels.stream_sessions "
                 "ORDER BY position"),
            (text_rows{{first.id_text(), "9", "9"}, {second.id_text(), "4", "3"}}));
}

}  // namespace
}  // namespace streamhub::projections
