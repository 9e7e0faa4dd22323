#pragma once
// The three instrument kinds of the registry. Updates are single relaxed
// atomic operations: safe from any thread, no lock, no allocation.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace streamhub::gateway::metrics {

/// A monotonically increasing count.
class counter {
 public:
  void inc(std::uint64_t n = 1) noexcept { value_.fetch_add(n, std::memory_order_relaxed); }
  std::uint64_t value() const noexcept { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> value_{0};
};

/// A value that goes up and down.
class gauge {
 public:
  void inc(std::int64_t n = 1) noexcept { value_.fetch_add(n, std::memory_order_relaxed); }
  void dec(std::int64_t n = 1) noexcept { value_.fetch_sub(n, std::memory_order_relaxed); }
  void set(std::int64_t v) noexcept { value_.store(v, std::memory_order_relaxed); }
  std::int64_t value() const noexcept { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::int64_t> value_{0};
};

/// Observations counted into fixed buckets (upper bounds, ascending; +Inf is
/// implicit), with their sum.
class histogram {
 public:
  explicit histogram(std::vector<double> upper_bounds);

  void observe(double value) noexcept;

  const std::vector<double>& upper_bounds() const noexcept { return bounds_; }
  /// Observations that fell in bucket i (not cumulative); i == size() is +Inf.
  std::uint64_t bucket_count(std::size_t i) const noexcept {
    return counts_[i].load(std::memory_order_relaxed);
  }
  std::uint64_t count() const noexcept;
  double sum() const noexcept { return sum_.load(std::memory_order_relaxed); }

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> counts_;
  std::atomic<double> sum_{0};
};

/// Latency buckets in seconds, 100 µs to 10 s.
std::vector<double> latency_buckets();

}  // namespace streamhub::gateway::metrics
