#pragma once
// How far each read model has got in the log, shared in-process between the
// projectors (which publish) and the read side (which waits for a position
// for read-your-writes). No PostgreSQL involved: a projector publishes right
// after its transaction commits, so a published position is visible to every
// later query.
//
// Thread-safety: every method may be called from any thread.

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>

#include "projections/read/read_model.hpp"
#include "protocol/event_envelope.hpp"

namespace streamhub::projections::read {

class applied_positions {
 public:
  /// Called after a position rose, on the publishing thread; must not block.
  using listener = std::function<void()>;

  /// Every event up to `position` is reflected in `model`'s tables. Positions
  /// only rise: a lower one is ignored.
  void publish(read_model model, log_position position);

  /// The last published position of `model`; 0 before any.
  log_position position(read_model model) const noexcept;

  /// The lowest position among `models` (0 for an empty set: nothing to wait for
  /// is reported as reached by reached()).
  log_position min_position(read_model_set models) const noexcept;

  /// Whether every model in `models` has reached `position`.
  bool reached(log_position position, read_model_set models) const noexcept;

  /// Registers `l`; returns its id for remove_listener.
  std::uint64_t add_listener(listener l);
  /// After it returns, `l` is not running and will not be called again.
  void remove_listener(std::uint64_t id);

 private:
  std::array<std::atomic<log_position>, read_model_count> positions_{};
  // Held while listeners run, so remove_listener can promise they stopped.
  mutable std::mutex listeners_mutex_;
  std::map<std::uint64_t, listener> listeners_;
  std::uint64_t next_id_ = 1;
};

}  // namespace streamhub::projections::read
