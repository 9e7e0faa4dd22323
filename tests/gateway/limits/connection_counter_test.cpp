#include "gateway/limits/connection_counter.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace streamhub::gateway::limits {
namespace {

TEST(connection_counter, caps_per_key_and_releases_with_the_lease) {
  connection_counter counter(2);
  auto a = counter.try_acquire("10.0.0.1");
  auto b = counter.try_acquire("10.0.0.1");
  EXPECT_TRUE(a && b);
  EXPECT_FALSE(counter.try_acquire("10.0.0.1"));
  EXPECT_TRUE(counter.try_acquire("10.0.0.2"));
  EXPECT_EQ(counter.count("10.0.0.1"), 2u);
  a = {};
  EXPECT_EQ(counter.count("10.0.0.1"), 1u);
  connection_lease moved = std::move(b);
  EXPECT_EQ(counter.count("10.0.0.1"), 1u);
  EXPECT_TRUE(counter.try_acquire("10.0.0.1"));
}

TEST(connection_counter, zero_cap_counts_without_limit) {
  connection_counter counter(0);
  std::vector<connection_lease> leases;
  for (int i = 0; i < 1000; ++i) leases.push_back(counter.try_acquire("k"));
  EXPECT_EQ(counter.count("k"), 1000u);
  leases.clear();
  EXPECT_EQ(counter.count("k"), 0u);
}

}  // namespace
}  // namespace streamhub::gateway::limits
