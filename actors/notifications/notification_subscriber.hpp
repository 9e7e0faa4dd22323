#pragma once
// Receives live notifications for one user: a followed channel went live, a
// new follower, an incoming raid, a new subscription. Calls come from a
// fan-out thread, never concurrently for one subscriber; they must not block.

#include "actors/runtime/published_event.hpp"

namespace streamhub::actors {

class notification_subscriber {
 public:
  virtual ~notification_subscriber() = default;
  /// `recipient` is the user's login. Returns false to unsubscribe.
  virtual bool on_notification(std::string_view recipient, const published_event_ptr& event) = 0;
};

}  // namespace streamhub::actors
