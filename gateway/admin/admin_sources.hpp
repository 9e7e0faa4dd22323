#pragma once
// What a node lends its admin endpoint: the entity runtime (and through it
// the event log), the gateway (for its sessions), and the projections when
// they run. Everything is borrowed and must outlive the admin endpoint.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/error.hpp"
#include "storage/event_log.hpp"

namespace streamhub::actors {
class runtime;
}

namespace streamhub::gateway {
class server;
}

namespace streamhub::gateway::admin {

/// One projector as `projections` shows it.
struct projection_info {
  std::string name;
  /// "running", "catching up", "halted", "replaying", ...
  std::string status;
  /// Last log position applied.
  log_position checkpoint = 0;
  /// Events between the checkpoint and the log head.
  std::uint64_t lag = 0;
  /// Events the projector gave up on.
  std::uint64_t dead_letters = 0;
  /// The last error; empty when none.
  std::string last_error;
  /// How the last replay started from the admin endpoint ended; empty when
  /// none ended.
  std::string last_replay;
};

/// The node's projections, as the admin endpoint drives them. Methods are
/// called from the endpoint's worker threads and may block briefly.
class projection_control {
 public:
  virtual ~projection_control() = default;
  /// One entry per projector. Errors: unavailable.
  virtual result<std::vector<projection_info>> list() = 0;
  /// Starts rebuilding `name` from the start of the log and returns at
  /// once. Errors: not_found (no such projection), conflict (a replay of
  /// it is already running).
  virtual result<void> replay(std::string_view name) = 0;
};

struct admin_sources {
  actors::runtime* runtime = nullptr;
  /// Null: `sessions` lists none and `stats` shows no connections.
  const gateway::server* server = nullptr;
  /// Null: `projections` and `replay` answer that none run on this node.
  std::shared_ptr<projection_control> projections;
};

}  // namespace streamhub::gateway::admin
