#include "protocol/graphql/validation/document_cache.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "tests/protocol/graphql/validation/validation_fixture.hpp"

namespace streamhub::graphql::testing {
namespace {

document_cache_options one_shard(std::size_t max_entries, std::size_t max_bytes = 1 << 20) {
  document_cache_options options;
  options.shards = 1;
  options.max_entries = max_entries;
  options.max_bytes = max_bytes;
  return options;
}

TEST(document_cache, second_lookup_is_a_hit_with_the_same_entry) {
  document_cache cache;
  const auto first = cache.get(pets_schema_ptr(), "{ dog { name } }");
  const auto second = cache.get(pets_schema_ptr(), "{ dog { name } }");
  EXPECT_EQ(first, second);
  ASSERT_TRUE(first->valid());
  ASSERT_NE(first->doc(), nullptr);
  ASSERT_EQ(first->operations().size(), 1u);
  EXPECT_EQ(first->operations()[0].analysis.fields, 2u);
  const auto stats = cache.statistics();
  EXPECT_EQ(stats.hits, 1u);
  EXPECT_EQ(stats.misses, 1u);
  EXPECT_EQ(stats.entries, 1u);
  EXPECT_GT(stats.bytes, 0u);
}

TEST(document_cache, keys_on_the_exact_text) {
  document_cache cache;
  const auto a = cache.get(pets_schema_ptr(), "{ dog { name } }");
  const auto b = cache.get(pets_schema_ptr(), "{ dog { name }}");
  EXPECT_NE(a, b);
  EXPECT_EQ(cache.statistics().misses, 2u);
}

TEST(document_cache, keys_on_the_schema) {
  document_cache cache;
  const auto pets = cache.get(pets_schema_ptr(), "{ __typename }");
  const auto star_wars = cache.get(star_wars_schema_ptr(), "{ __typename }");
  EXPECT_NE(pets, star_wars);
  EXPECT_EQ(cache.statistics().entries, 2u);
}

TEST(document_cache, caches_validation_errors) {
  document_cache cache;
  const auto bad = cache.get(pets_schema_ptr(), "{ dog { nope } }");
  EXPECT_FALSE(bad->valid());
  ASSERT_EQ(bad->errors().size(), 1u);
  EXPECT_EQ(bad->errors()[0].message, "Cannot query field \"nope\" on type \"Dog\". Did you mean \"name\"?");
  EXPECT_NE(bad->doc(), nullptr);
  EXPECT_TRUE(bad->operations().empty());
  EXPECT_EQ(cache.get(pets_schema_ptr(), "{ dog { nope } }"), bad);
  EXPECT_EQ(cache.statistics().hits, 1u);
}

TEST(document_cache, caches_syntax_errors) {
  document_cache cache;
  const auto bad = cache.get(pets_schema_ptr(), "{ dog { ");
  EXPECT_FALSE(bad->valid());
  EXPECT_EQ(bad->doc(), nullptr);
  EXPECT_EQ(bad->errors()[0].message, "Syntax Error: Expected Name, found <EOF>.");
  EXPECT_EQ(cache.get(pets_schema_ptr(), "{ dog { "), bad);
}

TEST(document_cache, selects_operations_with_their_analysis) {
  document_cache cache;
  const auto doc = cache.get(pets_schema_ptr(), "query A { dog { name } } query B { a: dog { name owner { name } } }");
  ASSERT_TRUE(doc->valid());
  const auto b = doc->select("B");
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ((*b)->node->name.value, "B");
  EXPECT_EQ((*b)->analysis.depth, 3u);
  EXPECT_EQ((*b)->analysis.aliases, 1u);
  EXPECT_EQ(doc->select("").errors()[0].message,
            "Must provide operation name if query contains multiple operations.");
  EXPECT_EQ(doc->select("C").errors()[0].message, "Unknown operation named \"C\".");
}

TEST(document_cache, evicts_the_least_recently_used) {
  document_cache cache(one_shard(2));
  const auto a = cache.get(pets_schema_ptr(), "{ dog { name } }");
  cache.get(pets_schema_ptr(), "{ dog { nickname } }");
  cache.get(pets_schema_ptr(), "{ dog { name } }");         // a is now the most recent
  cache.get(pets_schema_ptr(), "{ dog { barkVolume } }");   // evicts nickname
  EXPECT_EQ(cache.statistics().evictions, 1u);
  EXPECT_EQ(cache.get(pets_schema_ptr(), "{ dog { name } }"), a);  // still cached
  const auto before = cache.statistics().misses;
  cache.get(pets_schema_ptr(), "{ dog { nickname } }");
  EXPECT_EQ(cache.statistics().misses, before + 1);
  EXPECT_EQ(cache.statistics().entries, 2u);
}

TEST(document_cache, evicted_entries_stay_valid_for_holders) {
  document_cache cache(one_shard(1));
  const auto held = cache.get(pets_schema_ptr(), "{ dog { name } }");
  cache.get(pets_schema_ptr(), "{ dog { nickname } }");
  EXPECT_EQ(cache.statistics().entries, 1u);
  ASSERT_TRUE(held->valid());
  EXPECT_EQ(held->operations()[0].node->selection_set.size(), 1u);
}

TEST(document_cache, bounds_total_bytes) {
  const std::size_t one = cached_document::make(pets_schema(), "{ dog { name } }", {})->charge();
  document_cache cache(one_shard(1000, 4 * (one + 200)));
  for (int i = 0; i < 50; ++i) cache.get(pets_schema_ptr(), "{ dog { name } } # " + std::to_string(i));
  const auto stats = cache.statistics();
  EXPECT_LE(stats.bytes, 4 * (one + 200));
  EXPECT_GE(stats.entries, 2u);
  EXPECT_LT(stats.entries, 10u);
  EXPECT_EQ(stats.evictions, 50 - stats.entries);
}

TEST(document_cache, does_not_keep_entries_larger_than_a_share) {
  document_cache cache(one_shard(10, 64));
  const auto doc = cache.get(pets_schema_ptr(), "{ dog { name } }");
  EXPECT_TRUE(doc->valid());
  EXPECT_EQ(cache.statistics().entries, 0u);
}

TEST(document_cache, clear_drops_everything) {
  document_cache cache;
  cache.get(pets_schema_ptr(), "{ dog { name } }");
  cache.clear();
  EXPECT_EQ(cache.statistics().entries, 0u);
  EXPECT_EQ(cache.statistics().bytes, 0u);
  cache.get(pets_schema_ptr(), "{ dog { name } }");
  EXPECT_EQ(cache.statistics().misses, 2u);
}

// Many threads looking up, inserting and evicting at once (run it under
// -fsanitize=thread to check the locking): every answer is the right one
// and every lookup is counted once.
TEST(document_cache, concurrent_use_gives_consistent_answers) {
  document_cache_options options;
  options.max_entries = 64;  // smaller than the set of texts: constant eviction
  document_cache cache(options);
  std::vector<std::string> texts;
  for (int i = 0; i < 100; ++i) {
    texts.push_back(i % 3 == 0 ? "{ dog { unknown" + std::to_string(i) + " } }"
                               : "{ dog { name } } # " + std::to_string(i));
  }
  constexpr int threads = 8;
  constexpr int lookups = 2000;
  std::atomic<int> wrong{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      for (int i = 0; i < lookups; ++i) {
        const std::size_t k = static_cast<std::size_t>(i * 7 + t * 13) % texts.size();
        const auto doc = cache.get(pets_schema_ptr(), texts[k]);
        if (doc->valid() != (k % 3 != 0)) ++wrong;
        if (doc->valid() && doc->operations()[0].analysis.fields != 2u) ++wrong;
      }
    });
  }
  for (auto& thread : pool) thread.join();
  EXPECT_EQ(wrong.load(), 0);
  const auto stats = cache.statistics();
  EXPECT_EQ(stats.hits + stats.misses, std::uint64_t{threads} * lookups);
  EXPECT_LE(stats.entries, 64u + 16u);  // each shard rounds its share up
}

}  // namespace
}  // namespace streamhub::graphql::testing
