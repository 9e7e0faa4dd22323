#include "projections/models/read_models.hpp"

#include <gtest/gtest.h>

#include "tests/projections/projection_test.hpp"
#include "tests/projections/social_scenario.hpp"

namespace streamhub::projections {
namespace {

using testing::text_rows;

class AnalyticsProjectionTest : public testing::projection_test {};

TEST_F(AnalyticsProjectionTest, FiguresCountOnlyWhatHappenedWhileLive) {
  start({read::read_model::analytics});
  const auto s = testing::write_social_scenario(write_);
  catch_up();

  // Four messages (the deleted one too: it was sent) from three chatters,
  // carol's second follow, dave's subscription; the peak from the offline
  // event. Chat after the stream and follows before it do not count.
  EXPECT_EQ(rows("SELECT session_id, channel, messages, unique_chatters, new_followers, "
                 "subscriptions, peak_viewers FROM proj_analytics.session_stats"),
            (text_rows{{s.live.id_text(), "alice", "4", "3", "1", "1", "50"}}));
  EXPECT_EQ(rows("SELECT login FROM proj_analytics.session_chatters ORDER BY login"),
            (text_rows{{"bob"}, {"carol"}, {"dave"}}));
  EXPECT_EQ(value("SELECT count(*) FROM proj_analytics.live_sessions"), "0");
}

TEST_F(AnalyticsProjectionTest, ChattersAreCountedOnceAcrossBatches) {
  using namespace domain;
  start({read::read_model::analytics});
  const auto live = write_.channel("eve", stream_went_live{"Talk", "Just chatting"});
  write_.chat("eve", chat_message_posted{"bob", "Bob", "1", std::nullopt, {}});
  catch_up();  // one transaction...
  write_.chat("eve", chat_message_posted{"bob", "Bob", "2", std::nullopt, {}});
  write_.chat("eve", chat_message_posted{"carol", "Carol", "3", std::nullopt, {}});
  write_.chat("eve", chat_message_posted{"bob", "Bob", "4", std::nullopt, {}});
  catch_up();  // ...and more
  EXPECT_EQ(rows("SELECT session_id, messages, unique_chatters FROM proj_analytics.session_stats"),
            (text_rows{{live.id_text(), "4", "2"}}));
  EXPECT_EQ(rows("SELECT channel, session_id FROM proj_analytics.live_sessions"),
            (text_rows{{"eve", live.id_text()}}));
}

}  // namespace
}  // namespace streamhub::projections
