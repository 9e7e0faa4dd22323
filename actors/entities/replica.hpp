#pragma once
// A copy of another entity's state kept inside an entity that depends on it:
// a channel keeps its owner's user state (for blocks), a chat room keeps its
// channel's state (moderators, followers, subscribers). Rebuilt at activation
// from the other entity's snapshot and log tail, then kept fresh by
// subscribing to it from `version + 1`.

#include "protocol/event_envelope.hpp"

namespace streamhub::actors {

template <class Entity>
struct replica {
  typename Entity::state state;
  /// The other entity's version this copy reflects.
  event_number version = 0;
  friend bool operator==(const replica&, const replica&) = default;
};

}  // namespace streamhub::actors
