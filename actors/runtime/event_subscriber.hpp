#pragma once
// A live subscriber to one entity's events (a gateway relay, or another
// entity keeping a replica).
//
// Delivery contract: after subscribing from version v, on_events receives the
// entity's events v, v+1, ... in order, each exactly once, first the missed
// ones (from memory or the log) and then live ones as they become durable.
// Calls come from the entity's actor thread, never concurrently for one
// subscription; they must not block. When the entity stops (passivation never
// happens while subscribed; a crash or shutdown does), on_closed is called
// once and the subscriber may subscribe again from its last version + 1.

#include <cstdint>
#include <span>

#include "actors/runtime/published_event.hpp"
#include "protocol/error.hpp"

namespace streamhub::actors {

class event_subscriber {
 public:
  virtual ~event_subscriber() = default;

  /// Returns false to unsubscribe (e.g. the receiving session is gone).
  virtual bool on_events(std::span<const published_event_ptr> events) = 0;

  /// Ephemeral figures the entity publishes (a channel's viewer count).
  virtual void on_viewer_count(std::uint64_t /*viewers*/) {}

  /// The entity stopped publishing to this subscription.
  virtual void on_closed(const error& reason) = 0;
};

}  // namespace streamhub::actors
