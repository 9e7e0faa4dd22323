#pragma once
// Entity ids name the streams of the log and the actors that own them:
//
//   user:<login>      a user account (profile, blocks, posts, roles, sessions)
//   channel:<login>   the user's channel: live status, followers, raids, subs
//   chat:<login>      the channel's chat room
//
// <login> is the normalised (lower-case) login, so one login maps to exactly
// one stream of each kind and uniqueness of logins is enforced by the log
// itself (registering appends to user:<login> expecting no_stream).

#include <optional>
#include <string>
#include <string_view>

#include "protocol/error.hpp"

namespace streamhub::domain {

enum class entity_kind : unsigned char { user, channel, chat };

struct entity_id {
  entity_kind kind = entity_kind::user;
  std::string login;

  /// "user:alice", "channel:alice", "chat:alice".
  std::string str() const;
  friend bool operator==(const entity_id&, const entity_id&) = default;
};

/// Parses "kind:login"; nullopt for an unknown kind or an invalid login.
std::optional<entity_id> parse_entity_id(std::string_view text);

std::string user_stream(std::string_view login);
std::string channel_stream(std::string_view login);
std::string chat_stream(std::string_view login);

/// The kind's prefix: "user", "channel", "chat".
std::string_view to_string(entity_kind kind) noexcept;

/// Logins: 3 to 25 characters of [A-Za-z0-9_], not starting with '_'.
/// Returns the lower-case form, or `invalid` saying what is wrong.
result<std::string> normalize_login(std::string_view login);

}  // namespace streamhub::domain
