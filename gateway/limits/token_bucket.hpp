#pragma once
// A token bucket: holds up to `capacity` tokens, refills continuously at
// `refill_per_second`; a request takes one (or `cost`) token or is told how
// long until enough tokens exist. The configuration lives outside the bucket
// so a map of millions of buckets stores 16 bytes each.

#include <chrono>

namespace streamhub::gateway::limits {

struct token_bucket_config {
  /// Burst size. 0 disables the limit (every request is allowed).
  double capacity = 0;
  /// Sustained rate.
  double refill_per_second = 0;

  bool enabled() const noexcept { return capacity > 0 && refill_per_second > 0; }
};

/// Not thread-safe; rate_limiter guards buckets with its shard locks.
class token_bucket {
 public:
  using clock = std::chrono::steady_clock;

  /// A full bucket.
  token_bucket(const token_bucket_config& config, clock::time_point now) noexcept
      : tokens_(config.capacity), updated_(now) {}

  /// Takes `cost` tokens and returns zero, or takes nothing and returns the
  /// wait until `cost` tokens will exist (rounded up to whole milliseconds,
  /// never zero). A cost above capacity can never succeed: it returns the
  /// time to fill the bucket completely.
  std::chrono::milliseconds try_take(const token_bucket_config& config, clock::time_point now,
                                     double cost = 1) noexcept;

  /// Whether the bucket has refilled to capacity by `now`, i.e. forgetting it
  /// changes nothing.
  bool is_full(const token_bucket_config& config, clock::time_point now) const noexcept;

  double tokens(const token_bucket_config& config, clock::time_point now) const noexcept;

 private:
  double tokens_;
  clock::time_point updated_;
};

}  // namespace streamhub::gateway::limits
