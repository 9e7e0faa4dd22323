#pragma once
// The entity runtime: user, channel and chat room actors on CAF, rebuilt from
// the event log, activated on first use and passivated when idle. This is the
// whole interface of actors/ for the layers above; it includes no CAF header.
//
// Every callback is called exactly once (a command's after its events are
// durable, or with its rejection), from an actor thread: it must not block,
// and should hand its result to the caller's own executor.
//
// Thread-safe: every method may be called from any thread.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "actors/entities/channel_entity.hpp"
#include "actors/entities/chat_entity.hpp"
#include "actors/entities/user_entity.hpp"
#include "actors/notifications/notification_subscriber.hpp"
#include "actors/runtime/event_subscriber.hpp"
#include "protocol/domain/channel_commands.hpp"
#include "protocol/domain/chat_commands.hpp"
#include "protocol/domain/command_context.hpp"
#include "protocol/domain/user_commands.hpp"
#include "storage/event_log.hpp"

namespace caf {
class actor_system;
}

namespace streamhub::actors {

class runtime_core;
struct owned_actor_system;

struct runtime_options {
  /// An entity with no messages and no subscribers for this long stops.
  std::chrono::milliseconds idle_timeout{std::chrono::minutes(2)};
  /// A snapshot is written after this many events since the last one, once
  /// their payloads add up to at least the last snapshot's size (replaying
  /// them then costs about as much as loading it).
  std::uint32_t snapshot_every = 500;
  /// Recent events each entity keeps in memory for resuming subscribers.
  std::size_t ring_capacity = 256;
  /// A subscriber further behind than this is refused (read projections).
  std::size_t max_catch_up = 100'000;
  /// Viewer counts are published at most this often.
  std::chrono::milliseconds viewer_publish_interval{1000};
  /// Live channels record a viewer sample this often.
  std::chrono::milliseconds viewer_sample_interval{std::chrono::minutes(1)};
  /// CAF worker threads when the runtime owns its actor system; 0: one per core.
  std::size_t worker_threads = 0;
  /// Microseconds since the epoch; defaults to the system clock. Tests inject one.
  std::function<std::int64_t()> clock;
  /// How often a request dropped by a stopping actor is sent again.
  int max_redeliveries = 3;
};

/// What a successful command did.
struct command_outcome {
  /// The entity's version after the command.
  event_number version = 0;
  /// Log position of the command's last event; 0 when it wrote none (an
  /// idempotent no-op). Queries may wait for projections to pass it.
  log_position position = 0;
  /// Id of the command's first event: the id of what it created (a message,
  /// a post); nil when it wrote none.
  event_id first_event_id;
  std::uint32_t events = 0;
  /// The command had been applied before (a retry); nothing new was written.
  bool duplicate = false;
  /// The command's first event as published (shared, immutable); null when
  /// it wrote none, or for a retry answered from the log after a restart.
  published_event_ptr event;
};

template <class T>
using callback = std::function<void(result<T>)>;

/// An entity's state as a read sees it; valid only during the read callback.
template <class State>
struct state_view {
  const State* state;
  event_number version;
};

struct runtime_stats {
  std::size_t active_users = 0;
  std::size_t active_channels = 0;
  std::size_t active_chats = 0;
  std::uint64_t activations = 0;
  std::uint64_t passivations = 0;
  std::uint64_t commands = 0;
  std::uint64_t appends = 0;
  std::uint64_t append_failures = 0;
  std::uint64_t events_published = 0;
  std::size_t subscriptions = 0;
  std::size_t notification_subscribers = 0;
  std::uint64_t notifications_delivered = 0;
};

struct active_entity {
  std::string id;
  std::int64_t mailbox = 0;
  event_number version = 0;
  std::uint32_t subscribers = 0;
  std::int64_t last_activity_us = 0;
  std::uint64_t commands = 0;
};

class runtime {
 public:
  /// Starts its own actor system over `log`.
  explicit runtime(storage::event_log& log, runtime_options options = {});
  /// Runs on `system` (e.g. one with CAF's deterministic test coordinator).
  runtime(caf::actor_system& system, storage::event_log& log, runtime_options options = {});
  /// Stops every entity (subscribers get on_closed) and, when it owns the
  /// actor system, waits for all actors. On a borrowed system, call
  /// shutdown() and let the system drain (e.g. run the test scheduler) first.
  ~runtime();

  /// Stops every entity; later requests fail with `unavailable`. Idempotent.
  void shutdown();

  runtime(const runtime&) = delete;
  runtime& operator=(const runtime&) = delete;

  // -- Commands ---------------------------------------------------------------
  // `login` names the entity (user:<login>, channel:<login>, chat:<login>)
  // in any case ("Alice" is alice); an invalid login answers `invalid`. A nil
  // ctx.command_id is replaced by a fresh one.
  void execute(std::string_view login, domain::command_context ctx, domain::user_command cmd,
               callback<command_outcome> done);
  void execute(std::string_view login, domain::command_context ctx, domain::channel_command cmd,
               callback<command_outcome> done);
  void execute(std::string_view login, domain::command_context ctx, domain::chat_command cmd,
               callback<command_outcome> done);

  // -- Reads ------------------------------------------------------------------
  // `read` runs inside the entity's actor with its current state (an
  // unregistered entity has its empty state); it must be quick.
  void read_user(std::string_view login, callback<state_view<user_state>> read);
  void read_channel(std::string_view login, callback<state_view<channel_state>> read);
  void read_chat(std::string_view login, callback<state_view<chat_state>> read);

  // -- Live events ------------------------------------------------------------
  /// Subscribes to `stream_id` ("chat:alice", normalised) from `from_version`
  /// (see event_subscriber for the delivery contract). Returns the
  /// subscription id; an invalid id is answered with on_closed(invalid).
  std::uint64_t subscribe(std::string_view stream_id, event_number from_version,
                          std::shared_ptr<event_subscriber> subscriber);
  void unsubscribe(std::string_view stream_id, std::uint64_t subscription_id);

  // -- Presence (ephemeral) ---------------------------------------------------
  void viewer_joined(std::string_view channel_login);
  void viewer_left(std::string_view channel_login);

  // -- Live notifications -----------------------------------------------------
  std::uint64_t subscribe_notifications(std::string_view user_login,
                                        std::shared_ptr<notification_subscriber> subscriber);
  void unsubscribe_notifications(std::string_view user_login, std::uint64_t id);

  // -- Operators --------------------------------------------------------------
  runtime_stats stats() const;
  std::vector<active_entity> active_entities() const;
  /// The entity's state as JSON (secrets left out), activating it if needed.
  void inspect(std::string_view stream_id, callback<std::string> done);
  /// Writes a snapshot now; answers its version.
  void snapshot_now(std::string_view stream_id, callback<event_number> done);
  /// Stops the entity if active; answers whether it was.
  void passivate(std::string_view stream_id, callback<bool> done);
  /// The state as it was at `version`, rebuilt from the log beside the live
  /// actor (which is not touched), as JSON.
  result<std::string> state_at(std::string_view stream_id, event_number version) const;

  storage::event_log& log();
  caf::actor_system& system();

  /// The internals, for tests and for layers that spawn their own actors.
  runtime_core& core() { return *core_; }

 private:
  std::unique_ptr<owned_actor_system> owned_;  // Declared first: outlives core_.
  std::unique_ptr<runtime_core> core_;
};

}  // namespace streamhub::actors
