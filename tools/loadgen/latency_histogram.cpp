#include "tools/loadgen/latency_histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace streamhub::loadgen {

namespace {

constexpr std::uint64_t exact_below = 128;  // values counted exactly
constexpr std::uint64_t sub_buckets = 64;   // buckets per power of two above
constexpr int max_shift = 40;               // 2^47 ns: about 39 hours

}  // namespace

latency_histogram::latency_histogram() : counts_(exact_below + max_shift * sub_buckets, 0) {}

// Above 127: shift so that the value's top 7 bits remain (64..127); the
// shift picks the power-of-two range, the remaining bits the bucket in it.
std::size_t latency_histogram::index_of(std::uint64_t value) {
  if (value < exact_below) return value;
  const int shift = std::min(static_cast<int>(std::bit_width(value)) - 7, max_shift);
  const std::uint64_t top = std::min<std::uint64_t>(value >> shift, 2 * sub_buckets - 1);
  return exact_below + static_cast<std::size_t>(shift - 1) * sub_buckets + (top - sub_buckets);
}

std::uint64_t latency_histogram::highest_of(std::size_t index) {
  if (index < exact_below) return index;
  const std::size_t above = index - exact_below;
  const int shift = static_cast<int>(above / sub_buckets) + 1;
  const std::uint64_t top = sub_buckets + above % sub_buckets;
  return ((top + 1) << shift) - 1;
}

void latency_histogram::record(std::int64_t value_ns) {
  const std::uint64_t v = value_ns > 0 ? static_cast<std::uint64_t>(value_ns) : 0;
  ++counts_[index_of(v)];
  ++count_;
  max_ = std::max<std::int64_t>(max_, static_cast<std::int64_t>(v));
  sum_ += static_cast<long double>(v);
}

void latency_histogram::record_corrected(std::int64_t value_ns, std::int64_t expected_interval_ns) {
  record(value_ns);
  if (expected_interval_ns <= 0) return;
  for (std::int64_t missed = value_ns - expected_interval_ns; missed >= expected_interval_ns;
       missed -= expected_interval_ns)
    record(missed);
}

void latency_histogram::merge(const latency_histogram& other) {
  for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
  count_ += other.count_;
  max_ = std::max(max_, other.max_);
  sum_ += other.sum_;
}

std::int64_t latency_histogram::percentile(double percent) const {
  if (count_ == 0) return 0;
  const double clamped = std::clamp(percent, 0.0, 100.0);
  const auto rank = std::max<std::uint64_t>(
      1, static_cast<std::uint64_t>(std::ceil(clamped / 100.0 * static_cast<double>(count_))));
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (seen >= rank) return std::min<std::int64_t>(static_cast<std::int64_t>(highest_of(i)), max_);
  }
  return max_;
}

double latency_histogram::mean() const {
  return count_ == 0 ? 0.0 : static_cast<double>(sum_ / static_cast<long double>(count_));
}

}  // namespace streamhub::loadgen
