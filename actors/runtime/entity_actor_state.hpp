#pragma once
// The state of one entity actor: the entity's own state and version, the
// appends in flight, live subscribers, and recent command outcomes (so a
// retried command is answered, not applied twice).

#include <array>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "actors/runtime/messages.hpp"
#include "actors/runtime/topic.hpp"

namespace streamhub::actors {

class runtime_core;

template <class Entity>
struct entity_actor_state {
  static inline const char* name = "entity";

  /// A command whose events are applied but not yet acknowledged durable.
  struct in_flight {
    std::uint64_t token = 0;
    std::unique_ptr<command_request<Entity>> request;
    std::vector<std::shared_ptr<published_event>> events;
    std::optional<error> error_after_commit;
  };

  runtime_core* core = nullptr;
  std::string login;
  std::string stream_id;
  std::shared_ptr<entity_stats> stats;

  typename Entity::state state;
  /// Version of `state`, counting appends in flight.
  event_number version = 0;
  event_number durable_version = 0;
  log_position last_position = 0;
  std::int64_t last_timestamp_us = 0;
  event_number last_snapshot_version = 0;
  /// Payload bytes of the durable events since the last snapshot, and that
  /// snapshot's size: see entity_driver::snapshot_due().
  std::uint64_t bytes_since_snapshot = 0;
  std::uint64_t last_snapshot_bytes = 0;

  /// Lists, not deques: see remember().
  std::list<in_flight> pending;
  /// Commands held back until a due snapshot is written.
  std::vector<std::unique_ptr<command_request<Entity>>> held;
  std::uint64_t next_token = 1;
  topic subscribers{0};
  std::array<std::uint64_t, std::tuple_size_v<typename Entity::watches>> watch_ids{};

  bool idle_timer_set = false;
  bool viewers_timer_set = false;
  bool sample_timer_set = false;
  bool stopped = false;

  /// Remembers the outcome of the command whose first event has `id`.
  void remember(const event_id& id, const command_outcome& outcome) {
    if (!recent_.emplace(id, outcome).second) return;
    // recent_order_ is a ring over the remembered ids, oldest at recent_next_
    // once full. A vector, not a deque: an empty std::deque already holds
    // 600 bytes, and a million idle entities each have one.
    if (recent_order_.size() < kRecentCommands) {
      recent_order_.push_back(id);
      return;
    }
    recent_.erase(recent_order_[recent_next_]);
    recent_order_[recent_next_] = id;
    recent_next_ = (recent_next_ + 1) % kRecentCommands;
  }
  std::optional<command_outcome> recent_outcome(const event_id& id) const {
    auto it = recent_.find(id);
    if (it == recent_.end()) return std::nullopt;
    return it->second;
  }

 private:
  static constexpr std::size_t kRecentCommands = 256;
  std::unordered_map<event_id, command_outcome, event_id_hash> recent_;
  std::vector<event_id> recent_order_;
  std::size_t recent_next_ = 0;
};

}  // namespace streamhub::actors
