#pragma once
// Who asks, and the identifiers that make a command traceable and
// idempotent. Filled by the gateway from the verified token; `now_us` is set
// by the entity actor when it decides, so domain logic never reads a clock.

#include <cstdint>
#include <string>

#include "protocol/event_id.hpp"

namespace streamhub::domain {

struct command_context {
  /// Login of the authenticated caller; empty for an anonymous caller or the
  /// system itself (see `is_system`).
  std::string caller;
  std::string caller_display_name;
  bool caller_is_admin = false;
  /// Internal commands between entities (a raid's second leg) carry this.
  bool is_system = false;
  /// Idempotency key: becomes the id of the first event the command
  /// produces, so a retried command is recognised by the log.
  event_id command_id;
  /// Shared by every event of one user action, across entities.
  event_id correlation_id;
  /// Set by the entity actor before deciding: the time of the decision.
  std::int64_t now_us = 0;

  /// The envelope's actor field: "user:<caller>", or "system".
  std::string actor() const { return caller.empty() ? "system" : "user:" + caller; }
};

}  // namespace streamhub::domain
