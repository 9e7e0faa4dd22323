// User, Channel and ChatRoom fields: from the entity actors' state, through
// the request's loaders (one read per entity per request).
#include "gateway/api/resolvers/bindings.hpp"
#include "gateway/api/resolvers/resolver_support.hpp"

namespace streamhub::gateway::api {

namespace {

using graphql::field_call;
using graphql::field_result;
using graphql::value;

const user_ref& user_of(const field_call& c) { return *c.parent().as<user_ref>(); }
const channel_ref& channel_of(const field_call& c) { return *c.parent().as<channel_ref>(); }
const chat_ref& chat_of(const field_call& c) { return *c.parent().as<chat_ref>(); }

// Binds a User field computed from the full view.
template <class Fn>
result<void> user_field(graphql::resolver_map& map, std::string_view field, Fn fn) {
  return map.bind("User", field, [fn](const field_call& c) -> field_result {
    const request_context* ctx = &context_of(c);
    return with_user(c, user_of(c), [fn, ctx](const user_view& u) -> field_result { return fn(*ctx, u); });
  });
}

template <class Fn>
result<void> channel_field(graphql::resolver_map& map, std::string_view field, Fn fn) {
  return map.bind("Channel", field, [fn](const field_call& c) -> field_result {
    const request_context* ctx = &context_of(c);
    return with_channel(c, channel_of(c),
                        [fn, ctx](const channel_view& v) -> field_result { return fn(*ctx, v); });
  });
}

template <class Fn>
result<void> chat_field(graphql::resolver_map& map, std::string_view field, Fn fn) {
  return map.bind("ChatRoom", field, [fn](const field_call& c) -> field_result {
    return with_chat(c, chat_of(c), [fn](const chat_view& v) -> field_result { return fn(v); });
  });
}

bool sees_private(const request_context& ctx, const user_view& u) {
  return ctx.viewer == u.id || ctx.viewer_is_admin;
}

value subscription_value(const std::string& channel, const std::string& subscriber,
                         const actors::channel_state::subscription& s) {
  graphql::property_object o;
  o.add("channel", channel_value(channel));
  o.add("subscriber", user_value(subscriber));
  o.add("tier", value(s.tier));
  o.add("cumulativeMonths", value(s.months));
  o.add("expiresAt", time_value(s.expires_at_us));
  return value::properties(std::move(o), "ChannelSubscription");
}

}  // namespace

result<void> bind_entity_fields(graphql::resolver_map& map) {
  const result<void> steps[] = {
      map.bind("User", "id", [](const field_call& c) -> field_result { return value::view(user_of(c).id); }),
      user_field(map, "login", [](const request_context&, const user_view& u) -> field_result { return value(u.login); }),
      map.bind("User", "displayName",
               [](const field_call& c) -> field_result {
                 const auto& ref = user_of(c);
                 if (ref.display_name) return value::view(*ref.display_name);
                 return with_user(c, ref, [](const user_view& u) -> field_result { return value(u.display_name); });
               }),
      user_field(map, "bio", [](const request_context&, const user_view& u) -> field_result { return value(u.bio); }),
      user_field(map, "createdAt",
                 [](const request_context&, const user_view& u) -> field_result { return time_value(u.created_at_us); }),
      user_field(map, "isAdmin", [](const request_context&, const user_view& u) -> field_result { return value(u.admin); }),
      user_field(map, "email",
                 [](const request_context& c, const user_view& u) -> field_result {
                   return sees_private(c, u) ? value(u.email) : value();
                 }),
      user_field(map, "blockedLogins",
                 [](const request_context& c, const user_view& u) -> field_result {
                   if (c.viewer != u.id) return value();
                   std::vector<value> out;
                   for (const auto& b : u.blocked) out.emplace_back(b);
                   return value::list(std::move(out));
                 }),
      map.bind("User", "channel",
               [](const field_call& c) -> field_result { return channel_value(user_of(c).id); }),
      map.bind("User", "followerCount",
               [](const field_call& c) -> field_result {
                 return with_channel(c, channel_ref{user_of(c).id, nullptr},
                                     [](const channel_view& v) -> field_result { return value(v.followers); });
               }),

      map.bind("Channel", "id", [](const field_call& c) -> field_result { return value::view(channel_of(c).id); }),
      map.bind("Channel", "owner", [](const field_call& c) -> field_result { return user_value(channel_of(c).id); }),
      map.bind("Channel", "chat", [](const field_call& c) -> field_result { return chat_room_value(channel_of(c).id); }),
      channel_field(map, "live", [](const request_context&, const channel_view& v) -> field_result { return value(v.live); }),
      channel_field(map, "title",
                    [](const request_context&, const channel_view& v) -> field_result {
                      return v.title.empty() ? value() : value(v.title);
                    }),
      channel_field(map, "category",
                    [](const request_context&, const channel_view& v) -> field_result {
                      return v.category.empty() ? value() : value(v.category);
                    }),
      channel_field(map, "startedAt",
                    [](const request_context&, const channel_view& v) -> field_result {
                      return v.live ? time_value(v.started_at_us) : value();
                    }),
      channel_field(map, "viewerCount",
                    [](const request_context&, const channel_view& v) -> field_result { return value(v.viewers); }),
      channel_field(map, "followerCount",
                    [](const request_context&, const channel_view& v) -> field_result { return value(v.followers); }),
      channel_field(map, "moderators",
                    [](const request_context&, const channel_view& v) -> field_result {
                      std::vector<value> out;
                      for (const auto& m : v.moderators) out.push_back(user_value(m));
                      return value::list(std::move(out));
                    }),
      channel_field(map, "viewerIsFollowing",
                    [](const request_context&, const channel_view& v) -> field_result { return value(v.viewer_follows); }),
      channel_field(map, "viewerSubscription",
                    [](const request_context& c, const channel_view& v) -> field_result {
                      if (!v.viewer_subscription) return value();
                      return subscription_value(v.id, c.viewer, *v.viewer_subscription);
                    }),

      map.bind("ChatRoom", "channel", [](const field_call& c) -> field_result { return channel_value(chat_of(c).id); }),
      chat_field(map, "slowModeSeconds", [](const chat_view& v) -> field_result { return value(v.modes.slow_mode_s); }),
      chat_field(map, "followersOnlyMinutes",
                 [](const chat_view& v) -> field_result {
                   return v.modes.followers_only_min < 0 ? value() : value(v.modes.followers_only_min);
                 }),
      chat_field(map, "subscribersOnly", [](const chat_view& v) -> field_result { return value(v.modes.subscribers_only); }),
      chat_field(map, "emoteOnly", [](const chat_view& v) -> field_result { return value(v.modes.emote_only); }),
  };
  for (const auto& step : steps)
    if (!step) return step;
  return {};
}

}  // namespace streamhub::gateway::api
