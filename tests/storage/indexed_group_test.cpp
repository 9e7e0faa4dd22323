#include "storage/rocksdb_indexer.hpp"

#include <algorithm>
#include <vector>

#include <gtest/gtest.h>

namespace streamhub::storage {
namespace {

struct logged {
  event_id id;
};

std::vector<logged> events(std::size_t n) {
  std::vector<logged> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back({event_id::generate()});
  return out;
}

TEST(IndexedGroupTest, FindsEveryEventOfItsAppendsWhereItLanded) {
  indexed_group group;
  const auto a = events(3), b = events(2);
  group.add_append("user:a", 5, 100, a);
  group.add_append("user:b", 1, 103, b);
  EXPECT_EQ(group.first(), 100u);
  EXPECT_EQ(group.last(), 104u);
  group.seal();

  const auto* second_of_a = group.find(a[1].id);
  ASSERT_NE(second_of_a, nullptr);
  EXPECT_EQ(second_of_a->position, 101u);
  EXPECT_EQ(second_of_a->version, 6u);
  EXPECT_EQ(second_of_a->remaining, 1u);
  const auto* first_of_b = group.find(b[0].id);
  ASSERT_NE(first_of_b, nullptr);
  EXPECT_EQ(first_of_b->position, 103u);
  EXPECT_EQ(first_of_b->remaining, 1u);
  EXPECT_EQ(group.find(event_id::generate()), nullptr);
}

TEST(IndexedGroupTest, AnAppendAfterASealUnsealsItUntilSealedAgain) {
  indexed_group group;
  const auto a = events(4), b = events(4);
  group.add_append("user:a", 1, 1, a);
  group.seal();
  EXPECT_TRUE(group.sealed());
  ASSERT_NE(group.find(a[3].id), nullptr);
  EXPECT_EQ(group.find(a[3].id)->position, 4u);
  group.add_append("user:b", 1, 5, b);
  EXPECT_FALSE(group.sealed());
  group.seal();
  for (const auto& e : a) EXPECT_NE(group.find(e.id), nullptr);
  for (const auto& e : b) EXPECT_NE(group.find(e.id), nullptr);
  const auto& ids = group.ids();
  ASSERT_EQ(ids.size(), 8u);
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end(),
                             [](const indexed_id& x, const indexed_id& y) { return x.id < y.id; }));
}

TEST(IndexedGroupTest, AStreamsVersionIsThatOfItsLastAppendInTheGroup) {
  indexed_group group;
  group.add_append("user:a", 1, 1, events(2));
  group.add_append("user:ab", 1, 3, events(1));
  group.add_append("user:a", 3, 4, events(3));
  EXPECT_EQ(group.version_of("user:a"), 5u);
  EXPECT_EQ(group.version_of("user:ab"), 1u);
  EXPECT_FALSE(group.version_of("user:b"));
  group.clear();
  EXPECT_TRUE(group.empty());
  EXPECT_FALSE(group.version_of("user:a"));
}

}  // namespace
}  // namespace streamhub::storage
