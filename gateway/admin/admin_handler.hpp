#pragma once
// Runs admin commands (admin_command.hpp) against a node's admin_sources and
// answers JSON. Blocking work (log reads, rebuilding a past state, the
// projections) runs on the handler's own worker threads; actor work is
// asked of the runtime asynchronously; so a caller on an I/O thread never
// waits.
//
// Answers (one JSON object each; docs/OPERATIONS.md "Admin shell" shows
// them): an unknown entity id is not_found with the closest known id
// suggested; every other failure keeps the runtime's or log's error.
//
// Thread-safety: every method may be called from any thread. Callbacks come
// from worker or actor threads and must not block.

#include <functional>
#include <memory>
#include <string>

#include "gateway/admin/admin_command.hpp"
#include "gateway/admin/admin_sources.hpp"
#include "protocol/error.hpp"

namespace streamhub::gateway::admin {

/// Where `tail` delivers. Called from actor or worker threads, one call at
/// a time per tail.
class tail_sink {
 public:
  virtual ~tail_sink() = default;
  /// Subscribed: events from `from_version` on will follow.
  virtual void on_started(event_number from_version) = 0;
  /// One event as JSON (protocol/event_json.hpp).
  virtual void on_event(std::string json) = 0;
  /// The tail ended: the entity stopped publishing, or it could not start
  /// (not_found with a suggestion, like any other command).
  virtual void on_end(const error& reason) = 0;
};

/// A running tail; destroying or cancelling it unsubscribes (after which the
/// sink hears nothing more, not even on_end).
class tail_handle {
 public:
  virtual ~tail_handle() = default;
  virtual void cancel() = 0;
};

class admin_handler {
 public:
  using reply = std::function<void(result<std::string>)>;

  /// REQUIRES: sources.runtime set; everything in `sources` outlives the
  /// handler.
  explicit admin_handler(admin_sources sources);
  /// Waits for running worker tasks; answers not yet begun are dropped.
  ~admin_handler();
  admin_handler(const admin_handler&) = delete;
  admin_handler& operator=(const admin_handler&) = delete;

  /// Runs `c` (any verb but tail); `done` is called exactly once with the
  /// answer as a JSON object, unless the handler is destroyed first.
  void run(const command& c, reply done);

  /// Follows `c.target`'s events from its next version on.
  std::shared_ptr<tail_handle> tail(const command& c, std::shared_ptr<tail_sink> sink);

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace streamhub::gateway::admin
