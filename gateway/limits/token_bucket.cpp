#include "gateway/limits/token_bucket.hpp"

#include <algorithm>
#include <cmath>

namespace streamhub::gateway::limits {

double token_bucket::tokens(const token_bucket_config& config, clock::time_point now) const noexcept {
  const double elapsed = std::chrono::duration<double>(now - updated_).count();
  if (elapsed <= 0) return tokens_;
  return std::min(config.capacity, tokens_ + elapsed * config.refill_per_second);
}

std::chrono::milliseconds token_bucket::try_take(const token_bucket_config& config,
                                                 clock::time_point now, double cost) noexcept {
  const double available = tokens(config, now);
  if (now > updated_) updated_ = now;
  tokens_ = available;
  if (available >= cost) {
    tokens_ = available - cost;
    return std::chrono::milliseconds{0};
  }
  const double missing = std::min(cost, config.capacity) - available;
  const double wait_ms = std::ceil(std::max(missing, 0.0) / config.refill_per_second * 1000.0);
  return std::chrono::milliseconds{std::max<long long>(1, static_cast<long long>(wait_ms))};
}

bool token_bucket::is_full(const token_bucket_config& config, clock::time_point now) const noexcept {
  return tokens(config, now) >= config.capacity;
}

}  // namespace streamhub::gateway::limits
