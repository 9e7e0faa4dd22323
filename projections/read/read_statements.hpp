#pragma once
// Names of the read side's prepared statements (SQL in read_statements.cpp)
// and the row decoders their queries share. Internal to projections/read.

#include <pqxx/result>

#include <optional>
#include <string>
#include <vector>

#include "projections/read/rows.hpp"

namespace streamhub::projections::read::statement {

inline constexpr const char* users_by_logins = "read_users_by_logins";
inline constexpr const char* channels_by_logins = "read_channels_by_logins";
inline constexpr const char* posts_by_ids = "read_posts_by_ids";
inline constexpr const char* moderators_of = "read_moderators_of";
inline constexpr const char* follows_of = "read_follows_of";
inline constexpr const char* active_subscriptions = "read_active_subscriptions";
inline constexpr const char* live_streams = "read_live_streams";
inline constexpr const char* live_streams_in_category = "read_live_streams_in_category";
inline constexpr const char* chat_history = "read_chat_history";
inline constexpr const char* followers = "read_followers";
inline constexpr const char* following = "read_following";
inline constexpr const char* notifications = "read_notifications";
inline constexpr const char* unread_notifications = "read_unread_notifications";
inline constexpr const char* home_timeline = "read_home_timeline";
inline constexpr const char* user_posts = "read_user_posts";
inline constexpr const char* stream_sessions = "read_stream_sessions";
inline constexpr const char* search = "read_search";

}  // namespace streamhub::projections::read::statement

namespace streamhub::projections::read {

/// Rows as the statements above select them (see their column lists).
user_row user_from(const pqxx::row& r);
channel_row channel_from(const pqxx::row& r);
post_row post_from(const pqxx::row& r);
follow_row follow_from(const pqxx::row& r);

/// A field that may be NULL (this libpqxx reads no std::optional itself).
template <class T>
std::optional<T> optional_field(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<T>();
}

/// The elements of a one-dimensional text[] field (NULLs left out).
std::vector<std::string> text_array_from(const pqxx::field& f);

}  // namespace streamhub::projections::read
