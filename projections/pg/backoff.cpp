#include "projections/pg/backoff.hpp"

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <mutex>

namespace streamhub::projections {

backoff::backoff(backoff_policy policy, std::uint64_t seed)
    : policy_(policy),
      random_(seed != 0 ? seed
                        : static_cast<std::uint64_t>(
                              std::chrono::steady_clock::now().time_since_epoch().count())) {
  policy_.jitter = std::clamp(policy_.jitter, 0.0, 1.0);
  policy_.multiplier = std::max(policy_.multiplier, 1.0);
  policy_.initial = std::clamp(policy_.initial, std::chrono::milliseconds{0}, policy_.cap);
}

std::chrono::milliseconds backoff::next_delay() {
  const double cap = static_cast<double>(policy_.cap.count());
  // Computed in floating point and capped, so a long outage cannot overflow.
  const double base =
      std::min(cap, static_cast<double>(policy_.initial.count()) *
                        std::pow(policy_.multiplier, static_cast<double>(attempts_)));
  ++attempts_;
  std::uniform_real_distribution<double> spread(1.0 - policy_.jitter, 1.0);
  return std::chrono::milliseconds{static_cast<std::int64_t>(std::llround(base * spread(random_)))};
}

result<void> retry_while_unavailable(const std::function<result<void>()>& attempt,
                                     backoff& delays, std::stop_token stop) {
  std::mutex mutex;
  std::condition_variable_any wake;
  for (;;) {
    auto outcome = attempt();
    if (outcome || outcome.err().code != error_code::unavailable || stop.stop_requested()) {
      return outcome;
    }
    std::unique_lock lock(mutex);
    // Returns early, and only, when a stop is requested.
    wake.wait_for(lock, stop, delays.next_delay(), [] { return false; });
  }
}

}  // namespace streamhub::projections
