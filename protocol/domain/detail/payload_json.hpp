#pragma once
// nlohmann_json bindings of the event payload structs, and for each struct a
// for_each_field(payload, fn) that calls fn(name, member) per member (the
// payload decoder's fast path binds through it). Included only by the
// codec's .cpp files, to keep nlohmann out of widely included headers.

#include <concepts>
#include <optional>
#include <string_view>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "protocol/domain/channel_events.hpp"
#include "protocol/domain/chat_events.hpp"
#include "protocol/domain/user_events.hpp"

namespace nlohmann {
template <class T>
struct adl_serializer<std::optional<T>> {
  static void to_json(json& j, const std::optional<T>& o) {
    if (o) j = *o;
    else j = nullptr;
  }
  static void from_json(const json& j, std::optional<T>& o) {
    if (j.is_null()) o.reset();
    else o = j.get<T>();
  }
};
}  // namespace nlohmann

// Defines the nlohmann bindings (missing members keep their defaults) and
// for_each_field of `Type` (const or not), from one list of its members.
#define STREAMHUB_PAYLOAD_FIELD(member) visit(std::string_view(#member), payload.member);
#define STREAMHUB_PAYLOAD(Type, ...)                                                      \
  NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Type, __VA_ARGS__)                     \
  template <class Payload, class Visit>                                                   \
    requires std::same_as<std::remove_const_t<Payload>, Type>                             \
  void for_each_field(Payload& payload, Visit&& visit) {                                  \
    NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(STREAMHUB_PAYLOAD_FIELD, __VA_ARGS__))      \
  }

namespace streamhub::domain {

STREAMHUB_PAYLOAD(user_registered, login, email, display_name, password_hash)
STREAMHUB_PAYLOAD(profile_updated, display_name, bio)
STREAMHUB_PAYLOAD(user_blocked, target)
STREAMHUB_PAYLOAD(user_unblocked, target)
STREAMHUB_PAYLOAD(post_created, text)
STREAMHUB_PAYLOAD(post_deleted, post_id)
STREAMHUB_PAYLOAD(role_granted, role)
STREAMHUB_PAYLOAD(role_revoked, role)
STREAMHUB_PAYLOAD(refresh_token_issued, token_hash, family, expires_at_us, replaces)
STREAMHUB_PAYLOAD(refresh_family_revoked, family, reason)
STREAMHUB_PAYLOAD(notifications_read, up_to_position)

STREAMHUB_PAYLOAD(follower_added, user)
STREAMHUB_PAYLOAD(follower_removed, user)
STREAMHUB_PAYLOAD(stream_went_live, title, category)
STREAMHUB_PAYLOAD(stream_updated, title, category)
STREAMHUB_PAYLOAD(stream_went_offline, session_id, duration_s, peak_viewers)
STREAMHUB_PAYLOAD(viewers_sampled, viewers)
STREAMHUB_PAYLOAD(raid_started, raid_id, target, viewers)
STREAMHUB_PAYLOAD(raid_sent, raid_id, target, viewers)
STREAMHUB_PAYLOAD(raid_cancelled, raid_id, target, reason)
STREAMHUB_PAYLOAD(raid_received, raid_id, source, viewers)
STREAMHUB_PAYLOAD(subscription_added, user, tier, gifted, gifter, cumulative_months, expires_at_us)
STREAMHUB_PAYLOAD(moderator_added, user)
STREAMHUB_PAYLOAD(moderator_removed, user)

STREAMHUB_PAYLOAD(chat_message_posted, user, display_name, text, reply_to, badges)
STREAMHUB_PAYLOAD(chat_message_deleted, message_id)
inline void to_json(nlohmann::json& j, const chat_cleared&) { j = nlohmann::json::object(); }
inline void from_json(const nlohmann::json&, chat_cleared&) {}
template <class Payload, class Visit>
  requires std::same_as<std::remove_const_t<Payload>, chat_cleared>
void for_each_field(Payload&, Visit&&) {}
STREAMHUB_PAYLOAD(user_timed_out, user, duration_s, until_us, reason)
STREAMHUB_PAYLOAD(user_banned, user, reason)
STREAMHUB_PAYLOAD(user_unbanned, user)
STREAMHUB_PAYLOAD(chat_modes_changed, slow_mode_s, followers_only_min, subscribers_only, emote_only)

}  // namespace streamhub::domain

#undef STREAMHUB_PAYLOAD
#undef STREAMHUB_PAYLOAD_FIELD
