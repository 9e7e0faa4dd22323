#pragma once
// A latency histogram in the manner of HdrHistogram (written here rather than
// depending on a C port of it: the loadgen needs recording, merging,
// percentiles and the coordinated-omission correction, about 100 lines).
//
// Values are nanoseconds. Values below 128 are counted exactly; above, each
// power-of-two range is split into 64 buckets, so a reported value is at most
// 1/64 (1.6%) above the recorded one. A percentile answers the highest value
// its bucket stands for (HdrHistogram's "highest equivalent value").
//
// Thread-safety: none; the loadgen keeps one per thread and merges them.

#include <cstdint>
#include <vector>

namespace streamhub::loadgen {

class latency_histogram {
 public:
  latency_histogram();

  /// Counts one value (negative values count as 0).
  void record(std::int64_t value_ns);

  /// Counts `value_ns` and, when it exceeds `expected_interval_ns`, the
  /// values the requests that could not be sent meanwhile would have seen:
  /// value - interval, value - 2 * interval, ... down to the interval.
  /// For results of a loop that measured from the actual send time; a loop
  /// that measures from the intended send time needs no correction.
  void record_corrected(std::int64_t value_ns, std::int64_t expected_interval_ns);

  /// Adds every count of `other`.
  void merge(const latency_histogram& other);

  /// The value below or at which `percent` (0-100) of the counts lie; 0 when
  /// empty.
  std::int64_t percentile(double percent) const;

  std::uint64_t count() const { return count_; }
  std::int64_t max() const { return max_; }
  /// Mean of the recorded values (exact, not bucketed); 0 when empty.
  double mean() const;

 private:
  static std::size_t index_of(std::uint64_t value);
  static std::uint64_t highest_of(std::size_t index);

  std::vector<std::uint64_t> counts_;
  std::uint64_t count_ = 0;
  std::int64_t max_ = 0;
  long double sum_ = 0;
};

}  // namespace streamhub::loadgen
