#include "gateway/limits/token_bucket.hpp"

#include <gtest/gtest.h>

namespace streamhub::gateway::limits {
namespace {

using namespace std::chrono_literals;

TEST(token_bucket, allows_a_burst_then_refuses_with_the_refill_wait) {
  const token_bucket_config config{.capacity = 3, .refill_per_second = 2};
  const auto t0 = token_bucket::clock::time_point{} + 100s;
  token_bucket bucket(config, t0);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(bucket.try_take(config, t0), 0ms);
  EXPECT_EQ(bucket.try_take(config, t0), 500ms) << "one token at 2/s takes 500 ms";
  EXPECT_EQ(bucket.try_take(config, t0 + 250ms), 250ms);
  EXPECT_EQ(bucket.try_take(config, t0 + 500ms), 0ms);
  EXPECT_EQ(bucket.try_take(config, t0 + 500ms), 500ms);
}

TEST(token_bucket, refills_to_capacity_and_no_further) {
  const token_bucket_config config{.capacity = 2, .refill_per_second = 10};
  const auto t0 = token_bucket::clock::time_point{} + 5s;
  token_bucket bucket(config, t0);
  EXPECT_EQ(bucket.try_take(config, t0, 2), 0ms);
  EXPECT_FALSE(bucket.is_full(config, t0 + 100ms));
  EXPECT_TRUE(bucket.is_full(config, t0 + 200ms));
  EXPECT_DOUBLE_EQ(bucket.tokens(config, t0 + 1h), 2.0);
}

TEST(token_bucket, cost_above_capacity_reports_time_to_fill) {
  const token_bucket_config config{.capacity = 4, .refill_per_second = 4};
  const auto t0 = token_bucket::clock::time_point{} + 1s;
  token_bucket bucket(config, t0);
  EXPECT_EQ(bucket.try_take(config, t0, 4), 0ms);
  EXPECT_EQ(bucket.try_take(config, t0, 10), 1000ms);
}

TEST(token_bucket, clock_going_backwards_does_not_mint_tokens) {
  const token_bucket_config config{.capacity = 1, .refill_per_second = 1};
  const auto t0 = token_bucket::clock::time_point{} + 10s;
  token_bucket bucket(config, t0);
  EXPECT_EQ(bucket.try_take(config, t0), 0ms);
  EXPECT_GT(bucket.try_take(config, t0 - 5s), 0ms);
}

}  // namespace
}  // namespace streamhub::gateway::limits
