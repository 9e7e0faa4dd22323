#include "gateway/limits/rate_limiter.hpp"

#include <gtest/gtest.h>

namespace streamhub::gateway::limits {
namespace {

using namespace std::chrono_literals;

TEST(rate_limiter, keys_have_separate_buckets) {
  rate_limiter limiter({.capacity = 2, .refill_per_second = 1});
  const auto t0 = rate_limiter::clock::time_point{} + 1s;
  EXPECT_TRUE(limiter.try_acquire("ip:1", t0).allowed);
  EXPECT_TRUE(limiter.try_acquire("ip:1", t0).allowed);
  const auto refused = limiter.try_acquire("ip:1", t0);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after, 1000ms);
  EXPECT_TRUE(limiter.try_acquire("ip:2", t0).allowed);
  EXPECT_EQ(limiter.size(), 2u);
}

TEST(rate_limiter, idle_buckets_are_evicted_once_full) {
  rate_limiter limiter({.capacity = 2, .refill_per_second = 1});
  const auto t0 = rate_limiter::clock::time_point{} + 1s;
  limiter.try_acquire("a", t0);
  limiter.try_acquire("b", t0, 2);
  EXPECT_EQ(limiter.evict_idle(t0 + 1s), 1u) << "a is full again, b is not";
  EXPECT_EQ(limiter.evict_idle(t0 + 2s), 1u);
  EXPECT_EQ(limiter.size(), 0u);
}

TEST(rate_limiter, a_full_map_evicts_idle_buckets_to_make_room) {
  rate_limiter limiter({.capacity = 1, .refill_per_second = 1}, /*max_keys=*/16);
  const auto t0 = rate_limiter::clock::time_point{} + 1s;
  for (int i = 0; i < 200; ++i) limiter.try_acquire("k" + std::to_string(i), t0 + std::chrono::seconds(i * 2));
  EXPECT_LE(limiter.size(), 32u);
}

TEST(rate_limiter, disabled_config_allows_everything_untracked) {
  rate_limiter limiter({});
  const auto t0 = rate_limiter::clock::time_point{};
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(limiter.try_acquire("x", t0).allowed);
  EXPECT_EQ(limiter.size(), 0u);
}

}  // namespace
}  // namespace streamhub::gateway::limits
