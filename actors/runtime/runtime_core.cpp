#include "actors/runtime/runtime_core.hpp"

#include <chrono>

#include "actors/runtime/entity_actor.hpp"

namespace streamhub::actors {

namespace {

using fanout_actor =
    caf::typed_actor<caf::reacts_to<fanout_atom, recipients_ptr, published_event_ptr, std::uint64_t>>;

constexpr std::size_t kFanoutChunk = 1024;

// Delivers live notifications in chunks, re-queueing itself between chunks so
// one huge follower list does not hold the fan-out thread for long.
fanout_actor::behavior_type fanout_impl(fanout_actor::pointer self, runtime_core* core) {
  return {[self, core](fanout_atom, recipients_ptr& recipients, published_event_ptr& event,
                       std::uint64_t offset) {
    const auto end = std::min<std::uint64_t>(offset + kFanoutChunk, recipients->size());
    std::uint64_t delivered = 0;
    for (auto i = offset; i < end; ++i)
      delivered += core->notifications().deliver((*recipients)[i], event);
    core->counters().notifications_delivered.fetch_add(delivered, std::memory_order_relaxed);
    if (end < recipients->size())
      self->send(self, fanout_atom::value, std::move(recipients), std::move(event), end);
  }};
}

std::int64_t system_clock_us() {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

template <class Request>
void redeliver_or_fail(runtime_core& core, std::unique_ptr<Request> r, const char* what) {
  if (!core.stopping() && r->attempts < core.options().max_redeliveries) {
    ++r->attempts;
    core.send(std::move(r));
    return;
  }
  error failure{error_code::unavailable, std::string(what) + " unavailable; try again"};
  if constexpr (requires { r->done; }) r->done(std::move(failure));
  else r->read(std::move(failure));
}

}  // namespace

runtime_core::runtime_core(caf::actor_system& system, storage::event_log& log,
                           runtime_options options)
    : system_(system),
      log_(log),
      options_(std::move(options)),
      registry_([this](const std::string& id, std::shared_ptr<entity_stats> stats) {
        return spawn_entity(id, std::move(stats));
      }) {
  if (!options_.clock) options_.clock = system_clock_us;
  fanout_ = caf::actor_cast<caf::actor>(system_.spawn(fanout_impl, this));
}

runtime_core::~runtime_core() { shutdown(); }

std::int64_t runtime_core::now_us() const { return options_.clock(); }

caf::actor runtime_core::spawn_entity(const std::string& id, std::shared_ptr<entity_stats> stats) {
  const auto colon = id.find(':');
  const std::string kind = id.substr(0, colon);
  std::string login = id.substr(colon + 1);
  // Lazy: recovery runs on a CAF worker when the first message arrives, not
  // on the caller's thread (which may be an I/O thread) under a registry lock.
  caf::actor actor;
  if (kind == "user")
    actor = caf::actor_cast<caf::actor>(system_.spawn<caf::lazy_init>(
        entity_actor_impl<user_entity>, this, std::move(login), std::move(stats)));
  else if (kind == "channel")
    actor = caf::actor_cast<caf::actor>(system_.spawn<caf::lazy_init>(
        entity_actor_impl<channel_entity>, this, std::move(login), std::move(stats)));
  else
    actor = caf::actor_cast<caf::actor>(system_.spawn<caf::lazy_init>(
        entity_actor_impl<chat_entity>, this, std::move(login), std::move(stats)));
  // Activated once shutdown() began (a chat recovering on its shutdown
  // message subscribes to its channel and owner): its walk of the registry
  // may have missed this one, which would then live until its idle timeout
  // and hold up the actor system's exit. Called under the registry shard's
  // lock, so the walk either sees this entity or ran before it and set
  // stopping_ first.
  if (stopping()) send_shutdown(actor);
  return actor;
}

template <class Entity>
void runtime_core::send(std::unique_ptr<command_request<Entity>> r) {
  auto entry = registry_.get_or_activate(stream_of<Entity>(r->login));
  entry.stats->mailbox.fetch_add(1, std::memory_order_relaxed);
  caf::anon_send(entry.actor, std::make_shared<routed<command_request<Entity>>>(*this, std::move(r)));
}

template <class Entity>
void runtime_core::send(std::unique_ptr<read_request<Entity>> r) {
  auto entry = registry_.get_or_activate(stream_of<Entity>(r->login));
  entry.stats->mailbox.fetch_add(1, std::memory_order_relaxed);
  caf::anon_send(entry.actor, std::make_shared<routed<read_request<Entity>>>(*this, std::move(r)));
}

template void runtime_core::send(std::unique_ptr<command_request<user_entity>>);
template void runtime_core::send(std::unique_ptr<command_request<channel_entity>>);
template void runtime_core::send(std::unique_ptr<command_request<chat_entity>>);
template void runtime_core::send(std::unique_ptr<read_request<user_entity>>);
template void runtime_core::send(std::unique_ptr<read_request<channel_entity>>);
template void runtime_core::send(std::unique_ptr<read_request<chat_entity>>);

void runtime_core::send(std::unique_ptr<subscribe_request> r) {
  auto entry = registry_.get_or_activate(r->stream_id);
  entry.stats->mailbox.fetch_add(1, std::memory_order_relaxed);
  caf::anon_send(entry.actor, std::make_shared<routed<subscribe_request>>(*this, std::move(r)));
}

void runtime_core::send(std::unique_ptr<admin_request> r, bool activate) {
  std::optional<entity_registry::entry> entry;
  if (activate) entry = registry_.get_or_activate(r->stream_id);
  else entry = registry_.find(r->stream_id);
  if (!entry) {
    if (r->what == admin_request::kind::passivate) r->done(std::string("false"));
    else r->done(error{error_code::not_found, r->stream_id + " is not active"});
    return;
  }
  entry->stats->mailbox.fetch_add(1, std::memory_order_relaxed);
  caf::anon_send(entry->actor, std::make_shared<routed<admin_request>>(*this, std::move(r)));
}

void runtime_core::fan_out(recipients_ptr recipients, published_event_ptr event) {
  if (recipients->empty() || hub_.subscriber_count() == 0) return;
  caf::anon_send(fanout_, fanout_atom::value, std::move(recipients), std::move(event),
                 std::uint64_t{0});
}

void runtime_core::shutdown() {
  if (stopping_.exchange(true)) return;
  std::vector<caf::actor> live;
  registry_.for_each([&](const std::string&, const entity_registry::entry& e) { live.push_back(e.actor); });
  for (auto& actor : live) send_shutdown(actor);
  caf::anon_send_exit(fanout_, caf::exit_reason::user_shutdown);
}

void runtime_core::send_shutdown(const caf::actor& actor) {
  auto r = std::make_unique<admin_request>();
  r->what = admin_request::kind::shutdown;
  r->done = [](result<std::string>) {};
  caf::anon_send(actor, std::make_shared<routed<admin_request>>(*this, std::move(r)));
}

// -- Dropped requests: the actor stopped before handling them -----------------

void on_dropped(runtime_core& core, std::unique_ptr<command_request<user_entity>> r) {
  redeliver_or_fail(core, std::move(r), "user");
}
void on_dropped(runtime_core& core, std::unique_ptr<command_request<channel_entity>> r) {
  redeliver_or_fail(core, std::move(r), "channel");
}
void on_dropped(runtime_core& core, std::unique_ptr<command_request<chat_entity>> r) {
  redeliver_or_fail(core, std::move(r), "chat");
}
void on_dropped(runtime_core& core, std::unique_ptr<read_request<user_entity>> r) {
  redeliver_or_fail(core, std::move(r), "user");
}
void on_dropped(runtime_core& core, std::unique_ptr<read_request<channel_entity>> r) {
  redeliver_or_fail(core, std::move(r), "channel");
}
void on_dropped(runtime_core& core, std::unique_ptr<read_request<chat_entity>> r) {
  redeliver_or_fail(core, std::move(r), "chat");
}
void on_dropped(runtime_core& core, std::unique_ptr<subscribe_request> r) {
  if (!core.stopping() && r->attempts < core.options().max_redeliveries) {
    ++r->attempts;
    core.send(std::move(r));
    return;
  }
  r->subscriber->on_closed(error{error_code::unavailable, r->stream_id + " unavailable"});
}
void on_dropped(runtime_core& core, std::unique_ptr<admin_request> r) {
  if (r->what == admin_request::kind::inspect && !core.stopping() &&
      r->attempts < core.options().max_redeliveries) {
    ++r->attempts;
    core.send(std::move(r), /*activate=*/true);
    return;
  }
  r->done(error{error_code::unavailable, r->stream_id + " stopped"});
}

}  // namespace streamhub::actors
