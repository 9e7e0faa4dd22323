#include "gateway/admin/admin_handler.hpp"

#include <algorithm>
#include <chrono>
#include <mutex>
#include <set>

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <nlohmann/json.hpp>

#include "actors/runtime.hpp"
#include "gateway/admin/admin_stats.hpp"
#include "gateway/server.hpp"
#include "protocol/event_json.hpp"

namespace streamhub::gateway::admin {

using json = nlohmann::ordered_json;

namespace {

/// How many recent log events are searched for ids to suggest.
constexpr std::size_t kSuggestionWindow = 10'000;

json embed(const std::string& text) {
  json parsed = json::parse(text, nullptr, false);
  return parsed.is_discarded() ? json(text) : parsed;
}

std::string last_activity(std::int64_t us) { return us > 0 ? format_timestamp_us(us) : std::string(); }

json entity_json(const actors::active_entity& e) {
  return json{{"id", e.id},
              {"version", e.version},
              {"mailbox", e.mailbox},
              {"subscribers", e.subscribers},
              {"commands", e.commands},
              {"last_activity", last_activity(e.last_activity_us)}};
}

std::optional<actors::active_entity> find_active(actors::runtime& rt, const std::string& id) {
  for (auto& e : rt.active_entities())
    if (e.id == id) return e;
  return std::nullopt;
}

}  // namespace

/// What callbacks share; it outlives the handler while answers are owed.
struct handler_state {
  explicit handler_state(admin_sources s) : sources(std::move(s)) {}

  admin_sources sources;
  append_rate rate;

  actors::runtime& rt() { return *sources.runtime; }
  storage::event_log& log() { return sources.runtime->log(); }

  /// Ok when `id` has events; else not_found naming the closest known id.
  result<void> check_exists(const std::string& id) {
    auto version = log().stream_version(id);
    if (!version) return std::move(version).err();
    if (*version > 0) return {};
    std::set<std::string> known;
    for (const auto& e : rt().active_entities()) known.insert(e.id);
    const log_position head = log().head_position();
    const log_position from = head > kSuggestionWindow ? head - kSuggestionWindow + 1 : 1;
    (void)log().scan_all(from, kSuggestionWindow, [&](const event_envelope& e) {
      known.insert(e.stream_id);
      return true;
    });
    const std::vector<std::string> candidates(known.begin(), known.end());
    return error{error_code::not_found,
                 "no entity '" + id + "'" + did_you_mean(closest_name(id, candidates))};
  }
};

struct admin_handler::impl {
  explicit impl(admin_sources sources) : state(std::make_shared<handler_state>(std::move(sources))) {}

  std::shared_ptr<handler_state> state;
  boost::asio::thread_pool pool{2};
  boost::asio::steady_timer sampler{pool};

  void sample_every_second() {
    state->rate.sample(std::chrono::steady_clock::now(), state->log().head_position());
    sampler.expires_after(std::chrono::seconds(1));
    sampler.async_wait([this](boost::system::error_code ec) {
      if (!ec) sample_every_second();
    });
  }
};

namespace {

using reply = admin_handler::reply;

void answer(const reply& done, const json& j) { done(j.dump()); }

void run_entity_command(const std::shared_ptr<handler_state>& s, const command& c, const reply& done) {
  auto& rt = s->rt();
  const std::string& id = c.target;
  switch (c.what) {
    case verb::inspect:
      rt.inspect(id, [s, id, done](result<std::string> state) {
        if (!state) return done(std::move(state).err());
        json j{{"id", id}};
        if (auto e = find_active(s->rt(), id)) {
          j["version"] = e->version;
          j["last_activity"] = last_activity(e->last_activity_us);
          j["subscribers"] = e->subscribers;
          j["mailbox"] = e->mailbox;
        }
        j["state"] = embed(*state);
        answer(done, j);
      });
      return;
    case verb::events: {
      json events = json::array();
      event_number next = c.version;
      auto scanned = s->log().scan_stream(id, c.version, c.limit, [&](const event_envelope& e) {
        events.push_back(embed(to_json(e)));
        next = e.version + 1;
        return true;
      });
      if (!scanned) return done(std::move(scanned).err());
      return answer(done, json{{"id", id}, {"events", std::move(events)}, {"next_version", next}});
    }
    case verb::at: {
      auto state = rt.state_at(id, c.version);
      if (!state) return done(std::move(state).err());
      return answer(done, json{{"id", id}, {"version", c.version}, {"state", embed(*state)}});
    }
    case verb::snapshot:
      rt.snapshot_now(id, [id, done](result<event_number> v) {
        if (!v) return done(std::move(v).err());
        answer(done, json{{"id", id}, {"snapshot_version", *v}});
      });
      return;
    case verb::passivate:
      rt.passivate(id, [id, done](result<bool> was_active) {
        if (!was_active) return done(std::move(was_active).err());
        answer(done, json{{"id", id}, {"passivated", *was_active}});
      });
      return;
    default: done(error{error_code::internal, "not an entity command"});
  }
}

json actors_json(actors::runtime& rt, const command& c) {
  auto entities = rt.active_entities();
  if (!c.target.empty()) {
    const std::string prefix = c.target + ":";
    std::erase_if(entities, [&](const auto& e) { return !e.id.starts_with(prefix); });
  }
  if (c.top_mailbox) {
    std::stable_sort(entities.begin(), entities.end(),
                     [](const auto& a, const auto& b) { return a.mailbox > b.mailbox; });
  } else {
    std::sort(entities.begin(), entities.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  }
  json list = json::array();
  for (std::size_t i = 0; i < entities.size() && i < c.limit; ++i) list.push_back(entity_json(entities[i]));
  return json{{"total", entities.size()}, {"actors", std::move(list)}};
}

json help_json() {
  json list = json::array();
  for (const auto& spec : command_specs()) list.push_back(json{{"usage", spec.usage}, {"summary", spec.summary}});
  return json{{"commands", std::move(list)}};
}

void run_projections(const std::shared_ptr<handler_state>& s, const command& c, const reply& done) {
  auto* control = s->sources.projections.get();
  if (control == nullptr) return done(error{error_code::unavailable, "projections are not running on this node"});
  if (c.what == verb::replay) {
    auto started = control->replay(c.target);
    if (!started) return done(std::move(started).err());
    return answer(done, json{{"replay", c.target}, {"started", true}});
  }
  auto list = control->list();
  if (!list) return done(std::move(list).err());
  const log_position head = s->log().head_position();
  json out = json::array();
  for (const auto& p : *list)
    out.push_back(json{{"name", p.name},
                       {"status", p.status},
                       {"checkpoint", p.checkpoint},
                       {"lag", p.lag},
                       {"dead_letters", p.dead_letters},
                       {"last_error", p.last_error},
                       {"last_replay", p.last_replay}});
  answer(done, json{{"log_head", head}, {"projections", std::move(out)}});
}

/// Asks the gateway for its sessions (empty without one), then `then(list)`.
void with_sessions(const std::shared_ptr<handler_state>& s,
                   std::function<void(std::vector<session_info>)> then) {
  if (s->sources.server == nullptr) return then({});
  s->sources.server->sessions(std::move(then));
}

json sessions_json(const std::vector<session_info>& sessions) {
  json list = json::array();
  for (const auto& x : sessions)
    list.push_back(json{{"transport", x.transport},
                        {"client_ip", x.client_ip},
                        {"user", x.user},
                        {"operations", x.operations},
                        {"queued_frames", x.queued_frames},
                        {"queued_bytes", x.queued_bytes}});
  return json{{"total", sessions.size()}, {"sessions", std::move(list)}};
}

/// Runs on a worker thread: everything here may block briefly.
void run_on_worker(const std::shared_ptr<handler_state>& s, const command& c, const reply& done) {
  switch (c.what) {
    case verb::stats:
      // The runtime's figures here, on the worker; the gateway's where they
      // are gathered, on an I/O thread.
      return with_sessions(s, [stats = stats_json(s->rt(), s->rate), done](std::vector<session_info> sessions) mutable {
        add_sessions(stats, sessions);
        answer(done, stats);
      });
    case verb::actors: return answer(done, actors_json(s->rt(), c));
    case verb::sessions:
      return with_sessions(s, [done](std::vector<session_info> sessions) { answer(done, sessions_json(sessions)); });
    case verb::projections:
    case verb::replay: return run_projections(s, c, done);
    case verb::help: return answer(done, help_json());
    case verb::tail: return done(error{error_code::invalid, "tail streams: use admin_handler::tail"});
    default: break;
  }
  if (auto exists = s->check_exists(c.target); !exists) return done(std::move(exists).err());
  run_entity_command(s, c, done);
}

/// Forwards an entity's events to a tail_sink until cancelled.
class tail_subscription final : public tail_handle,
                                public actors::event_subscriber,
                                public std::enable_shared_from_this<tail_subscription> {
 public:
  tail_subscription(std::shared_ptr<handler_state> state, std::string id, std::shared_ptr<tail_sink> sink)
      : state_(std::move(state)), id_(std::move(id)), sink_(std::move(sink)) {}

  /// On a worker thread: checks the id, then subscribes from the next version.
  void start() {
    auto exists = state_->check_exists(id_);
    auto version = exists ? state_->log().stream_version(id_) : result<event_number>(exists.err());
    {
      std::lock_guard lock(mutex_);
      if (cancelled_) return;
      if (!version) {
        cancelled_ = true;
        return sink_->on_end(version.err());
      }
    }
    // Not under the lock: subscribe may answer on_closed at once.
    sink_->on_started(*version + 1);
    const std::uint64_t subscription = state_->rt().subscribe(id_, *version + 1, shared_from_this());
    bool cancelled_meanwhile = false;
    {
      std::lock_guard lock(mutex_);
      subscription_ = subscription;
      cancelled_meanwhile = cancelled_;
    }
    if (cancelled_meanwhile) state_->rt().unsubscribe(id_, subscription);
  }

  void cancel() override {
    std::uint64_t subscription = 0;
    {
      std::lock_guard lock(mutex_);
      if (cancelled_) return;
      cancelled_ = true;
      subscription = subscription_;
    }
    if (subscription != 0) state_->rt().unsubscribe(id_, subscription);
  }

  bool on_events(std::span<const actors::published_event_ptr> events) override {
    std::lock_guard lock(mutex_);
    if (cancelled_) return false;
    for (const auto& e : events) sink_->on_event(to_json(e->envelope));
    return true;
  }

  void on_closed(const error& reason) override {
    std::lock_guard lock(mutex_);
    if (!cancelled_) sink_->on_end(reason);
    cancelled_ = true;
  }

 private:
  std::shared_ptr<handler_state> state_;
  const std::string id_;
  std::shared_ptr<tail_sink> sink_;
  std::mutex mutex_;
  std::uint64_t subscription_ = 0;
  bool cancelled_ = false;
};

/// Cancels on destruction (the subscription itself lives on in the runtime
/// until it sees on_events answer false).
class tail_owner final : public tail_handle {
 public:
  explicit tail_owner(std::shared_ptr<tail_subscription> sub) : sub_(std::move(sub)) {}
  ~tail_owner() override { sub_->cancel(); }
  void cancel() override { sub_->cancel(); }

 private:
  std::shared_ptr<tail_subscription> sub_;
};

}  // namespace

admin_handler::admin_handler(admin_sources sources) : impl_(std::make_unique<impl>(std::move(sources))) {
  impl_->sample_every_second();
}

admin_handler::~admin_handler() {
  impl_->pool.stop();
  impl_->pool.join();
}

void admin_handler::run(const command& c, reply done) {
  boost::asio::post(impl_->pool, [s = impl_->state, c, done = std::move(done)] { run_on_worker(s, c, done); });
}

std::shared_ptr<tail_handle> admin_handler::tail(const command& c, std::shared_ptr<tail_sink> sink) {
  auto sub = std::make_shared<tail_subscription>(impl_->state, c.target, std::move(sink));
  boost::asio::post(impl_->pool, [sub] { sub->start(); });
  return std::make_shared<tail_owner>(std::move(sub));
}

}  // namespace streamhub::gateway::admin
