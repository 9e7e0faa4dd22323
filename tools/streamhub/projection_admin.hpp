#pragma once
// The admin endpoint's handle on a node's projections: `projections` lists
// the live projectors, `replay NAME` rebuilds one beside them on a thread of
// its own (projections/replay.hpp: fresh tables, swapped in once level with
// the live ones) while the node keeps serving.
//
// A replay the node stops in the middle is left resumable: the next replay
// of that projection, from the shell or `streamhub replay`, goes on from
// where it stood.
//
// Thread-safety: every method may be called from any thread.

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "gateway/admin/admin_sources.hpp"
#include "storage/event_log.hpp"

namespace streamhub::projections {
class projection_runtime;
}

namespace streamhub::tools {

class projection_admin final : public gateway::admin::projection_control {
 public:
  /// `log` and `runtime` must stay valid until shutdown() returned.
  projection_admin(const storage::event_log& log, projections::projection_runtime& runtime,
                   std::string conninfo);
  /// shutdown().
  ~projection_admin() override;

  projection_admin(const projection_admin&) = delete;
  projection_admin& operator=(const projection_admin&) = delete;

  /// The live projectors; a projection being replayed shows status
  /// "replaying", and the outcome of its last replay in last_replay.
  /// Errors: unavailable after shutdown().
  result<std::vector<gateway::admin::projection_info>> list() override;

  /// Starts rebuilding `name` from the start of the log (or resumes an
  /// interrupted rebuild) and returns at once. Errors: not_found (no such
  /// projection), conflict (already replaying), unavailable after shutdown().
  result<void> replay(std::string_view name) override;

  /// Stops the running replays between two of their transactions, waits for
  /// them, and refuses every later call. Idempotent.
  void shutdown();

 private:
  struct replay_state {
    bool running = false;
    /// How the last replay ended; empty while none ended.
    std::string outcome;
    std::jthread thread;
  };

  void run_replay(std::string name, const std::stop_token& stop);

  const storage::event_log& log_;
  projections::projection_runtime& runtime_;
  const std::string conninfo_;
  std::mutex mutex_;
  bool shut_down_ = false;
  std::map<std::string, replay_state, std::less<>> replays_;
};

}  // namespace streamhub::tools
