#pragma once
// The send schedule of a fixed-rate (open) load: request i is due at
// start + i / rate, whether or not earlier answers have come back. Latency
// is measured from that intended time, not from when the request could
// actually be sent, so a server that stalls is charged for every request
// its stall held back (no coordinated omission).
//
// Thread-safety: immutable after construction.

#include <chrono>
#include <cstdint>

namespace streamhub::loadgen {

using clock = std::chrono::steady_clock;

class fixed_rate {
 public:
  /// `per_second` > 0: requests per second over all senders sharing the schedule.
  fixed_rate(clock::time_point start, double per_second) : start_(start), per_second_(per_second) {}

  /// When request `i` (0-based) is due.
  clock::time_point intended(std::uint64_t i) const {
    return start_ + std::chrono::nanoseconds(static_cast<std::int64_t>(static_cast<double>(i) * 1e9 / per_second_));
  }

  /// Nanoseconds between two requests.
  std::int64_t interval_ns() const { return static_cast<std::int64_t>(1e9 / per_second_); }

 private:
  clock::time_point start_;
  double per_second_;
};

/// Latency of an answer received at `received` for a request due at `intended`.
inline std::int64_t latency_ns(clock::time_point intended, clock::time_point received) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(received - intended).count();
}

}  // namespace streamhub::loadgen
