#pragma once
// The runtime's internals, shared by the entity actors: the actor system, the
// log, the registry of live entities, the notification hub and counters.
// Included only by actors/ sources and tests; the public face is
// actors/runtime.hpp.
//
// Thread-safe.

#include <atomic>
#include <memory>
#include <optional>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include "actors/notifications/notification_hub.hpp"
#include "actors/runtime.hpp"
#include "actors/runtime/entity_registry.hpp"
#include "actors/runtime/messages.hpp"

namespace streamhub::actors {

struct runtime_counters {
  std::atomic<std::uint64_t> activations{0};
  std::atomic<std::uint64_t> passivations{0};
  std::atomic<std::uint64_t> commands{0};
  std::atomic<std::uint64_t> appends{0};
  std::atomic<std::uint64_t> append_failures{0};
  std::atomic<std::uint64_t> events_published{0};
  std::atomic<std::int64_t> subscriptions{0};
  std::atomic<std::uint64_t> notifications_delivered{0};
};

class runtime_core {
 public:
  runtime_core(caf::actor_system& system, storage::event_log& log, runtime_options options);
  ~runtime_core();

  caf::actor_system& system() noexcept { return system_; }
  storage::event_log& log() noexcept { return log_; }
  const runtime_options& options() const noexcept { return options_; }
  entity_registry& registry() noexcept { return registry_; }
  notification_hub& notifications() noexcept { return hub_; }
  runtime_counters& counters() noexcept { return counters_; }
  std::int64_t now_us() const;
  /// True once shutdown began: dropped requests then fail instead of retrying.
  bool stopping() const noexcept { return stopping_.load(std::memory_order_acquire); }

  /// Routes a request to its entity's actor, activating it if needed.
  template <class Entity>
  void send(std::unique_ptr<command_request<Entity>> r);
  template <class Entity>
  void send(std::unique_ptr<read_request<Entity>> r);
  void send(std::unique_ptr<subscribe_request> r);
  void send(std::unique_ptr<admin_request> r, bool activate);

  std::uint64_t next_subscription_id() noexcept {
    return next_subscription_id_.fetch_add(1, std::memory_order_relaxed);
  }

  /// Hands `recipients` to the fan-out actor, which delivers `event` to each
  /// recipient's live notification subscribers off the caller's thread.
  void fan_out(recipients_ptr recipients, published_event_ptr event);

  /// Stops every live entity and the fan-out actor; idempotent.
  void shutdown();

 private:
  caf::actor spawn_entity(const std::string& id, std::shared_ptr<entity_stats> stats);
  /// Asks one entity to stop (it answers requests already queued first).
  void send_shutdown(const caf::actor& actor);

  caf::actor_system& system_;
  storage::event_log& log_;
  runtime_options options_;
  entity_registry registry_;
  notification_hub hub_;
  runtime_counters counters_;
  caf::actor fanout_;
  std::atomic<bool> stopping_{false};
  std::atomic<std::uint64_t> next_subscription_id_{1};
};

}  // namespace streamhub::actors
