#pragma once
// nlohmann_json bindings of the event payload structs. Included only by the
// codec's .cpp files, to keep nlohmann out of widely included headers.

#include <optional>

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

namespace streamhub::domain {

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(user_registered, login, email, display_name,
                                                password_hash)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(profile_updated, display_name, bio)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(user_blocked, target)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(user_unblocked, target)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(post_created, text)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(post_deleted, post_id)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(role_granted, role)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(role_revoked, role)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(refresh_token_issued, token_hash, family,
                                                expires_at_us, replaces)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(refresh_family_revoked, family, reason)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(notifications_read, up_to_position)

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(follower_added, user)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(follower_removed, user)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(stream_went_live, title, category)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(stream_updated, title, category)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(stream_went_offline, session_id, duration_s,
                                                peak_viewers)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(viewers_sampled, viewers)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(raid_started, raid_id, target, viewers)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(raid_sent, raid_id, target, viewers)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(raid_cancelled, raid_id, target, reason)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(raid_received, raid_id, source, viewers)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(subscription_added, user, tier, gifted, gifter,
                                                cumulative_months, expires_at_us)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(moderator_added, user)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(moderator_removed, user)

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(chat_message_posted, user, display_name, text,
                                                reply_to, badges)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(chat_message_deleted, message_id)
inline void to_json(nlohmann::json& j, const chat_cleared&) { j = nlohmann::json::object(); }
inline void from_json(const nlohmann::json&, chat_cleared&) {}
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(user_timed_out, user, duration_s, until_us, reason)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(user_banned, user, reason)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(user_unbanned, user)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(chat_modes_changed, slow_mode_s,
                                                followers_only_min, subscribers_only, emote_only)

}  // namespace streamhub::domain
