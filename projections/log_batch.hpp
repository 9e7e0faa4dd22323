#pragma once
// Reading the log in batches for a projector: consecutive events from a
// position, up to a count and a byte budget, whichever is reached first.

#include <cstddef>
#include <vector>

#include "protocol/error.hpp"
#include "protocol/event_envelope.hpp"
#include "storage/event_log.hpp"

namespace streamhub::projections {

struct batch_limits {
  /// At most this many events...
  std::size_t max_events = 2000;
  /// ...and no more once their payloads reach this many bytes (one event
  /// always fits, however large).
  std::size_t max_bytes = 4u << 20;
};

/// The events from `from` (inclusive) on, within `limits`; empty at the head.
/// Errors: as event_log::scan_all (corrupt, io_error).
result<std::vector<event_envelope>> read_batch(const storage::event_log& log, log_position from,
                                               batch_limits limits);

}  // namespace streamhub::projections
