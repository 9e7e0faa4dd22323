#include "projections/models/read_models.hpp"

#include <gtest/gtest.h>

#include "tests/projections/projection_test.hpp"
#include "tests/projections/social_scenario.hpp"

namespace streamhub::projections {
namespace {

using testing::text_rows;
using std::to_string;

class SubscriptionsProjectionTest : public testing::projection_test {};

TEST_F(SubscriptionsProjectionTest, TheLatestSubscriptionOfEachPairWins) {
  using namespace domain;
  start({read::read_model::subscriptions});
  const auto s = testing::write_social_scenario(write_);
  subscription_added renewal;
  renewal.user = "dave";
  renewal.tier = 3;
  renewal.gifted = true;
  renewal.gifter = "bob";
  renewal.cumulative_months = 2;
  renewal.expires_at_us = write_.now_us + 60LL * 24 * 3600 * 1'000'000;
  const auto renewed = write_.channel("alice", renewal, "user:bob");
  catch_up();

  EXPECT_EQ(rows("SELECT channel, subscriber, tier, cumulative_months, "
                 "timestamptz_to_us(expires_at), gifted, gifter, "
                 "timestamptz_to_us(first_subscribed_at), timestamptz_to_us(renewed_at), position "
                 "FROM proj_subscriptions.subscriptions"),
            (text_rows{{"alice", "dave", "3", "2", to_string(renewal.expires_at_us), "t", "bob",
                        to_string(s.subscription.at_us), to_string(renewed.at_us),
                        to_string(renewed.position)}}));
}

}  // namespace
}  // namespace streamhub::projections
