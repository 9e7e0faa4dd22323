#pragma once
// Commands a chat room actor (chat:<login>) accepts.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

namespace streamhub::domain {

/// At most 500 characters of valid UTF-8 without control characters.
struct send_chat_message {
  std::string text;
  std::optional<std::string> reply_to;
};

/// Moderators and the owner.
struct delete_chat_message {
  std::string message_id;
};

/// Moderators and the owner.
struct clear_chat {};

/// Moderators and the owner; never against the owner, and moderators not
/// against moderators.
struct timeout_user {
  std::string user;
  std::int64_t duration_s = 600;
  std::string reason;
};

struct ban_user {
  std::string user;
  std::string reason;
};

struct unban_user {
  std::string user;
};

/// Moderators and the owner. Unset fields keep their current value.
struct set_chat_modes {
  std::optional<std::int64_t> slow_mode_s;
  /// -1 turns followers-only off; n >= 0 requires a follow at least n minutes old.
  std::optional<std::int64_t> followers_only_min;
  std::optional<bool> subscribers_only;
  std::optional<bool> emote_only;
};

using chat_command = std::variant<send_chat_message, delete_chat_message, clear_chat,
                                  timeout_user, ban_user, unban_user, set_chat_modes>;

}  // namespace streamhub::domain
