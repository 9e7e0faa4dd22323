#include "storage/stream_version_cache.hpp"

#include <gtest/gtest.h>

namespace streamhub::storage {
namespace {

TEST(StreamVersionCacheTest, EvictsTheLeastRecentlyUsed) {
  stream_version_cache cache(2);
  cache.put("user:a", 1);
  cache.put("user:b", 2);
  EXPECT_EQ(cache.find("user:a"), 1u);  // a is now the most recent
  cache.put("user:c", 3);
  EXPECT_FALSE(cache.find("user:b"));
  EXPECT_EQ(cache.find("user:a"), 1u);
  EXPECT_EQ(cache.find("user:c"), 3u);
  EXPECT_EQ(cache.size(), 2u);
}

TEST(StreamVersionCacheTest, PutUpdatesInPlace) {
  stream_version_cache cache(2);
  cache.put("user:a", 1);
  cache.put("user:a", 7);
  EXPECT_EQ(cache.find("user:a"), 7u);
  EXPECT_EQ(cache.size(), 1u);
}

TEST(StreamVersionCacheTest, ReusedEntriesKeepLongIdsApart) {
  stream_version_cache cache(1);
  const std::string long_a(100, 'a'), long_b(200, 'b');
  cache.put(long_a, 1);
  cache.put(long_b, 2);
  cache.put(long_a, 3);
  EXPECT_EQ(cache.find(long_a), 3u);
  EXPECT_FALSE(cache.find(long_b));
}

}  // namespace
}  // namespace streamhub::storage
