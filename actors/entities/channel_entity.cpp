#include "actors/entities/channel_entity.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "protocol/domain/text_rules.hpp"

namespace streamhub::actors {

namespace {

using namespace domain;
using nlohmann::json;
using channel_decision = result<decision<channel_event>>;

constexpr std::size_t kMaxTitle = 140;
constexpr std::size_t kMaxCategory = 50;
constexpr std::size_t kRecentRaids = 64;
constexpr std::int64_t kSubscriptionPeriodUs = 30LL * 24 * 3600 * kMicrosPerSecond;

error forbidden(std::string msg) { return error{error_code::forbidden, std::move(msg)}; }
error invalid(std::string msg) { return error{error_code::invalid, std::move(msg)}; }
error conflict(std::string msg) { return error{error_code::conflict, std::move(msg)}; }

struct decider {
  const channel_state& s;
  std::string_view self;
  const command_context& ctx;

  std::optional<error> require_channel() const {
    if (!s.owner_registered()) return error{error_code::not_found, "no channel " + std::string(self)};
    return std::nullopt;
  }
  std::optional<error> require_owner() const {
    if (auto e = require_channel()) return e;
    if (ctx.caller != self && !ctx.caller_is_admin && !ctx.is_system)
      return forbidden("only the broadcaster may do this");
    return std::nullopt;
  }
  std::optional<error> require_system() const {
    if (!ctx.is_system) return forbidden("internal command");
    return require_channel();
  }
  std::optional<error> require_caller() const {
    if (auto e = require_channel()) return e;
    if (ctx.caller.empty()) return error{error_code::unauthenticated, "log in first"};
    return std::nullopt;
  }

  channel_decision operator()(const go_live& c) const {
    if (auto e = require_owner()) return *e;
    if (s.live) return conflict("already live");
    if (auto r = check_text("title", c.title, kMaxTitle); !r) return std::move(r).err();
    if (auto r = check_text("category", c.category, kMaxCategory); !r) return std::move(r).err();
    return decision<channel_event>{stream_went_live{c.title, c.category}};
  }

  channel_decision operator()(const update_stream& c) const {
    if (auto e = require_owner()) return *e;
    if (!s.live) return conflict("not live");
    if (c.title)
      if (auto r = check_text("title", *c.title, kMaxTitle); !r) return std::move(r).err();
    if (c.category)
      if (auto r = check_text("category", *c.category, kMaxCategory); !r) return std::move(r).err();
    stream_updated u{c.title.value_or(s.title), c.category.value_or(s.category)};
    if (u.title == s.title && u.category == s.category) return decision<channel_event>{};
    return decision<channel_event>{std::move(u)};
  }

  channel_decision operator()(const go_offline&) const {
    if (auto e = require_owner()) return *e;
    if (!s.live) return conflict("not live");
    const std::int64_t duration = std::max<std::int64_t>(0, ctx.now_us - s.live_since_us);
    return decision<channel_event>{
        stream_went_offline{s.session_id, duration / kMicrosPerSecond, s.presence.peak}};
  }

  channel_decision operator()(const follow_channel&) const {
    if (auto e = require_caller()) return *e;
    if (ctx.caller == self) return invalid("cannot follow your own channel");
    if (s.owner.state.blocked.count(ctx.caller)) return forbidden("blocked by the broadcaster");
    if (s.followers.count(ctx.caller)) return decision<channel_event>{};
    return decision<channel_event>{follower_added{ctx.caller}};
  }

  channel_decision operator()(const unfollow_channel&) const {
    if (auto e = require_caller()) return *e;
    if (!s.followers.count(ctx.caller)) return decision<channel_event>{};
    return decision<channel_event>{follower_removed{ctx.caller}};
  }

  channel_decision operator()(const start_raid& c) const {
    if (auto e = require_owner()) return *e;
    if (!s.live) return conflict("raids start from a live channel");
    auto target = normalize_login(c.target);
    if (!target) return std::move(target).err();
    if (*target == self) return invalid("cannot raid your own channel");
    if (!s.pending_raids.empty()) return conflict("a raid is already in progress");
    return decision<channel_event>{
        raid_started{ctx.command_id.to_string(), *target, s.presence.viewers}};
  }

  channel_decision operator()(const receive_raid& c) const {
    if (auto e = require_system()) return *e;
    if (std::find(s.recent_incoming_raids.begin(), s.recent_incoming_raids.end(), c.raid_id) !=
        s.recent_incoming_raids.end())
      return decision<channel_event>{};
    if (!s.live) return conflict(std::string(self) + " is not live");
    if (s.owner.state.blocked.count(c.source)) return forbidden("blocked by the target");
    return decision<channel_event>{raid_received{c.raid_id, c.source, c.viewers}};
  }

  channel_decision operator()(const complete_raid& c) const {
    if (auto e = require_system()) return *e;
    auto it = s.pending_raids.find(c.raid_id);
    if (it == s.pending_raids.end()) return decision<channel_event>{};
    if (c.accepted)
      return decision<channel_event>{raid_sent{c.raid_id, it->second.target, it->second.viewers}};
    return decision<channel_event>{raid_cancelled{c.raid_id, it->second.target, c.reason}};
  }

  channel_decision operator()(const subscribe_channel& c) const {
    if (auto e = require_caller()) return *e;
    if (c.tier < 1 || c.tier > 3) return invalid("tier must be 1, 2 or 3");
    std::string user = ctx.caller;
    if (c.recipient) {
      auto r = normalize_login(*c.recipient);
      if (!r) return std::move(r).err();
      user = std::move(*r);
    }
    if (user == self) return invalid("cannot subscribe to your own channel");
    if (s.owner.state.blocked.count(ctx.caller) || s.owner.state.blocked.count(user))
      return forbidden("blocked by the broadcaster");
    subscription_added e;
    e.user = user;
    e.tier = c.tier;
    e.gifted = c.recipient.has_value();
    if (e.gifted) e.gifter = ctx.caller;
    std::int64_t from = ctx.now_us;
    if (auto it = s.subscribers.find(user); it != s.subscribers.end()) {
      e.cumulative_months = it->second.months + 1;
      from = std::max(from, it->second.expires_at_us);
    }
    e.expires_at_us = from + kSubscriptionPeriodUs;
    return decision<channel_event>{std::move(e)};
  }

  channel_decision operator()(const add_moderator& c) const {
    if (auto e = require_owner()) return *e;
    auto user = normalize_login(c.user);
    if (!user) return std::move(user).err();
    if (*user == self) return invalid("the broadcaster is already in charge");
    if (s.moderators.count(*user)) return decision<channel_event>{};
    return decision<channel_event>{moderator_added{*user}};
  }

  channel_decision operator()(const remove_moderator& c) const {
    if (auto e = require_owner()) return *e;
    auto user = normalize_login(c.user);
    if (!user) return std::move(user).err();
    if (!s.moderators.count(*user)) return decision<channel_event>{};
    return decision<channel_event>{moderator_removed{*user}};
  }

  channel_decision operator()(const sample_viewers&) const {
    if (auto e = require_system()) return *e;
    if (!s.live) return decision<channel_event>{};
    return decision<channel_event>{viewers_sampled{s.presence.viewers}};
  }
};

struct applier {
  channel_state& s;
  const event_meta& meta;

  void operator()(const follower_added& e) const { s.followers[e.user] = meta.timestamp_us; }
  void operator()(const follower_removed& e) const { s.followers.erase(e.user); }
  void operator()(const stream_went_live& e) const {
    s.live = true;
    s.title = e.title;
    s.category = e.category;
    s.session_id = meta.id.to_string();
    s.live_since_us = meta.timestamp_us;
    s.presence.peak = s.presence.viewers;
  }
  void operator()(const stream_updated& e) const {
    s.title = e.title;
    s.category = e.category;
  }
  void operator()(const stream_went_offline&) const {
    s.live = false;
    s.session_id.clear();
    s.live_since_us = 0;
  }
  void operator()(const viewers_sampled&) const {}
  void operator()(const raid_started& e) const {
    s.pending_raids[e.raid_id] = {e.target, e.viewers, event_id{}};
  }
  void operator()(const raid_sent& e) const { s.pending_raids.erase(e.raid_id); }
  void operator()(const raid_cancelled& e) const { s.pending_raids.erase(e.raid_id); }
  void operator()(const raid_received& e) const {
    s.recent_incoming_raids.push_back(e.raid_id);
    if (s.recent_incoming_raids.size() > kRecentRaids)
      s.recent_incoming_raids.erase(s.recent_incoming_raids.begin());
  }
  void operator()(const subscription_added& e) const {
    auto& sub = s.subscribers[e.user];
    sub.tier = e.tier;
    sub.expires_at_us = e.expires_at_us;
    sub.months = e.cumulative_months;
  }
  void operator()(const moderator_added& e) const { s.moderators.insert(e.user); }
  void operator()(const moderator_removed& e) const { s.moderators.erase(e.user); }
};

void send_raid(entity_effects& fx, std::string_view self, const std::string& raid_id,
               const channel_state::pending_raid& raid) {
  command_context ctx;
  ctx.is_system = true;
  if (auto id = event_id::parse(raid_id)) ctx.command_id = derive_event_id(*id, "raid.incoming");
  ctx.correlation_id = raid.correlation_id;
  fx.send_to_channel(raid.target, ctx, receive_raid{raid_id, std::string(self), raid.viewers},
                     [raid_id](const error* failure) -> std::optional<channel_command> {
                       if (failure && failure->code == error_code::unavailable)
                         return std::nullopt;  // Re-sent when the channel next recovers.
                       return complete_raid{raid_id, failure == nullptr,
                                            failure ? failure->message : std::string{}};
                     });
}

}  // namespace

bool channel_state::is_subscriber(std::string_view login, std::int64_t now_us) const {
  auto it = subscribers.find(std::string(login));
  return it != subscribers.end() && it->second.expires_at_us > now_us;
}

std::int64_t channel_state::followed_at(std::string_view login) const {
  auto it = followers.find(std::string(login));
  return it == followers.end() ? -1 : it->second;
}

bool operator==(const channel_state& a, const channel_state& b) {
  return a.owner == b.owner && a.live == b.live && a.title == b.title &&
         a.category == b.category && a.session_id == b.session_id &&
         a.live_since_us == b.live_since_us && a.followers == b.followers &&
         a.moderators == b.moderators && a.subscribers == b.subscribers &&
         a.pending_raids.size() == b.pending_raids.size() &&
         std::equal(a.pending_raids.begin(), a.pending_raids.end(), b.pending_raids.begin(),
                    [](const auto& x, const auto& y) {
                      return x.first == y.first && x.second.target == y.second.target &&
                             x.second.viewers == y.second.viewers;
                    }) &&
         a.recent_incoming_raids == b.recent_incoming_raids;
}

result<decision<channel_event>> channel_entity::decide(const state& s, std::string_view self,
                                                       const command_context& ctx,
                                                       const command& cmd) {
  return std::visit(decider{s, self, ctx}, cmd);
}

void channel_entity::apply(state& s, const event_meta& meta, const event& e) {
  std::visit(applier{s, meta}, e);
}

void channel_entity::after_commit(entity_effects& fx, const state& s, std::string_view self,
                                  const published_event_ptr& published,
                                  const event& e) {
  auto owner_only = [&] {
    return std::make_shared<const std::vector<std::string>>(1, std::string(self));
  };
  std::visit(
      [&](const auto& ev) {
        using E = std::decay_t<decltype(ev)>;
        if constexpr (std::is_same_v<E, stream_went_live>) {
          auto followers = std::make_shared<std::vector<std::string>>();
          followers->reserve(s.followers.size());
          for (const auto& [login, since] : s.followers) followers->push_back(login);
          fx.notify(std::move(followers), published);
        } else if constexpr (std::is_same_v<E, follower_added> ||
                             std::is_same_v<E, raid_received> ||
                             std::is_same_v<E, subscription_added>) {
          fx.notify(owner_only(), published);
        } else if constexpr (std::is_same_v<E, raid_started>) {
          auto raid = s.pending_raids.find(ev.raid_id);
          if (raid == s.pending_raids.end()) return;
          auto pending = raid->second;
          pending.correlation_id = published->envelope.correlation_id;
          send_raid(fx, self, ev.raid_id, pending);
        }
      },
      e);
}

void channel_entity::on_recovered(entity_effects& fx, const state& s, std::string_view self) {
  for (const auto& [raid_id, raid] : s.pending_raids) send_raid(fx, self, raid_id, raid);
}

namespace {

json channel_to_json(const channel_state& s) {
  json followers = json::object();
  for (const auto& [login, at] : s.followers) followers[login] = at;
  json subs = json::object();
  for (const auto& [login, sub] : s.subscribers)
    subs[login] = {{"tier", sub.tier}, {"expiresAtUs", sub.expires_at_us}, {"months", sub.months}};
  json raids = json::object();
  for (const auto& [id, raid] : s.pending_raids)
    raids[id] = {{"target", raid.target}, {"viewers", raid.viewers}};
  return {{"ownerVersion", s.owner.version},
          {"live", s.live},
          {"title", s.title},
          {"category", s.category},
          {"sessionId", s.session_id},
          {"liveSinceUs", s.live_since_us},
          {"followers", std::move(followers)},
          {"moderators", s.moderators},
          {"subscribers", std::move(subs)},
          {"pendingRaids", std::move(raids)},
          {"recentIncomingRaids", s.recent_incoming_raids}};
}

}  // namespace

std::string channel_entity::encode_state(const state& s) {
  json j = channel_to_json(s);
  j["owner"] = json::parse(user_entity::encode_state(s.owner.state));
  return j.dump();
}

std::string channel_entity::inspect_json(const state& s) {
  json j = channel_to_json(s);
  j["owner"] = json::parse(user_entity::inspect_json(s.owner.state));
  j["viewers"] = s.presence.viewers;
  j["peakViewers"] = s.presence.peak;
  return j.dump();
}

result<channel_state> channel_entity::decode_state(std::string_view text, std::uint32_t schema) {
  if (schema != snapshot_schema) return invalid("unknown channel snapshot schema");
  const json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return error{error_code::corrupt, "channel snapshot is not JSON"};
  try {
    channel_state s;
    auto owner = user_entity::decode_state(j.at("owner").dump(), user_entity::snapshot_schema);
    if (!owner) return std::move(owner).err();
    s.owner.state = std::move(*owner);
    s.owner.version = j.at("ownerVersion").get<event_number>();
    s.live = j.at("live").get<bool>();
    s.title = j.at("title").get<std::string>();
    s.category = j.at("category").get<std::string>();
    s.session_id = j.at("sessionId").get<std::string>();
    s.live_since_us = j.at("liveSinceUs").get<std::int64_t>();
    for (const auto& [login, at] : j.at("followers").items())
      s.followers[login] = at.get<std::int64_t>();
    s.moderators = j.at("moderators").get<std::set<std::string>>();
    for (const auto& [login, sub] : j.at("subscribers").items())
      s.subscribers[login] = {sub.at("tier").get<int>(), sub.at("expiresAtUs").get<std::int64_t>(),
                              sub.at("months").get<int>()};
    for (const auto& [id, raid] : j.at("pendingRaids").items())
      s.pending_raids[id] = {raid.at("target").get<std::string>(),
                             raid.at("viewers").get<std::uint64_t>(), event_id{}};
    s.recent_incoming_raids = j.at("recentIncomingRaids").get<std::vector<std::string>>();
    return s;
  } catch (const json::exception& ex) {
    return error{error_code::corrupt, std::string("channel snapshot: ") + ex.what()};
  }
}

}  // namespace streamhub::actors
