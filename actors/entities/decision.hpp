#pragma once
// What an entity's decide() returns, and what its apply() is told about an
// event besides the event itself. Shared by every entity type.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "protocol/error.hpp"
#include "protocol/event_envelope.hpp"

namespace streamhub::actors {

/// The events a command produces (possibly none: an idempotent no-op), and
/// rarely an error to reply after those events are durable (a reused refresh
/// token revokes its family, then fails).
template <class Event>
struct decision {
  std::vector<Event> events;
  std::optional<error> error_after_commit;

  decision() = default;
  decision(Event e) { events.push_back(std::move(e)); }  // NOLINT: implicit by design
};

/// The envelope fields apply() may depend on. Timestamps are the decision
/// time (set by the entity actor), so applying speculatively and replaying
/// from the log give the same state.
struct event_meta {
  event_id id;
  std::int64_t timestamp_us = 0;
  event_number version = 0;
  log_position position = 0;
  std::string_view actor;
};

inline constexpr std::int64_t kMicrosPerSecond = 1'000'000;

}  // namespace streamhub::actors
