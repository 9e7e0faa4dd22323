#include "gateway/limits/rate_limiter.hpp"

namespace streamhub::gateway::limits {

rate_limiter::rate_limiter(token_bucket_config config, std::size_t max_keys)
    : config_(config), max_keys_per_shard_(std::max<std::size_t>(1, max_keys / shard_count)) {}

rate_decision rate_limiter::try_acquire(std::string_view key, clock::time_point now, double cost) {
  if (!config_.enabled()) return {};
  shard& s = shards_[string_hash{}(key) % shard_count];
  std::lock_guard lock(s.mutex);
  auto it = s.buckets.find(key);
  if (it == s.buckets.end()) {
    if (s.buckets.size() >= max_keys_per_shard_ && evict_shard(s, now) == 0) return {};
    it = s.buckets.emplace(std::string(key), token_bucket(config_, now)).first;
  }
  const auto wait = it->second.try_take(config_, now, cost);
  return {wait.count() == 0, wait};
}

std::size_t rate_limiter::evict_shard(shard& s, clock::time_point now) {
  return std::erase_if(s.buckets, [&](const auto& entry) { return entry.second.is_full(config_, now); });
}

std::size_t rate_limiter::evict_idle(clock::time_point now) {
  std::size_t removed = 0;
  for (shard& s : shards_) {
    std::lock_guard lock(s.mutex);
    removed += evict_shard(s, now);
  }
  return removed;
}

std::size_t rate_limiter::size() const {
  std::size_t total = 0;
  for (const shard& s : shards_) {
    std::lock_guard lock(s.mutex);
    total += s.buckets.size();
  }
  return total;
}

}  // namespace streamhub::gateway::limits
