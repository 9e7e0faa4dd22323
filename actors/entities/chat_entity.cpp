#include "actors/entities/chat_entity.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "protocol/domain/emotes.hpp"
#include "protocol/domain/text_rules.hpp"

namespace streamhub::actors {

namespace {

using namespace domain;
using nlohmann::json;
using chat_decision = result<decision<chat_event>>;

constexpr std::int64_t kMaxTimeoutS = 14 * 24 * 3600;
constexpr std::int64_t kMaxSlowModeS = 3600;
constexpr std::int64_t kMaxFollowAgeMin = 90 * 24 * 60;
constexpr std::size_t kMaxReason = 500;
constexpr std::uint64_t kSweepEvery = 1024;

error forbidden(std::string msg) { return error{error_code::forbidden, std::move(msg)}; }
error invalid(std::string msg) { return error{error_code::invalid, std::move(msg)}; }

error limited(std::string msg, std::int64_t wait_us) {
  error e{error_code::rate_limited, std::move(msg)};
  e.retry_after = std::chrono::milliseconds((std::max<std::int64_t>(wait_us, 0) + 999) / 1000);
  return e;
}

struct decider {
  const chat_state& s;
  std::string_view self;
  const command_context& ctx;

  std::optional<error> require_room() const {
    if (!s.chan().owner_registered()) return error{error_code::not_found, "no chat " + std::string(self)};
    return std::nullopt;
  }
  bool privileged() const { return ctx.is_system || s.is_privileged(self, ctx.caller, ctx.caller_is_admin); }
  std::optional<error> require_privileged() const {
    if (auto e = require_room()) return e;
    if (!privileged()) return forbidden("only moderators may do this");
    return std::nullopt;
  }
  // Who may moderate `target`: never the owner; moderators only by the owner,
  // an admin or the system.
  result<std::string> moderation_target(std::string_view raw) const {
    auto target = normalize_login(raw);
    if (!target) return std::move(target).err();
    if (*target == self) return forbidden("the broadcaster cannot be moderated");
    const bool above_mods = ctx.caller == self || ctx.caller_is_admin || ctx.is_system;
    if (s.chan().is_moderator(*target) && !above_mods)
      return forbidden("moderators cannot moderate moderators");
    return target;
  }

  std::optional<error> check_sender() const {
    const auto& who = ctx.caller;
    if (s.bans.count(who)) return error{error_code::banned, "banned from this chat"};
    if (s.chan().owner.state.blocked.count(who)) return error{error_code::banned, "blocked by the broadcaster"};
    if (auto it = s.timeouts.find(who); it != s.timeouts.end() && it->second > ctx.now_us) {
      error e{error_code::banned, "timed out"};
      e.retry_after = std::chrono::milliseconds((it->second - ctx.now_us + 999) / 1000);
      return e;
    }
    return std::nullopt;
  }

  std::optional<error> check_modes_and_rate(std::string_view text) const {
    const bool priv = privileged();
    const auto sends = s.recent_sends.find(ctx.caller);
    if (!priv) {
      if (s.mode.subscribers_only && !s.chan().is_subscriber(ctx.caller, ctx.now_us))
        return forbidden("subscribers-only mode");
      if (s.mode.followers_only_min >= 0) {
        const std::int64_t since = s.chan().followed_at(ctx.caller);
        if (since < 0) return forbidden("followers-only mode");
        const std::int64_t need = s.mode.followers_only_min * 60 * kMicrosPerSecond;
        if (ctx.now_us - since < need) return forbidden("followers-only mode: follow age too short");
      }
      if (s.mode.emote_only && !is_emote_only(text)) return invalid("emote-only mode");
      if (s.mode.slow_mode_s > 0 && sends != s.recent_sends.end() && !sends->second.empty()) {
        const std::int64_t next = sends->second.back() + s.mode.slow_mode_s * kMicrosPerSecond;
        if (next > ctx.now_us) return limited("slow mode", next - ctx.now_us);
      }
    }
    if (sends != s.recent_sends.end()) {
      const std::size_t limit = priv ? chat_entity::kPrivilegedRate : chat_entity::kViewerRate;
      const std::int64_t window_start = ctx.now_us - chat_entity::kRateWindowUs;
      const auto& times = sends->second;
      const auto in_window = static_cast<std::size_t>(
          times.end() - std::upper_bound(times.begin(), times.end(), window_start));
      if (in_window >= limit) {
        // The message that frees a slot is the limit-th most recent one.
        const std::int64_t frees_at = times[times.size() - limit] + chat_entity::kRateWindowUs;
        return limited("too many messages", frees_at - ctx.now_us);
      }
    }
    return std::nullopt;
  }

  chat_decision operator()(const send_chat_message& c) const {
    if (auto e = require_room()) return *e;
    if (ctx.caller.empty()) return error{error_code::unauthenticated, "log in to chat"};
    if (auto r = check_text("text", c.text, chat_entity::kMaxMessage); !r) return std::move(r).err();
    if (c.reply_to && !event_id::parse(*c.reply_to)) return invalid("replyTo is not a message id");
    if (auto e = check_sender()) return *e;
    if (auto e = check_modes_and_rate(c.text)) return *e;
    chat_message_posted m;
    m.user = ctx.caller;
    m.display_name = ctx.caller_display_name.empty() ? ctx.caller : ctx.caller_display_name;
    m.text = c.text;
    m.reply_to = c.reply_to;
    if (ctx.caller == self) m.badges.emplace_back("broadcaster");
    if (s.chan().is_moderator(ctx.caller)) m.badges.emplace_back("moderator");
    if (s.chan().is_subscriber(ctx.caller, ctx.now_us)) m.badges.emplace_back("subscriber");
    return decision<chat_event>{std::move(m)};
  }

  chat_decision operator()(const delete_chat_message& c) const {
    if (auto e = require_privileged()) return *e;
    if (!s.recent_ids.count(c.message_id)) return error{error_code::not_found, "no recent message " + c.message_id};
    auto it = std::find_if(s.recent.begin(), s.recent.end(),
                           [&](const auto& m) { return m.id == c.message_id; });
    if (it != s.recent.end() && it->author == self && ctx.caller != self && !ctx.caller_is_admin)
      return forbidden("the broadcaster's messages stay");
    return decision<chat_event>{chat_message_deleted{c.message_id}};
  }

  chat_decision operator()(const clear_chat&) const {
    if (auto e = require_privileged()) return *e;
    return decision<chat_event>{chat_cleared{}};
  }

  chat_decision operator()(const timeout_user& c) const {
    if (auto e = require_privileged()) return *e;
    auto target = moderation_target(c.user);
    if (!target) return std::move(target).err();
    if (c.duration_s < 1 || c.duration_s > kMaxTimeoutS) return invalid("duration must be 1 s to 14 days");
    if (auto r = check_text("reason", c.reason, kMaxReason, false); !r) return std::move(r).err();
    return decision<chat_event>{
        user_timed_out{*target, c.duration_s, ctx.now_us + c.duration_s * kMicrosPerSecond, c.reason}};
  }

  chat_decision operator()(const ban_user& c) const {
    if (auto e = require_privileged()) return *e;
    auto target = moderation_target(c.user);
    if (!target) return std::move(target).err();
    if (auto r = check_text("reason", c.reason, kMaxReason, false); !r) return std::move(r).err();
    if (s.bans.count(*target)) return decision<chat_event>{};
    return decision<chat_event>{user_banned{*target, c.reason}};
  }

  chat_decision operator()(const unban_user& c) const {
    if (auto e = require_privileged()) return *e;
    auto target = normalize_login(c.user);
    if (!target) return std::move(target).err();
    auto t = s.timeouts.find(*target);
    const bool timed_out = t != s.timeouts.end() && t->second > ctx.now_us;
    if (!s.bans.count(*target) && !timed_out) return decision<chat_event>{};
    return decision<chat_event>{user_unbanned{*target}};
  }

  chat_decision operator()(const set_chat_modes& c) const {
    if (auto e = require_privileged()) return *e;
    chat_modes_changed m;
    m.slow_mode_s = c.slow_mode_s.value_or(s.mode.slow_mode_s);
    const std::int64_t followers = c.followers_only_min.value_or(s.mode.followers_only_min);
    m.subscribers_only = c.subscribers_only.value_or(s.mode.subscribers_only);
    m.emote_only = c.emote_only.value_or(s.mode.emote_only);
    if (m.slow_mode_s < 0 || m.slow_mode_s > kMaxSlowModeS) return invalid("slow mode must be 0 to 3600 s");
    if (followers < -1 || followers > kMaxFollowAgeMin) return invalid("followers-only age must be -1 (off) to 90 days");
    if (followers >= 0) m.followers_only_min = followers;
    if (m.slow_mode_s == s.mode.slow_mode_s && followers == s.mode.followers_only_min &&
        m.subscribers_only == s.mode.subscribers_only && m.emote_only == s.mode.emote_only)
      return decision<chat_event>{};
    return decision<chat_event>{std::move(m)};
  }
};

void forget_recent(chat_state& s, const std::string& id) {
  if (s.recent_ids.erase(id) == 0) return;
  auto it = std::find_if(s.recent.begin(), s.recent.end(), [&](const auto& m) { return m.id == id; });
  if (it != s.recent.end()) s.recent.erase(it);
}

struct applier {
  chat_state& s;
  const event_meta& meta;

  void operator()(const chat_message_posted& e) const {
    auto id = meta.id.to_string();
    s.recent_ids.insert(id);
    s.recent.push_back({std::move(id), e.user});
    if (s.recent.size() > chat_entity::kRecentMessages) {
      s.recent_ids.erase(s.recent.front().id);
      s.recent.pop_front();
    }
    const std::int64_t window_start = meta.timestamp_us - chat_entity::kRateWindowUs;
    auto& times = s.recent_sends[e.user];
    while (!times.empty() && (times.front() <= window_start || times.size() >= chat_entity::kPrivilegedRate))
      times.pop_front();
    times.push_back(meta.timestamp_us);
    // Forget chatters whose last message no longer matters: outside the rate
    // window, and older than the slow mode's spacing (which reads it).
    const std::int64_t forget_before =
        meta.timestamp_us - std::max(chat_entity::kRateWindowUs, s.mode.slow_mode_s * kMicrosPerSecond);
    if (++s.message_count % kSweepEvery == 0)
      std::erase_if(s.recent_sends, [&](const auto& kv) { return kv.second.back() <= forget_before; });
  }
  void operator()(const chat_message_deleted& e) const { forget_recent(s, e.message_id); }
  void operator()(const chat_cleared&) const {
    s.recent.clear();
    s.recent_ids.clear();
  }
  void operator()(const user_timed_out& e) const {
    std::erase_if(s.timeouts, [&](const auto& kv) { return kv.second <= meta.timestamp_us; });
    s.timeouts[e.user] = e.until_us;
  }
  void operator()(const user_banned& e) const {
    s.bans[e.user] = e.reason;
    s.timeouts.erase(e.user);
  }
  void operator()(const user_unbanned& e) const {
    s.bans.erase(e.user);
    s.timeouts.erase(e.user);
  }
  void operator()(const chat_modes_changed& e) const {
    s.mode.slow_mode_s = e.slow_mode_s;
    s.mode.followers_only_min = e.followers_only_min.value_or(-1);
    s.mode.subscribers_only = e.subscribers_only;
    s.mode.emote_only = e.emote_only;
  }
};

json chat_to_json(const chat_state& s, bool full) {
  json j = {{"channelVersion", s.channel.version},
            {"modes",
             {{"slowModeS", s.mode.slow_mode_s},
              {"followersOnlyMin", s.mode.followers_only_min},
              {"subscribersOnly", s.mode.subscribers_only},
              {"emoteOnly", s.mode.emote_only}}},
            {"bans", s.bans},
            {"timeouts", s.timeouts},
            {"messageCount", s.message_count}};
  if (full) {
    json recent = json::array();
    for (const auto& m : s.recent) recent.push_back({m.id, m.author});
    j["recent"] = std::move(recent);
    json sends = json::object();
    for (const auto& [login, times] : s.recent_sends) sends[login] = times;
    j["recentSends"] = std::move(sends);
  } else {
    j["recentMessages"] = s.recent.size();
    j["activeChatters"] = s.recent_sends.size();
  }
  return j;
}

}  // namespace

bool chat_state::is_privileged(std::string_view owner, std::string_view login,
                               bool is_admin) const {
  if (is_admin) return true;
  if (login.empty()) return false;
  return login == owner || chan().is_moderator(login);
}

result<decision<chat_event>> chat_entity::decide(const state& s, std::string_view self,
                                                 const command_context& ctx, const command& cmd) {
  return std::visit(decider{s, self, ctx}, cmd);
}

void chat_entity::apply(state& s, const event_meta& meta, const event& e) {
  std::visit(applier{s, meta}, e);
}

std::string chat_entity::encode_state(const state& s) {
  json j = chat_to_json(s, true);
  j["channel"] = json::parse(channel_entity::encode_state(s.channel.state));
  return j.dump();
}

std::string chat_entity::inspect_json(const state& s) {
  json j = chat_to_json(s, false);
  j["channel"] = json::parse(channel_entity::inspect_json(s.channel.state));
  return j.dump();
}

result<chat_state> chat_entity::decode_state(std::string_view text, std::uint32_t schema) {
  if (schema != snapshot_schema) return invalid("unknown chat snapshot schema");
  const json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return error{error_code::corrupt, "chat snapshot is not JSON"};
  try {
    chat_state s;
    auto channel = channel_entity::decode_state(j.at("channel").dump(), channel_entity::snapshot_schema);
    if (!channel) return std::move(channel).err();
    s.channel.state = std::move(*channel);
    s.channel.version = j.at("channelVersion").get<event_number>();
    const auto& m = j.at("modes");
    s.mode.slow_mode_s = m.at("slowModeS").get<std::int64_t>();
    s.mode.followers_only_min = m.at("followersOnlyMin").get<std::int64_t>();
    s.mode.subscribers_only = m.at("subscribersOnly").get<bool>();
    s.mode.emote_only = m.at("emoteOnly").get<bool>();
    s.bans = j.at("bans").get<std::map<std::string, std::string>>();
    s.timeouts = j.at("timeouts").get<std::map<std::string, std::int64_t>>();
    s.message_count = j.at("messageCount").get<std::uint64_t>();
    for (const auto& r : j.at("recent")) {
      s.recent.push_back({r.at(0).get<std::string>(), r.at(1).get<std::string>()});
      s.recent_ids.insert(s.recent.back().id);
    }
    for (const auto& [login, times] : j.at("recentSends").items())
      s.recent_sends[login] = times.get<std::deque<std::int64_t>>();
    return s;
  } catch (const json::exception& ex) {
    return error{error_code::corrupt, std::string("chat snapshot: ") + ex.what()};
  }
}

}  // namespace streamhub::actors
