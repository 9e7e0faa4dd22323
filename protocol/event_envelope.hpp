#pragma once
// The one envelope every event travels in, on disk, between actors and to
// projections. Its binary form is in protocol/event_codec.hpp, its JSON form
// (for tools) in protocol/event_json.hpp.

#include <cstdint>
#include <string>

#include "protocol/event_id.hpp"

namespace streamhub {

/// Global position in the log: dense, starting at 1, assigned at append.
using log_position = std::uint64_t;
/// Per-entity sequence number: the entity's version after this event, from 1.
using event_number = std::uint64_t;

struct event_envelope {
  log_position position = 0;
  /// The entity: "user:alice", "channel:alice", "chat:alice".
  std::string stream_id;
  event_number version = 0;
  /// Dotted wire name: "chat.message", "stream.live", ...
  std::string type;
  /// Version of the payload's shape; an upcaster lifts old ones on read.
  std::uint32_t schema_version = 1;
  /// Microseconds since the Unix epoch, assigned by the writer.
  std::int64_t timestamp_us = 0;
  event_id id;
  /// The event or command that caused this one (nil when none).
  event_id causation_id;
  /// Shared by every event of one user action, across entities.
  event_id correlation_id;
  /// Who caused it: an entity id such as "user:bob", or "system".
  std::string actor;
  /// The domain payload as JSON text.
  std::string payload;

  friend bool operator==(const event_envelope&, const event_envelope&) = default;
};

}  // namespace streamhub
