#pragma once
// Token buckets per key (a user id, a client IP) in a sharded map. Buckets
// that have refilled completely are indistinguishable from new ones, so they
// are evicted: on a periodic evict_idle() and when a shard is full.

#include <array>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "gateway/limits/token_bucket.hpp"

namespace streamhub::gateway::limits {

struct rate_decision {
  bool allowed = true;
  /// When refused: how long until retrying can succeed.
  std::chrono::milliseconds retry_after{0};
};

/// Thread-safe: one mutex per shard, held for a hash lookup and a few
/// arithmetic operations.
class rate_limiter {
 public:
  using clock = token_bucket::clock;

  /// `max_keys` bounds memory: a shard that is full after evicting idle
  /// buckets lets new keys through untracked (failing open is preferred to
  /// refusing everyone during a flood of distinct keys).
  explicit rate_limiter(token_bucket_config config, std::size_t max_keys = 1 << 20);

  /// Takes `cost` tokens from `key`'s bucket. Always allowed when the config
  /// is disabled.
  rate_decision try_acquire(std::string_view key, clock::time_point now, double cost = 1);

  /// Removes full buckets; returns how many.
  std::size_t evict_idle(clock::time_point now);

  /// Number of tracked keys.
  std::size_t size() const;

  const token_bucket_config& config() const noexcept { return config_; }

 private:
  static constexpr std::size_t shard_count = 16;
  struct string_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept {
      return std::hash<std::string_view>{}(text);
    }
  };
  struct shard {
    mutable std::mutex mutex;
    std::unordered_map<std::string, token_bucket, string_hash, std::equal_to<>> buckets;
  };
  std::size_t evict_shard(shard& s, clock::time_point now);

  token_bucket_config config_;
  std::size_t max_keys_per_shard_;
  std::array<shard, shard_count> shards_;
};

}  // namespace streamhub::gateway::limits
