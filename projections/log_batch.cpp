#include "projections/log_batch.hpp"

namespace streamhub::projections {

result<std::vector<event_envelope>> read_batch(const storage::event_log& log, log_position from,
                                               batch_limits limits) {
  std::vector<event_envelope> events;
  std::size_t bytes = 0;
  auto scanned = log.scan_all(from, limits.max_events, [&](const event_envelope& e) {
    events.push_back(e);
    bytes += e.payload.size();
    return bytes < limits.max_bytes;
  });
  if (!scanned) return std::move(scanned).err();
  return events;
}

}  // namespace streamhub::projections
