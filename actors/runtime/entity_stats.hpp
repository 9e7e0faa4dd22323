#pragma once
// Figures one entity actor keeps for operators (admin shell, /metrics),
// readable from any thread while the actor runs.

#include <atomic>
#include <cstdint>

namespace streamhub::actors {

struct entity_stats {
  /// Messages sent to the actor and not yet handled.
  std::atomic<std::int64_t> mailbox{0};
  std::atomic<std::uint64_t> version{0};
  std::atomic<std::uint32_t> subscribers{0};
  /// Microseconds since the epoch of the last handled message.
  std::atomic<std::int64_t> last_activity_us{0};
  std::atomic<std::uint64_t> commands{0};
};

}  // namespace streamhub::actors
