#pragma once
// Exponential backoff with jitter, for retrying while PostgreSQL is down.
//
// Projectors retry and resume: an actor asks `backoff::next_delay()` and
// schedules its next attempt (a delayed message, never a sleeping I/O
// thread); a worker thread may use `retry_while_unavailable`, which sleeps.
// The read side does not retry: it returns `unavailable` to its caller at
// once.

#include <chrono>
#include <cstdint>
#include <functional>
#include <random>
#include <stop_token>

#include "protocol/error.hpp"

namespace streamhub::projections {

struct backoff_policy {
  backoff_policy() = default;
  backoff_policy(std::chrono::milliseconds initial_delay, std::chrono::milliseconds max_delay)
      : initial(initial_delay), cap(max_delay) {}

  /// The delay before the first retry.
  std::chrono::milliseconds initial{100};
  /// Each further delay is the previous one times this factor...
  double multiplier = 2.0;
  /// ...up to this cap.
  std::chrono::milliseconds cap{10'000};
  /// Fraction of each delay that is random, in [0, 1]: a delay d becomes a
  /// uniform draw from [d * (1 - jitter), d]. Jitter keeps many retrying
  /// clients (projectors, pools) from hitting a recovering server in step.
  double jitter = 0.5;
};

/// The delays of one run of attempts. Not thread-safe: one per retry loop.
class backoff {
 public:
  /// `seed` makes the jitter reproducible in tests; 0 seeds from the clock.
  explicit backoff(backoff_policy policy = {}, std::uint64_t seed = 0);

  /// The delay to wait before the next attempt; grows with each call until
  /// the cap. Never negative, never above `policy.cap`.
  std::chrono::milliseconds next_delay();
  /// Starts over from `policy.initial` (after a success).
  void reset() noexcept { attempts_ = 0; }
  /// How many delays were handed out since the last reset.
  std::uint32_t attempts() const noexcept { return attempts_; }

 private:
  backoff_policy policy_;
  std::uint32_t attempts_ = 0;
  std::mt19937_64 random_;
};

/// Calls `attempt` until it returns something other than `unavailable`,
/// waiting `delays.next_delay()` between attempts. Returns the first outcome
/// that is not `unavailable`, or the last `unavailable` one once `stop` is
/// requested (a stop request also cuts a wait short). Blocks the calling
/// thread: use on worker threads only.
result<void> retry_while_unavailable(const std::function<result<void>()>& attempt,
                                     backoff& delays, std::stop_token stop = {});

}  // namespace streamhub::projections
