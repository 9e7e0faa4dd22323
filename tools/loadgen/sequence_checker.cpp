#include "tools/loadgen/sequence_checker.hpp"

#include <algorithm>

namespace streamhub::loadgen {

sequence_report& sequence_report::operator+=(const sequence_report& other) {
  lost += other.lost;
  reordered += other.reordered;
  duplicated += other.duplicated;
  unexpected += other.unexpected;
  return *this;
}

void sequence_checker::observe(std::uint64_t sequence) {
  ++received_;
  if (lowest_ == 0) {
    lowest_ = highest_ = sequence;
    return;
  }
  if (sequence > highest_) {
    for (std::uint64_t missing = highest_ + 1; missing < sequence; ++missing) gaps_.insert(missing);
    highest_ = sequence;
  } else if (sequence < lowest_) {
    // Below everything seen: late, and whatever lies between is missing.
    ++reordered_;
    for (std::uint64_t missing = sequence + 1; missing < lowest_; ++missing) gaps_.insert(missing);
    lowest_ = sequence;
  } else if (gaps_.erase(sequence) == 1) {
    ++reordered_;
  } else {
    ++duplicated_;
  }
}

sequence_report sequence_checker::finish(std::uint64_t first, std::uint64_t last) const {
  sequence_report report;
  report.reordered = reordered_;
  report.duplicated = duplicated_;
  if (last < first) {
    report.unexpected = received_ - duplicated_;
    return report;
  }
  const std::uint64_t expected = last - first + 1;
  if (lowest_ == 0) {
    report.lost = expected;
    return report;
  }
  // Distinct arrivals inside [first, last]: the span seen, clipped, minus its gaps.
  const std::uint64_t lo = std::max(lowest_, first);
  const std::uint64_t hi = std::min(highest_, last);
  std::uint64_t inside = 0;
  if (lo <= hi) {
    inside = hi - lo + 1;
    inside -= static_cast<std::uint64_t>(
        std::distance(gaps_.lower_bound(lo), gaps_.upper_bound(hi)));
  }
  const std::uint64_t distinct = received_ - duplicated_;
  report.unexpected = distinct - inside;
  report.lost = expected - inside;
  return report;
}

}  // namespace streamhub::loadgen
