#pragma once
// The live subscribers of one entity and its most recent published events,
// owned by the entity's actor (single-threaded: no locking).
//
// The ring lets a reconnecting subscriber resume from memory; older versions
// are read from the log by the actor.

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "actors/runtime/event_subscriber.hpp"

namespace streamhub::actors {

class topic {
 public:
  explicit topic(std::size_t ring_capacity) : ring_capacity_(ring_capacity) {}

  /// Adds a subscriber that has already received every event up to the
  /// current version.
  void add(std::uint64_t id, std::shared_ptr<event_subscriber> subscriber);
  /// Returns whether `id` was subscribed.
  bool remove(std::uint64_t id);
  std::size_t size() const noexcept { return subscribers_.size(); }
  bool empty() const noexcept { return subscribers_.empty(); }

  /// Remembers `events` (consecutive versions) and delivers them to every
  /// subscriber; a subscriber answering false is dropped.
  void publish(std::span<const published_event_ptr> events);
  void publish_viewer_count(std::uint64_t viewers);

  /// The remembered events from version `from` on, if the ring holds `from`
  /// (empty when `from` is past the newest event); nullopt when the ring is
  /// empty or `from` is older than it reaches.
  std::optional<std::vector<published_event_ptr>> recent_from(event_number from) const;

  /// Tells every subscriber the entity stopped, and forgets them.
  void close_all(const error& reason);

 private:
  struct entry {
    std::uint64_t id;
    std::shared_ptr<event_subscriber> subscriber;
  };
  std::size_t ring_capacity_;
  std::vector<entry> subscribers_;
  /// Created on the first publish: an empty std::deque already holds 600
  /// bytes, and most active entities publish nothing.
  std::optional<std::deque<published_event_ptr>> ring_;
};

}  // namespace streamhub::actors
