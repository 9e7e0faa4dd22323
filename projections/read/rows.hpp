#pragma once
// What the read side answers: plain rows of the read models, no libpqxx.
// Times are microseconds since the Unix epoch (UTC); ids of events (messages,
// posts, stream sessions) are canonical UUID text; logins are lower case
// unless named otherwise.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "protocol/event_envelope.hpp"

namespace streamhub::projections::read {

struct user_row {
  /// Lower case: the user's id.
  std::string login;
  /// As typed at registration.
  std::string login_as_typed;
  std::string display_name;
  std::string bio;
  /// Private: only for the user and admins.
  std::string email;
  bool is_admin = false;
  std::int64_t created_at_us = 0;
  std::int64_t follower_count = 0;
  std::int64_t following_count = 0;
};

struct channel_row {
  /// The owner's login.
  std::string login;
  bool live = false;
  /// The current stream's, else the last one's; none before the first.
  std::optional<std::string> title;
  std::optional<std::string> category;
  /// The current stream session (while live).
  std::optional<std::string> session_id;
  std::optional<std::int64_t> started_at_us;
  /// The latest sampled viewer count while live (stream.viewers); 0 offline.
  std::int64_t viewers = 0;
};

struct moderator_row {
  std::string channel;
  std::string login;
  std::int64_t added_at_us = 0;
};

struct follow_row {
  /// Who follows.
  std::string follower;
  /// Whom: the channel's login.
  std::string channel;
  std::int64_t followed_at_us = 0;
  log_position position = 0;
};

struct chat_message_row {
  /// The chat.message event's id.
  std::string id;
  std::string channel;
  /// The room's sequence number (the chat room's entity version).
  std::uint64_t sequence = 0;
  std::string sender;
  /// The sender's display name when sent.
  std::string display_name;
  std::string text;
  std::optional<std::string> reply_to;
  std::vector<std::string> badges;
  std::int64_t sent_at_us = 0;
  log_position position = 0;
};

enum class notification_kind : std::uint8_t { stream_live, new_follower, raid_incoming, new_subscription };

struct notification_row {
  std::string recipient;
  /// Log position of the event that caused it: with the recipient, its id.
  log_position position = 0;
  notification_kind kind = notification_kind::stream_live;
  std::string channel;
  /// The follower, raider or subscriber; none for stream_live.
  std::optional<std::string> actor;
  std::string text;
  std::int64_t created_at_us = 0;
  bool read = false;
};

struct post_row {
  /// The user.posted event's id.
  std::string id;
  std::string author;
  std::string text;
  std::int64_t created_at_us = 0;
  log_position position = 0;
};

struct stream_session_row {
  /// The stream.live event's id.
  std::string id;
  std::string channel;
  std::string title;
  std::string category;
  std::int64_t started_at_us = 0;
  /// None while live.
  std::optional<std::int64_t> ended_at_us;
  std::int64_t peak_viewers = 0;
  std::int64_t messages = 0;
  std::int64_t unique_chatters = 0;
  std::int64_t new_followers = 0;
  std::int64_t subscriptions = 0;
  /// Log position of the stream.live event.
  log_position position = 0;
};

struct subscription_row {
  std::string channel;
  std::string subscriber;
  int tier = 1;
  int cumulative_months = 1;
  std::int64_t expires_at_us = 0;
  bool gifted = false;
  std::optional<std::string> gifter;
};

/// One search result: a user, a channel or a post.
struct search_hit {
  std::variant<user_row, channel_row, post_row> node;
};

}  // namespace streamhub::projections::read
