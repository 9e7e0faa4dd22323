#include "gateway/api/values.hpp"

#include <charconv>

#include "protocol/event_json.hpp"

namespace streamhub::gateway::api {

using graphql::property_object;
using graphql::value;

value user_value(user_ref ref) {
  return value::object(std::make_shared<const user_ref>(std::move(ref)), "User");
}
value user_value(std::string id) { return user_value(user_ref{std::move(id), std::nullopt, nullptr}); }

value channel_value(std::string id) {
  return value::object(std::make_shared<const channel_ref>(channel_ref{std::move(id), nullptr}),
                       "Channel");
}
value channel_value(std::shared_ptr<const channel_view> view) {
  auto id = view->id;
  return value::object(std::make_shared<const channel_ref>(channel_ref{std::move(id), std::move(view)}),
                       "Channel");
}
value chat_room_value(std::string id) {
  return value::object(std::make_shared<const chat_ref>(chat_ref{std::move(id), nullptr}), "ChatRoom");
}
value chat_room_value(std::shared_ptr<const chat_view> view) {
  auto id = view->id;
  return value::object(std::make_shared<const chat_ref>(chat_ref{std::move(id), std::move(view)}),
                       "ChatRoom");
}

value time_value(std::int64_t us) { return value(format_timestamp_us(us)); }

std::string cursor_of(std::uint64_t version) { return std::to_string(version); }

std::optional<std::uint64_t> parse_cursor(std::string_view cursor) {
  std::uint64_t v = 0;
  const auto* end = cursor.data() + cursor.size();
  auto [p, ec] = std::from_chars(cursor.data(), end, v);
  if (ec != std::errc{} || p != end || cursor.empty()) return std::nullopt;
  return v;
}

namespace {

std::string login_of_stream(const std::string& stream_id) {
  return stream_id.substr(stream_id.find(':') + 1);
}

// The fields every delivered event has: id, sequence, cursor.
property_object event_base(const event_envelope& env) {
  property_object o;
  o.add("id", value(env.id.to_string()));
  o.add("sequence", value(env.version));
  o.add("cursor", value(cursor_of(env.version)));
  return o;
}

value typed(property_object o, std::string_view type) {
  return value::properties(std::move(o), type);
}

struct chat_visitor {
  const event_envelope& env;
  value operator()(const domain::chat_message_posted& e) const {
    auto o = event_base(env);
    o.add("channel", channel_value(login_of_stream(env.stream_id)));
    o.add("sender", user_value(user_ref{e.user, e.display_name, nullptr}));
    o.add("displayName", value(e.display_name));
    o.add("text", value(e.text));
    o.add("replyTo", e.reply_to ? value(*e.reply_to) : value());
    std::vector<value> badges;
    for (const auto& b : e.badges) badges.emplace_back(b);
    o.add("badges", value::list(std::move(badges)));
    o.add("sentAt", time_value(env.timestamp_us));
    return typed(std::move(o), "ChatMessage");
  }
  value operator()(const domain::chat_message_deleted& e) const {
    auto o = event_base(env);
    o.add("messageId", value(e.message_id));
    return typed(std::move(o), "ChatMessageDeleted");
  }
  value operator()(const domain::chat_cleared&) const { return typed(event_base(env), "ChatCleared"); }
  value operator()(const domain::user_timed_out& e) const {
    auto o = event_base(env);
    o.add("login", value(e.user));
    o.add("until", time_value(e.until_us));
    o.add("reason", value(e.reason));
    return typed(std::move(o), "UserTimedOut");
  }
  value operator()(const domain::user_banned& e) const {
    auto o = event_base(env);
    o.add("login", value(e.user));
    o.add("reason", value(e.reason));
    return typed(std::move(o), "UserBanned");
  }
  value operator()(const domain::user_unbanned& e) const {
    auto o = event_base(env);
    o.add("login", value(e.user));
    return typed(std::move(o), "UserUnbanned");
  }
  value operator()(const domain::chat_modes_changed&) const {
    auto o = event_base(env);
    o.add("room", chat_room_value(login_of_stream(env.stream_id)));
    return typed(std::move(o), "ChatModesChanged");
  }
};

struct stream_visitor {
  const event_envelope& env;
  property_object base() const {
    auto o = event_base(env);
    o.add("at", time_value(env.timestamp_us));
    return o;
  }
  value operator()(const domain::stream_went_live& e) const {
    auto o = base();
    o.add("title", value(e.title));
    o.add("category", value(e.category));
    return typed(std::move(o), "StreamWentLive");
  }
  value operator()(const domain::stream_updated& e) const {
    auto o = base();
    o.add("title", value(e.title));
    o.add("category", value(e.category));
    return typed(std::move(o), "StreamUpdated");
  }
  value operator()(const domain::stream_went_offline& e) const {
    auto o = base();
    o.add("durationSeconds", value(e.duration_s));
    o.add("peakViewers", value(e.peak_viewers));
    return typed(std::move(o), "StreamWentOffline");
  }
  value operator()(const domain::follower_added& e) const {
    auto o = base();
    o.add("follower", user_value(e.user));
    return typed(std::move(o), "NewFollower");
  }
  value operator()(const domain::raid_received& e) const {
    auto o = base();
    o.add("from", channel_value(e.source));
    o.add("viewers", value(e.viewers));
    return typed(std::move(o), "RaidIncoming");
  }
  value operator()(const domain::raid_sent& e) const {
    auto o = base();
    o.add("to", channel_value(e.target));
    o.add("viewers", value(e.viewers));
    return typed(std::move(o), "RaidOutgoing");
  }
  value operator()(const domain::subscription_added& e) const {
    auto o = base();
    o.add("subscriber", user_value(e.user));
    o.add("tier", value(e.tier));
    o.add("gifted", value(e.gifted));
    o.add("gifter", e.gifter ? user_value(*e.gifter) : value());
    o.add("cumulativeMonths", value(e.cumulative_months));
    return typed(std::move(o), "NewSubscription");
  }
  template <class Other>
  value operator()(const Other&) const {
    return value();
  }
};

}  // namespace

value chat_event_value(const actors::published_event& event) {
  const auto* chat = std::get_if<domain::chat_event>(&event.event);
  if (!chat) return value();
  return std::visit(chat_visitor{event.envelope}, *chat);
}

value stream_event_value(const actors::published_event& event) {
  const auto* channel = std::get_if<domain::channel_event>(&event.event);
  if (!channel) return value();
  return std::visit(stream_visitor{event.envelope}, *channel);
}

}  // namespace streamhub::gateway::api
