#pragma once
// Checks one subscriber's view of one gap-free sequence (a chat room's event
// sequence, or one publisher's message counter on a peer server): every
// number from the first expected to the last expected must arrive exactly
// once, in increasing order.
//
// Thread-safety: none; each subscriber owns its checkers.

#include <cstdint>
#include <set>

namespace streamhub::loadgen {

struct sequence_report {
  /// Expected numbers that never arrived.
  std::uint64_t lost = 0;
  /// Arrivals lower than a number that had already arrived (late, not lost).
  std::uint64_t reordered = 0;
  /// Numbers that arrived more than once.
  std::uint64_t duplicated = 0;
  /// Arrivals outside [first, last] given to finish().
  std::uint64_t unexpected = 0;

  bool clean() const { return lost == 0 && reordered == 0 && duplicated == 0 && unexpected == 0; }
  sequence_report& operator+=(const sequence_report& other);
};

class sequence_checker {
 public:
  /// Counts one arrival.
  void observe(std::uint64_t sequence);

  /// The verdict for the expected range [first, last] (empty when
  /// last < first). Call once every expected message had its chance to
  /// arrive; arrivals after it are not counted.
  sequence_report finish(std::uint64_t first, std::uint64_t last) const;

  std::uint64_t received() const { return received_; }

 private:
  // Arrivals are mostly in order, so the state is the highest number seen
  // plus the gaps below it; a gap closes when its number comes late.
  std::uint64_t lowest_ = 0;  // 0: nothing arrived yet
  std::uint64_t highest_ = 0;
  std::uint64_t received_ = 0;
  std::uint64_t reordered_ = 0;
  std::uint64_t duplicated_ = 0;
  std::set<std::uint64_t> gaps_;
};

}  // namespace streamhub::loadgen
