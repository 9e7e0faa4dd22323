#include "projections/projection_runtime.hpp"

#include <gtest/gtest.h>

#include "tests/projections/pg_test_cluster.hpp"
#include "tests/projections/projection_test.hpp"
#include "tests/projections/social_scenario.hpp"

namespace streamhub::projections {
namespace {

using testing::text_rows;

class ProjectionRuntimeTest : public testing::projection_test {};

TEST_F(ProjectionRuntimeTest, EveryReadModelCatchesUpAndReportsNoLag) {
  testing::write_social_scenario(write_);
  start();
  catch_up();
  const auto head = log_.head_position();
  const auto stats = runtime_->stats();
  ASSERT_EQ(stats.size(), read::read_model_count);
  for (std::size_t i = 0; i < stats.size(); ++i) {
    const auto model = static_cast<read::read_model>(i);
    EXPECT_EQ(stats[i].name, read::to_string(model));
    EXPECT_EQ(stats[i].status, projector_status::running) << stats[i].name;
    EXPECT_EQ(stats[i].applied, head) << stats[i].name;
    EXPECT_EQ(stats[i].head, head);
    EXPECT_EQ(stats[i].lag_events, 0u);
    EXPECT_EQ(stats[i].lag_seconds, 0);
    EXPECT_EQ(runtime_->positions()->position(model), head);
  }
  EXPECT_EQ(runtime_->resume("nope").err().code, error_code::not_found);
}

// Appends need only the log: they go on while PostgreSQL is down, and the
// projections catch up when it is back.
TEST_F(ProjectionRuntimeTest, TheLogTakesEventsWhilePostgresIsDownAndProjectionsCatchUp) {
  using namespace domain;
  auto cluster = testing::pg_test_cluster::shared();
  ASSERT_TRUE(cluster);
  start();
  write_.user("alice", user_registered{"alice", "a@example.com", "A", "h"});
  catch_up();
  ASSERT_TRUE((*cluster)->cluster().stop(stop_mode::immediate));
  write_.user("bob", user_registered{"bob", "b@example.com", "B", "h"});
  write_.channel("alice", follower_added{"bob"});
  write_.channel("alice", stream_went_live{"Back", "Talk"});
  ASSERT_TRUE((*cluster)->cluster().start());
  write_.chat("alice", chat_message_posted{"bob", "B", "hi", std::nullopt, {}});
  catch_up();
  EXPECT_EQ(rows("SELECT login, follower_count, following_count FROM proj_users.users "
                 "ORDER BY login"),
            (text_rows{{"alice", "1", "0"}, {"bob", "0", "1"}}));
  EXPECT_EQ(rows("SELECT recipient, kind FROM proj_notifications.notifications ORDER BY position"),
            (text_rows{{"alice", "new_follower"}, {"bob", "stream_live"}}));
  EXPECT_EQ(rows("SELECT messages FROM proj_analytics.session_stats"), (text_rows{{"1"}}));
}

}  // namespace
}  // namespace streamhub::projections
