#pragma once
// The CAF shell that runs one entity (user, channel or chat room): the shape
// of CAF's cell example, a typed interface, a plain state struct, and a
// behaviour of one lambda per message. The domain rules live in the entity
// types (actors/entities/); this file only sequences them.
//
// Command path: decide against the current state -> apply the events at once
// (so the next command in the mailbox sees them) -> append them expecting the
// previous version -> when the log says they are durable, publish them, run
// their effects and reply. Appends of one entity are pipelined: several may be
// in flight, and the log acknowledges them in order. If an append fails or its
// outcome is unknown, the state may hold events the log does not: the actor
// fails every command in flight with `unavailable` and stops; the next
// message activates a fresh actor, which rebuilds from the log (leveldb's
// sticky error, Akka's no-resume rule).
//
// Passivation: an entity stops after `idle_timeout` without messages, unless
// it has subscribers, viewers, or appends in flight.

#include <array>
#include <deque>
#include <optional>
#include <tuple>
#include <unordered_map>

#include <caf/actor_cast.hpp>
#include <caf/send.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/runtime/entity_actor_state.hpp"
#include "actors/runtime/rebuild.hpp"
#include "actors/runtime/runtime_core.hpp"

namespace streamhub::actors {

template <class Entity>
using entity_actor = caf::typed_actor<
    caf::reacts_to<command_msg<Entity>>, caf::reacts_to<read_msg<Entity>>,
    caf::reacts_to<subscribe_msg>, caf::reacts_to<admin_msg>,
    caf::reacts_to<unsubscribe_atom, std::uint64_t>,
    caf::reacts_to<append_done_atom, std::uint64_t, append_outcome>,
    caf::reacts_to<replica_atom, std::uint64_t, published_batch>,
    caf::reacts_to<resubscribe_atom, std::uint64_t>,
    caf::reacts_to<continue_atom, typename Entity::command>,
    caf::reacts_to<presence_atom, std::int64_t>, caf::reacts_to<timer_atom, timer>>;

template <class Entity>
using entity_pointer =
    typename entity_actor<Entity>::template stateful_pointer<entity_actor_state<Entity>>;

// Forwards a watched entity's events into the watching actor's mailbox.
class replica_forwarder final : public event_subscriber {
 public:
  replica_forwarder(caf::actor_addr target, std::uint64_t index)
      : target_(std::move(target)), index_(index) {}
  bool on_events(std::span<const published_event_ptr> events) override {
    auto target = caf::actor_cast<caf::actor>(target_);
    if (!target) return false;
    caf::anon_send(target, replica_atom::value, index_, published_batch(events.begin(), events.end()));
    return true;
  }
  void on_closed(const error&) override {
    if (auto target = caf::actor_cast<caf::actor>(target_))
      caf::anon_send(target, resubscribe_atom::value, index_);
  }

 private:
  caf::actor_addr target_;
  std::uint64_t index_;
};

// What the entity asks of the world, carried out from inside the actor.
class actor_effects final : public entity_effects {
 public:
  actor_effects(runtime_core& core, caf::actor self) : core_(core), self_(std::move(self)) {}

  void send_to_channel(std::string target, domain::command_context ctx,
                       domain::channel_command cmd, channel_continuation then) override {
    auto r = std::make_unique<command_request<channel_entity>>();
    r->login = std::move(target);
    r->ctx = std::move(ctx);
    r->cmd = std::move(cmd);
    r->done = [self = self_, then = std::move(then)](result<command_outcome> answer) {
      auto follow_up = then(answer ? nullptr : &answer.err());
      if (follow_up) caf::anon_send(self, continue_atom::value, std::move(*follow_up));
    };
    core_.send(std::move(r));
  }

  void notify(std::shared_ptr<const std::vector<std::string>> recipients,
              published_event_ptr event) override {
    core_.fan_out(std::move(recipients), std::move(event));
  }

 private:
  runtime_core& core_;
  caf::actor self_;
};

// The handlers' logic, over the actor's state.
template <class Entity>
class entity_driver {
 public:
  using state_type = entity_actor_state<Entity>;
  using command_type = typename Entity::command;
  using event_type = typename Entity::event;

  explicit entity_driver(entity_pointer<Entity> self) : self_(self), st_(self->state) {}

  runtime_core& core() { return *st_.core; }

  /// Rebuilds own state and replicas; subscribes to watched entities.
  result<void> recover() {
    auto own = rebuild<Entity>(core().log(), st_.login, st_.state, st_.version,
                               std::numeric_limits<event_number>::max(),
                               [this](const event_envelope& e) {
                                 st_.last_position = e.position;
                                 st_.last_timestamp_us = e.timestamp_us;
                                 st_.remember(e.id, command_outcome{e.version, e.position, e.id, 1, true, nullptr});
                               });
    if (!own) return own;
    st_.durable_version = st_.version;
    st_.last_snapshot_version = st_.version;  // Nothing new to snapshot yet.
    auto replicas = rebuild_replicas(std::make_index_sequence<watch_count>{});
    if (!replicas) return replicas;
    for (std::uint64_t i = 0; i < watch_count; ++i) subscribe_watch(i);
    if constexpr (requires { &Entity::on_recovered; }) {
      actor_effects fx{core(), caf::actor_cast<caf::actor>(self_)};
      Entity::on_recovered(fx, st_.state, st_.login);
    }
    publish_stats();
    return {};
  }

  void on_command(std::unique_ptr<command_request<Entity>> r) {
    touch(-1);
    accept(std::move(r));
  }

  void accept(std::unique_ptr<command_request<Entity>> r) {
    if (!st_.held.empty() || snapshot_due_while_busy()) {
      st_.held.push_back(std::move(r));  // Resumed once the snapshot is written.
      return;
    }
    execute(std::move(r));
  }

  void execute(std::unique_ptr<command_request<Entity>> r) {
    auto& ctx = r->ctx;
    if (ctx.command_id.is_nil()) ctx.command_id = event_id::generate();
    if (ctx.correlation_id.is_nil()) ctx.correlation_id = ctx.command_id;
    if (auto seen = st_.recent_outcome(ctx.command_id)) {
      seen->duplicate = true;
      r->done(*seen);
      return;
    }
    ctx.now_us = std::max(core().now_us(), st_.last_timestamp_us);
    core().counters().commands.fetch_add(1, std::memory_order_relaxed);
    st_.stats->commands.fetch_add(1, std::memory_order_relaxed);
    auto decided = Entity::decide(st_.state, st_.login, ctx, r->cmd);
    if (!decided) {
      r->done(std::move(decided).err());
      return;
    }
    if (decided->events.empty()) {
      if (decided->error_after_commit) r->done(std::move(*decided->error_after_commit));
      else r->done(command_outcome{st_.version, 0, event_id{}, 0, false, nullptr});
      return;
    }
    append(std::move(r), std::move(*decided));
  }

  void on_append_done(std::uint64_t token, append_outcome outcome) {
    if (st_.pending.empty() || st_.pending.front().token != token) {
      fail_and_stop(error{error_code::internal, "append acknowledged out of order"});
      return;
    }
    auto done = std::move(st_.pending.front());
    st_.pending.pop_front();
    if (!outcome) {
      core().counters().append_failures.fetch_add(1, std::memory_order_relaxed);
      auto reason = std::move(outcome).err();
      if (done.request) done.request->done(unavailable(reason));
      fail_and_stop(reason);
      return;
    }
    const auto& ack = *outcome;
    if (ack.duplicate) {
      // The log already held these events (a retry after a crash): the
      // state has now applied them twice. Answer with the original outcome
      // and rebuild.
      if (done.request)
        done.request->done(command_outcome{ack.last_version, ack.last_position,
                                           done.events.front()->envelope.id,
                                           static_cast<std::uint32_t>(done.events.size()), true,
                                           nullptr});
      fail_and_stop(error{error_code::conflict, "command replayed; rebuilding"});
      return;
    }
    core().counters().appends.fetch_add(1, std::memory_order_relaxed);
    for (std::size_t i = 0; i < done.events.size(); ++i) {
      done.events[i]->envelope.position = ack.first_position + i;
      st_.bytes_since_snapshot += done.events[i]->envelope.payload.size();
    }
    st_.durable_version = ack.last_version;
    st_.last_position = ack.last_position;
    const command_outcome result{ack.last_version, ack.last_position,
                                 done.events.front()->envelope.id,
                                 static_cast<std::uint32_t>(done.events.size()), false,
                                 done.events.front()};
    st_.remember(result.first_event_id, result);
    publish(done.events);
    if (done.request) {
      if (done.error_after_commit) done.request->done(std::move(*done.error_after_commit));
      else done.request->done(result);
    }
    st_.stats->version.store(st_.durable_version, std::memory_order_relaxed);
    maybe_snapshot();
  }

  void on_read(std::unique_ptr<read_request<Entity>> r) {
    touch(-1);
    r->read(state_view<typename Entity::state>{&st_.state, st_.version});
  }

  void on_subscribe(std::unique_ptr<subscribe_request> r) {
    touch(-1);
    const event_number from = std::max<event_number>(r->from_version, 1);
    if (from <= st_.durable_version) {
      if (st_.durable_version - from + 1 > core().options().max_catch_up) {
        r->subscriber->on_closed(error{error_code::invalid, "too far behind; read the history first"});
        return;
      }
      auto missed = st_.subscribers.recent_from(from);
      if (!missed) {
        auto read = read_published(from, st_.durable_version);
        if (!read) {
          r->subscriber->on_closed(read.err());
          return;
        }
        missed = std::move(*read);
      }
      if (!missed->empty() && !r->subscriber->on_events(*missed)) return;
    }
    st_.subscribers.add(r->subscription_id, std::move(r->subscriber));
    core().counters().subscriptions.fetch_add(1, std::memory_order_relaxed);
    publish_stats();
  }

  void on_unsubscribe(std::uint64_t id) {
    if (st_.subscribers.remove(id)) core().counters().subscriptions.fetch_sub(1, std::memory_order_relaxed);
    publish_stats();
  }

  void on_admin(std::unique_ptr<admin_request> r) {
    touch(-1);
    switch (r->what) {
      case admin_request::kind::inspect:
        r->done(inspect_json());
        break;
      case admin_request::kind::snapshot:
        if (!st_.pending.empty()) {
          r->done(error{error_code::unavailable, "appends in flight; try again"});
          break;
        }
        if (auto saved = save_snapshot(); !saved) r->done(std::move(saved).err());
        else r->done(std::to_string(st_.durable_version));
        break;
      case admin_request::kind::passivate:
        if (!st_.pending.empty()) {
          r->done(error{error_code::unavailable, "appends in flight; try again"});
          break;
        }
        r->done(std::string("true"));
        stop(error{error_code::unavailable, "passivated by an operator"});
        break;
      case admin_request::kind::shutdown:
        r->done(std::string("true"));
        stop(error{error_code::unavailable, "shutting down"});
        break;
    }
  }

  void on_replica_events(std::uint64_t index, const published_batch& events) {
    apply_replica(index, events, std::make_index_sequence<watch_count>{});
  }

  void on_resubscribe(std::uint64_t index) {
    if (!st_.stopped) subscribe_watch(index);
  }

  void on_presence(std::int64_t delta) {
    if constexpr (std::is_same_v<Entity, channel_entity>) {
      auto& p = st_.state.presence;
      p.viewers = delta < 0 && static_cast<std::uint64_t>(-delta) > p.viewers ? 0 : p.viewers + delta;
      if (st_.state.live) p.peak = std::max(p.peak, p.viewers);
      if (!st_.viewers_timer_set) {
        st_.viewers_timer_set = true;
        self_->delayed_send(self_, core().options().viewer_publish_interval, timer_atom::value,
                            timer::publish_viewers);
      }
      touch(0);
    }
  }

  void on_timer(timer t) {
    switch (t) {
      case timer::idle_check:
        st_.idle_timer_set = false;
        check_idle();
        break;
      case timer::publish_viewers:
        st_.viewers_timer_set = false;
        if constexpr (std::is_same_v<Entity, channel_entity>)
          st_.subscribers.publish_viewer_count(st_.state.presence.viewers);
        break;
      case timer::sample_viewers:
        st_.sample_timer_set = false;
        if constexpr (std::is_same_v<Entity, channel_entity>) {
          if (st_.state.live) {
            run_system(domain::sample_viewers{});
            schedule_sampling();
          }
        }
        break;
    }
  }

  void on_continue(command_type cmd) { run_system(std::move(cmd)); }

  void schedule_idle_check() {
    if (st_.idle_timer_set) return;
    st_.idle_timer_set = true;
    self_->delayed_send(self_, core().options().idle_timeout, timer_atom::value, timer::idle_check);
  }

  void schedule_sampling() {
    if constexpr (std::is_same_v<Entity, channel_entity>) {
      if (st_.sample_timer_set || !st_.state.live) return;
      st_.sample_timer_set = true;
      self_->delayed_send(self_, core().options().viewer_sample_interval, timer_atom::value,
                          timer::sample_viewers);
    }
  }

  /// Stops the actor: leaves the registry first (so new requests activate a
  /// fresh actor), fails what is in flight, closes subscriptions.
  void stop(const error& reason) {
    if (st_.stopped) return;
    st_.stopped = true;
    core().registry().remove_if_same(st_.stream_id, self_->address());
    for (auto& p : st_.pending)
      if (p.request) p.request->done(unavailable(reason));
    st_.pending.clear();
    for (auto& r : st_.held) on_dropped(core(), std::move(r));
    st_.held.clear();
    core().counters().subscriptions.fetch_sub(static_cast<std::int64_t>(st_.subscribers.size()),
                                              std::memory_order_relaxed);
    st_.subscribers.close_all(reason);
    for (std::uint64_t i = 0; i < watch_count; ++i) unsubscribe_watch(i);
    core().counters().passivations.fetch_add(1, std::memory_order_relaxed);
    self_->quit();
  }

 private:
  static constexpr std::size_t watch_count = std::tuple_size_v<typename Entity::watches>;

  static error unavailable(const error& reason) {
    return error{error_code::unavailable, "entity restarting: " + reason.message};
  }

  void touch(std::int64_t mailbox_delta) {
    if (mailbox_delta) st_.stats->mailbox.fetch_add(mailbox_delta, std::memory_order_relaxed);
    st_.stats->last_activity_us.store(core().now_us(), std::memory_order_relaxed);
  }

  void publish_stats() {
    st_.stats->version.store(st_.durable_version, std::memory_order_relaxed);
    st_.stats->subscribers.store(static_cast<std::uint32_t>(st_.subscribers.size()),
                                 std::memory_order_relaxed);
  }

  // A system command (a raid's continuation, a viewer sample) runs through
  // the same path as a client's, with nobody waiting for the answer.
  void run_system(command_type cmd) {
    auto r = std::make_unique<command_request<Entity>>();
    r->login = st_.login;
    r->ctx.is_system = true;
    r->cmd = std::move(cmd);
    r->done = [](result<command_outcome>) {};
    accept(std::move(r));
  }

  void append(std::unique_ptr<command_request<Entity>> r, decision<event_type> d) {
    const auto& ctx = r->ctx;
    const event_number before = st_.version;
    const std::string actor = ctx.actor();
    std::vector<storage::proposed_event> proposed;
    proposed.reserve(d.events.size());
    typename state_type::in_flight flight;
    flight.token = st_.next_token++;
    flight.error_after_commit = std::move(d.error_after_commit);
    for (std::size_t i = 0; i < d.events.size(); ++i) {
      auto& ev = d.events[i];
      auto encoded = domain::encode(ev);
      auto pub = std::make_shared<published_event>();
      auto& env = pub->envelope;
      env.stream_id = st_.stream_id;
      env.version = before + i + 1;
      env.type = std::string(encoded.type);
      env.schema_version = encoded.schema_version;
      env.timestamp_us = ctx.now_us;
      env.id = i == 0 ? ctx.command_id : event_id::generate();
      env.causation_id = ctx.command_id;
      env.correlation_id = ctx.correlation_id;
      env.actor = actor;
      env.payload = std::move(encoded.json);
      proposed.push_back(storage::proposed_event{env.id, env.type, env.schema_version,
                                                 env.timestamp_us, env.causation_id,
                                                 env.correlation_id, env.actor, env.payload});
      Entity::apply(st_.state, event_meta{env.id, env.timestamp_us, env.version, 0, env.actor}, ev);
      pub->event = domain_event{std::move(ev)};
      flight.events.push_back(std::move(pub));
    }
    st_.version = before + d.events.size();
    st_.last_timestamp_us = ctx.now_us;
    flight.request = std::move(r);
    st_.pending.push_back(std::move(flight));
    auto self = caf::actor_cast<caf::actor>(self_);
    const auto token = st_.pending.back().token;
    core().log().append_async(st_.stream_id, expected_version::exact(before), std::move(proposed),
                              [self, token](result<storage::append_result> outcome) {
                                caf::anon_send(self, append_done_atom::value, token,
                                               append_outcome{std::move(outcome)});
                              });
  }

  void publish(const std::vector<std::shared_ptr<published_event>>& events) {
    std::vector<published_event_ptr> shared(events.begin(), events.end());
    st_.subscribers.publish(shared);
    core().counters().events_published.fetch_add(shared.size(), std::memory_order_relaxed);
    if constexpr (requires { &Entity::after_commit; }) {
      actor_effects fx{core(), caf::actor_cast<caf::actor>(self_)};
      for (const auto& pub : shared)
        Entity::after_commit(fx, st_.state, st_.login, pub,
                             std::get<event_type>(pub->event));
    }
    if constexpr (std::is_same_v<Entity, channel_entity>) schedule_sampling();
  }

  result<std::vector<published_event_ptr>> read_published(event_number from, event_number to) {
    std::vector<published_event_ptr> out;
    std::optional<error> failure;
    auto scanned = core().log().scan_stream(
        st_.stream_id, from, static_cast<std::size_t>(to - from + 1), [&](const event_envelope& e) {
          auto typed = decode_entity_event<Entity>(e);
          if (!typed) {
            failure = std::move(typed).err();
            return false;
          }
          out.push_back(std::make_shared<const published_event>(
              published_event{e, domain_event{std::move(*typed)}}));
          return true;
        });
    if (!scanned) return std::move(scanned).err();
    if (failure) return *failure;
    return out;
  }

  // Due after snapshot_every events, and once replaying them would cost at
  // least as much as loading the last snapshot (their payloads add up to its
  // size): a big state, such as a busy room's rate-limit windows, is then
  // not re-encoded every few hundred events.
  bool snapshot_due() const {
    return st_.durable_version >= st_.last_snapshot_version + core_options().snapshot_every &&
           st_.bytes_since_snapshot >= st_.last_snapshot_bytes;
  }
  // Snapshots hold durable state only, so with appends in flight a due
  // snapshot holds new commands back until the pipeline drains.
  bool snapshot_due_while_busy() const { return !st_.pending.empty() && snapshot_due(); }
  const runtime_options& core_options() const { return st_.core->options(); }

  void maybe_snapshot() {
    if (!st_.pending.empty() || !snapshot_due()) return;
    (void)save_snapshot();  // A failed snapshot only costs start-up time.
    auto held = std::move(st_.held);
    st_.held.clear();
    for (auto& r : held) {
      if (st_.stopped) {
        on_dropped(core(), std::move(r));
        continue;
      }
      execute(std::move(r));
    }
  }

  result<void> save_snapshot() {
    storage::snapshot snap{st_.durable_version, Entity::snapshot_schema, Entity::encode_state(st_.state)};
    auto saved = core().log().save_snapshot(st_.stream_id, snap);
    if (saved) {
      st_.last_snapshot_version = st_.durable_version;
      st_.last_snapshot_bytes = snap.state.size();
      st_.bytes_since_snapshot = 0;
    }
    return saved;
  }

  std::string inspect_json() const {
    std::string out = "{\"id\":\"" + st_.stream_id + "\",\"version\":" + std::to_string(st_.version) +
                      ",\"durableVersion\":" + std::to_string(st_.durable_version) +
                      ",\"appendsInFlight\":" + std::to_string(st_.pending.size()) +
                      ",\"subscribers\":" + std::to_string(st_.subscribers.size()) +
                      ",\"lastSnapshotVersion\":" + std::to_string(st_.last_snapshot_version) +
                      ",\"lastActivityUs\":" +
                      std::to_string(st_.stats->last_activity_us.load(std::memory_order_relaxed)) +
                      ",\"state\":" + Entity::inspect_json(st_.state) + "}";
    return out;
  }

  void check_idle() {
    if (st_.stopped) return;
    const auto idle_us = core().now_us() - st_.stats->last_activity_us.load(std::memory_order_relaxed);
    const auto timeout_us =
        std::chrono::duration_cast<std::chrono::microseconds>(core().options().idle_timeout).count();
    bool busy = !st_.pending.empty() || !st_.held.empty() || !st_.subscribers.empty();
    if constexpr (std::is_same_v<Entity, channel_entity>)
      busy = busy || st_.state.presence.viewers > 0 || !st_.state.pending_raids.empty();
    if (!busy && idle_us >= timeout_us) {
      stop(error{error_code::unavailable, "passivated after idling"});
      return;
    }
    schedule_idle_check();
  }

  template <std::size_t... I>
  result<void> rebuild_replicas(std::index_sequence<I...>) {
    result<void> outcome;
    auto one = [&](auto watch_tag) {
      using W = typename decltype(watch_tag)::type;
      if (!outcome) return;
      auto& rep = W::of(st_.state);
      outcome = rebuild<typename W::entity>(core().log(), st_.login, rep.state, rep.version);
    };
    (one(std::type_identity<std::tuple_element_t<I, typename Entity::watches>>{}), ...);
    (void)one;  // Unused for entities that watch nothing.
    return outcome;
  }

  template <std::size_t... I>
  void apply_replica(std::uint64_t index, const published_batch& events, std::index_sequence<I...>) {
    auto one = [&](auto watch_tag, std::uint64_t i) {
      if (i != index) return;
      using W = typename decltype(watch_tag)::type;
      using other = typename W::entity;
      auto& rep = W::of(st_.state);
      for (const auto& pub : events) {
        const auto& env = pub->envelope;
        if (env.version <= rep.version) continue;  // Already applied.
        if (env.version != rep.version + 1) {      // A gap: resubscribe.
          unsubscribe_watch(index);
          subscribe_watch(index);
          return;
        }
        const auto* typed = std::get_if<typename other::event>(&pub->event);
        if (!typed) return;
        other::apply(rep.state, event_meta{env.id, env.timestamp_us, env.version, env.position, env.actor},
                     *typed);
        rep.version = env.version;
      }
    };
    (one(std::type_identity<std::tuple_element_t<I, typename Entity::watches>>{}, I), ...);
    (void)one;
  }

  template <std::size_t... I>
  std::string watched_stream(std::uint64_t index, std::index_sequence<I...>) const {
    std::string out;
    ((I == index ? (out = stream_of<typename std::tuple_element_t<I, typename Entity::watches>::entity>(
                        st_.login),
                    0)
                 : 0),
     ...);
    return out;
  }

  template <std::size_t... I>
  event_number watched_version(std::uint64_t index, std::index_sequence<I...>) {
    event_number out = 0;
    ((I == index ? (out = std::tuple_element_t<I, typename Entity::watches>::of(st_.state).version, 0) : 0),
     ...);
    return out;
  }

  void subscribe_watch(std::uint64_t index) {
    if constexpr (watch_count > 0) {
      auto r = std::make_unique<subscribe_request>();
      r->stream_id = watched_stream(index, std::make_index_sequence<watch_count>{});
      r->from_version = watched_version(index, std::make_index_sequence<watch_count>{}) + 1;
      r->subscription_id = core().next_subscription_id();
      r->subscriber = std::make_shared<replica_forwarder>(self_->address(), index);
      st_.watch_ids[index] = r->subscription_id;
      core().send(std::move(r));
    }
  }

  void unsubscribe_watch(std::uint64_t index) {
    if constexpr (watch_count > 0) {
      const auto id = std::exchange(st_.watch_ids[index], 0);
      if (id == 0) return;
      const auto stream = watched_stream(index, std::make_index_sequence<watch_count>{});
      if (auto e = core().registry().find(stream))
        caf::anon_send(e->actor, unsubscribe_atom::value, id);
    }
  }

  void fail_and_stop(const error& reason) { stop(reason); }

  entity_pointer<Entity> self_;
  state_type& st_;
};

/// The behaviour of an entity actor; recovery runs on its first message.
template <class Entity>
typename entity_actor<Entity>::behavior_type entity_actor_impl(entity_pointer<Entity> self,
                                                              runtime_core* core, std::string login,
                                                              std::shared_ptr<entity_stats> stats) {
  auto& st = self->state;
  st.core = core;
  st.login = std::move(login);
  st.stream_id = stream_of<Entity>(st.login);
  st.stats = std::move(stats);
  st.subscribers = topic{core->options().ring_capacity};
  core->counters().activations.fetch_add(1, std::memory_order_relaxed);
  entity_driver<Entity> driver{self};
  if (auto recovered = driver.recover(); !recovered) {
    // Stopping drops the waiting requests, which retry on a fresh activation
    // (bounded) and then fail with unavailable.
    driver.stop(recovered.err());
  } else {
    driver.schedule_idle_check();
    driver.schedule_sampling();
  }
  using D = entity_driver<Entity>;
  return {
      [self](command_msg<Entity>& m) { D{self}.on_command(m->take()); },
      [self](read_msg<Entity>& m) { D{self}.on_read(m->take()); },
      [self](subscribe_msg& m) { D{self}.on_subscribe(m->take()); },
      [self](admin_msg& m) { D{self}.on_admin(m->take()); },
      [self](unsubscribe_atom, std::uint64_t id) { D{self}.on_unsubscribe(id); },
      [self](append_done_atom, std::uint64_t token, append_outcome& outcome) {
        D{self}.on_append_done(token, std::move(outcome));
      },
      [self](replica_atom, std::uint64_t index, const published_batch& events) {
        D{self}.on_replica_events(index, events);
      },
      [self](resubscribe_atom, std::uint64_t index) { D{self}.on_resubscribe(index); },
      [self](continue_atom, typename Entity::command& cmd) { D{self}.on_continue(std::move(cmd)); },
      [self](presence_atom, std::int64_t delta) { D{self}.on_presence(delta); },
      [self](timer_atom, timer t) { D{self}.on_timer(t); },
  };
}

}  // namespace streamhub::actors
