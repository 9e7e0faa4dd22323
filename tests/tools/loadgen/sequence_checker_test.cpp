#include "tools/loadgen/sequence_checker.hpp"

#include <gtest/gtest.h>

namespace streamhub::loadgen {
namespace {

sequence_checker fed(std::initializer_list<std::uint64_t> arrivals) {
  sequence_checker c;
  for (auto s : arrivals) c.observe(s);
  return c;
}

TEST(sequence_checker, in_order_and_complete_is_clean) {
  auto r = fed({5, 6, 7, 8}).finish(5, 8);
  EXPECT_TRUE(r.clean());
}

TEST(sequence_checker, catches_a_lost_message) {
  auto r = fed({1, 2, 4, 5}).finish(1, 5);
  EXPECT_EQ(r.lost, 1u);
  EXPECT_EQ(r.reordered, 0u);
  EXPECT_FALSE(r.clean());
}

TEST(sequence_checker, catches_lost_messages_at_either_end) {
  EXPECT_EQ(fed({2, 3}).finish(1, 4).lost, 2u);
  EXPECT_EQ(fed({}).finish(1, 4).lost, 4u);
}

TEST(sequence_checker, catches_a_reordered_message) {
  auto r = fed({1, 3, 2, 4}).finish(1, 4);
  EXPECT_EQ(r.reordered, 1u);
  EXPECT_EQ(r.lost, 0u);
  EXPECT_FALSE(r.clean());
}

TEST(sequence_checker, a_late_first_message_is_reordered_not_lost) {
  auto r = fed({2, 3, 1}).finish(1, 3);
  EXPECT_EQ(r.reordered, 1u);
  EXPECT_EQ(r.lost, 0u);
}

TEST(sequence_checker, catches_duplicates) {
  auto r = fed({1, 2, 2, 3}).finish(1, 3);
  EXPECT_EQ(r.duplicated, 1u);
  EXPECT_EQ(r.lost, 0u);
  EXPECT_FALSE(r.clean());
}

TEST(sequence_checker, arrivals_outside_the_range_are_unexpected) {
  auto r = fed({1, 2, 3, 9}).finish(1, 3);
  EXPECT_EQ(r.unexpected, 1u);
  EXPECT_EQ(r.lost, 0u);
  EXPECT_EQ(fed({1}).finish(1, 0).unexpected, 1u);
}

TEST(sequence_checker, reports_add_up) {
  sequence_report total;
  total += fed({1, 3}).finish(1, 3);
  total += fed({2, 1}).finish(1, 2);
  EXPECT_EQ(total.lost, 1u);
  EXPECT_EQ(total.reordered, 1u);
}

}  // namespace
}  // namespace streamhub::loadgen
