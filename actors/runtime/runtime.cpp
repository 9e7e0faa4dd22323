#include "actors/runtime.hpp"

#include <algorithm>
#include <thread>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/send.hpp>

#include "actors/runtime/rebuild.hpp"
#include "actors/runtime/runtime_core.hpp"

namespace streamhub::actors {

struct owned_actor_system {
  caf::actor_system_config config;
  std::unique_ptr<caf::actor_system> system;

  explicit owned_actor_system(const runtime_options& options) {
    const std::size_t workers = options.worker_threads
                                    ? options.worker_threads
                                    : std::max(1u, std::thread::hardware_concurrency());
    config.set("scheduler.max-threads", workers);
    config.set("logger.verbosity", caf::atom("quiet"));
    config.set("logger.console", caf::atom("none"));
    system = std::make_unique<caf::actor_system>(config);
  }
};

namespace {

template <class Entity, class Command>
void execute_on(runtime_core& core, std::string_view login, domain::command_context ctx,
                Command cmd, callback<command_outcome> done) {
  auto normalized = domain::normalize_login(login);
  if (!normalized) {
    done(std::move(normalized).err());
    return;
  }
  auto r = std::make_unique<command_request<Entity>>();
  r->login = std::move(*normalized);
  r->ctx = std::move(ctx);
  r->cmd = std::move(cmd);
  r->done = std::move(done);
  core.send(std::move(r));
}

template <class Entity>
void read_on(runtime_core& core, std::string_view login,
             callback<state_view<typename Entity::state>> read) {
  auto normalized = domain::normalize_login(login);
  if (!normalized) {
    read(std::move(normalized).err());
    return;
  }
  auto r = std::make_unique<read_request<Entity>>();
  r->login = std::move(*normalized);
  r->read = std::move(read);
  core.send(std::move(r));
}

template <class Entity>
result<std::string> state_at_of(const storage::event_log& log, std::string_view login,
                                event_number version) {
  typename Entity::state state;
  event_number at = 0;
  if (auto r = rebuild<Entity>(log, login, state, at, version); !r) return std::move(r).err();
  return "{\"version\":" + std::to_string(at) + ",\"state\":" + Entity::inspect_json(state) + "}";
}

void send_admin(runtime_core& core, admin_request::kind what, std::string_view stream_id,
                std::function<void(result<std::string>)> done, bool activate) {
  auto r = std::make_unique<admin_request>();
  r->what = what;
  r->stream_id = std::string(stream_id);
  r->done = std::move(done);
  core.send(std::move(r), activate);
}

// Notifications are addressed to normalised logins (the channel's follower
// and owner names), so a session naming its user "Bob" must listen as "bob".
std::string notification_key(std::string_view user_login) {
  auto normalized = domain::normalize_login(user_login);
  return normalized ? std::move(*normalized) : std::string(user_login);
}

}  // namespace

runtime::runtime(storage::event_log& log, runtime_options options)
    : owned_(std::make_unique<owned_actor_system>(options)),
      core_(std::make_unique<runtime_core>(*owned_->system, log, std::move(options))) {}

runtime::runtime(caf::actor_system& system, storage::event_log& log, runtime_options options)
    : core_(std::make_unique<runtime_core>(system, log, std::move(options))) {}

runtime::~runtime() {
  core_->shutdown();
  if (owned_) owned_->system->await_all_actors_done();
  core_.reset();
}

void runtime::shutdown() { core_->shutdown(); }

void runtime::execute(std::string_view login, domain::command_context ctx, domain::user_command cmd,
                      callback<command_outcome> done) {
  execute_on<user_entity>(*core_, login, std::move(ctx), std::move(cmd), std::move(done));
}
void runtime::execute(std::string_view login, domain::command_context ctx,
                      domain::channel_command cmd, callback<command_outcome> done) {
  execute_on<channel_entity>(*core_, login, std::move(ctx), std::move(cmd), std::move(done));
}
void runtime::execute(std::string_view login, domain::command_context ctx, domain::chat_command cmd,
                      callback<command_outcome> done) {
  execute_on<chat_entity>(*core_, login, std::move(ctx), std::move(cmd), std::move(done));
}

void runtime::read_user(std::string_view login, callback<state_view<user_state>> read) {
  read_on<user_entity>(*core_, login, std::move(read));
}
void runtime::read_channel(std::string_view login, callback<state_view<channel_state>> read) {
  read_on<channel_entity>(*core_, login, std::move(read));
}
void runtime::read_chat(std::string_view login, callback<state_view<chat_state>> read) {
  read_on<chat_entity>(*core_, login, std::move(read));
}

std::uint64_t runtime::subscribe(std::string_view stream_id, event_number from_version,
                                 std::shared_ptr<event_subscriber> subscriber) {
  const auto id = core_->next_subscription_id();
  if (!domain::parse_entity_id(stream_id)) {
    subscriber->on_closed(error{error_code::invalid, "not an entity id: " + std::string(stream_id)});
    return id;
  }
  auto r = std::make_unique<subscribe_request>();
  r->stream_id = std::string(stream_id);
  r->from_version = from_version;
  r->subscription_id = id;
  r->subscriber = std::move(subscriber);
  core_->send(std::move(r));
  return id;
}

void runtime::unsubscribe(std::string_view stream_id, std::uint64_t subscription_id) {
  if (auto e = core_->registry().find(std::string(stream_id)))
    caf::anon_send(e->actor, unsubscribe_atom::value, subscription_id);
}

void runtime::viewer_joined(std::string_view channel_login) {
  auto login = domain::normalize_login(channel_login);
  if (!login) return;
  auto e = core_->registry().get_or_activate(stream_of<channel_entity>(*login));
  caf::anon_send(e.actor, presence_atom::value, std::int64_t{1});
}

void runtime::viewer_left(std::string_view channel_login) {
  auto login = domain::normalize_login(channel_login);
  if (!login) return;
  if (auto e = core_->registry().find(stream_of<channel_entity>(*login)))
    caf::anon_send(e->actor, presence_atom::value, std::int64_t{-1});
}

std::uint64_t runtime::subscribe_notifications(std::string_view user_login,
                                               std::shared_ptr<notification_subscriber> subscriber) {
  return core_->notifications().add(notification_key(user_login), std::move(subscriber));
}

void runtime::unsubscribe_notifications(std::string_view user_login, std::uint64_t id) {
  core_->notifications().remove(notification_key(user_login), id);
}

runtime_stats runtime::stats() const {
  runtime_stats s;
  core_->registry().for_each([&](const std::string& id, const entity_registry::entry&) {
    if (id.rfind("user:", 0) == 0) ++s.active_users;
    else if (id.rfind("channel:", 0) == 0) ++s.active_channels;
    else ++s.active_chats;
  });
  auto& c = core_->counters();
  s.activations = c.activations.load();
  s.passivations = c.passivations.load();
  s.commands = c.commands.load();
  s.appends = c.appends.load();
  s.append_failures = c.append_failures.load();
  s.events_published = c.events_published.load();
  s.subscriptions = static_cast<std::size_t>(std::max<std::int64_t>(0, c.subscriptions.load()));
  s.notification_subscribers = core_->notifications().subscriber_count();
  s.notifications_delivered = c.notifications_delivered.load();
  return s;
}

std::vector<active_entity> runtime::active_entities() const {
  std::vector<active_entity> out;
  core_->registry().for_each([&](const std::string& id, const entity_registry::entry& e) {
    out.push_back({id, e.stats->mailbox.load(), e.stats->version.load(),
                   e.stats->subscribers.load(), e.stats->last_activity_us.load(),
                   e.stats->commands.load()});
  });
  return out;
}

void runtime::inspect(std::string_view stream_id, callback<std::string> done) {
  if (!domain::parse_entity_id(stream_id)) {
    done(error{error_code::invalid, "not an entity id: " + std::string(stream_id)});
    return;
  }
  send_admin(*core_, admin_request::kind::inspect, stream_id, std::move(done), true);
}

void runtime::snapshot_now(std::string_view stream_id, callback<event_number> done) {
  send_admin(*core_, admin_request::kind::snapshot, stream_id,
             [done = std::move(done)](result<std::string> r) {
               if (!r) done(std::move(r).err());
               else done(static_cast<event_number>(std::stoull(*r)));
             },
             false);
}

void runtime::passivate(std::string_view stream_id, callback<bool> done) {
  send_admin(*core_, admin_request::kind::passivate, stream_id,
             [done = std::move(done)](result<std::string> r) {
               if (!r) done(std::move(r).err());
               else done(*r == "true");
             },
             false);
}

result<std::string> runtime::state_at(std::string_view stream_id, event_number version) const {
  auto id = domain::parse_entity_id(stream_id);
  if (!id) return error{error_code::invalid, "not an entity id: " + std::string(stream_id)};
  switch (id->kind) {
    case domain::entity_kind::user: return state_at_of<user_entity>(core_->log(), id->login, version);
    case domain::entity_kind::channel:
      return state_at_of<channel_entity>(core_->log(), id->login, version);
    case domain::entity_kind::chat: return state_at_of<chat_entity>(core_->log(), id->login, version);
  }
  return error{error_code::internal, "unknown entity kind"};
}

storage::event_log& runtime::log() { return core_->log(); }
caf::actor_system& runtime::system() { return core_->system(); }

}  // namespace streamhub::actors
