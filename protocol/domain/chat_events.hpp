#pragma once
// Events of a chat room stream (chat:<login>). A message's id is the id of its
// chat.message event.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace streamhub::domain {

struct chat_message_posted {
  static constexpr std::string_view type = "chat.message";
  static constexpr std::uint32_t schema_version = 1;
  std::string user;          ///< Sender login.
  std::string display_name;  ///< Sender's display name when sent.
  std::string text;
  std::optional<std::string> reply_to;  ///< Id of the message replied to.
  std::vector<std::string> badges;      ///< "broadcaster", "moderator", "subscriber"
  friend bool operator==(const chat_message_posted&, const chat_message_posted&) = default;
};

struct chat_message_deleted {
  static constexpr std::string_view type = "chat.message_deleted";
  static constexpr std::uint32_t schema_version = 1;
  std::string message_id;
  friend bool operator==(const chat_message_deleted&, const chat_message_deleted&) = default;
};

struct chat_cleared {
  static constexpr std::string_view type = "chat.cleared";
  static constexpr std::uint32_t schema_version = 1;
  friend bool operator==(const chat_cleared&, const chat_cleared&) = default;
};

struct user_timed_out {
  static constexpr std::string_view type = "chat.user_timed_out";
  static constexpr std::uint32_t schema_version = 1;
  std::string user;
  std::int64_t duration_s = 0;
  std::int64_t until_us = 0;
  std::string reason;
  friend bool operator==(const user_timed_out&, const user_timed_out&) = default;
};

struct user_banned {
  static constexpr std::string_view type = "chat.user_banned";
  static constexpr std::uint32_t schema_version = 1;
  std::string user;
  std::string reason;
  friend bool operator==(const user_banned&, const user_banned&) = default;
};

struct user_unbanned {
  static constexpr std::string_view type = "chat.user_unbanned";
  static constexpr std::uint32_t schema_version = 1;
  std::string user;
  friend bool operator==(const user_unbanned&, const user_unbanned&) = default;
};

struct chat_modes_changed {
  static constexpr std::string_view type = "chat.mode_changed";
  static constexpr std::uint32_t schema_version = 1;
  std::int64_t slow_mode_s = 0;  ///< 0: off.
  std::optional<std::int64_t> followers_only_min;  ///< Minimum follow age; nullopt: off.
  bool subscribers_only = false;
  bool emote_only = false;
  friend bool operator==(const chat_modes_changed&, const chat_modes_changed&) = default;
};

using chat_event = std::variant<chat_message_posted, chat_message_deleted, chat_cleared,
                                user_timed_out, user_banned, user_unbanned, chat_modes_changed>;

}  // namespace streamhub::domain
