#pragma once
// Events of a user stream (user:<login>). Each struct names its wire type and
// payload schema version; the payload codec is in protocol/domain/event_codec.hpp.
// Event ids double as the ids of what an event creates (a post's id is the id of
// its user.posted event).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace streamhub::domain {

struct user_registered {
  static constexpr std::string_view type = "user.registered";
  static constexpr std::uint32_t schema_version = 1;
  std::string login;  ///< As typed at registration; the stream id holds the lower-case form.
  std::string email;
  std::string display_name;
  std::string password_hash;  ///< argon2id PHC string; never leaves the server.
  friend bool operator==(const user_registered&, const user_registered&) = default;
};

struct profile_updated {
  static constexpr std::string_view type = "user.profile_updated";
  static constexpr std::uint32_t schema_version = 1;
  std::optional<std::string> display_name;
  std::optional<std::string> bio;
  friend bool operator==(const profile_updated&, const profile_updated&) = default;
};

struct user_blocked {
  static constexpr std::string_view type = "user.blocked";
  static constexpr std::uint32_t schema_version = 1;
  std::string target;  ///< Login of the blocked user.
  friend bool operator==(const user_blocked&, const user_blocked&) = default;
};

struct user_unblocked {
  static constexpr std::string_view type = "user.unblocked";
  static constexpr std::uint32_t schema_version = 1;
  std::string target;
  friend bool operator==(const user_unblocked&, const user_unblocked&) = default;
};

struct post_created {
  static constexpr std::string_view type = "user.posted";
  static constexpr std::uint32_t schema_version = 1;
  std::string text;
  friend bool operator==(const post_created&, const post_created&) = default;
};

struct post_deleted {
  static constexpr std::string_view type = "user.post_deleted";
  static constexpr std::uint32_t schema_version = 1;
  std::string post_id;  ///< Event id of the user.posted event.
  friend bool operator==(const post_deleted&, const post_deleted&) = default;
};

struct role_granted {
  static constexpr std::string_view type = "user.role_granted";
  static constexpr std::uint32_t schema_version = 1;
  std::string role;  ///< "admin"
  friend bool operator==(const role_granted&, const role_granted&) = default;
};

struct role_revoked {
  static constexpr std::string_view type = "user.role_revoked";
  static constexpr std::uint32_t schema_version = 1;
  std::string role;
  friend bool operator==(const role_revoked&, const role_revoked&) = default;
};

/// A refresh token was issued (at login, or by rotation of `replaces`).
struct refresh_token_issued {
  static constexpr std::string_view type = "user.refresh_token_issued";
  static constexpr std::uint32_t schema_version = 1;
  std::string token_hash;  ///< Hex SHA-256 of the opaque token.
  std::string family;      ///< Shared by every rotation of one login session.
  std::int64_t expires_at_us = 0;
  std::optional<std::string> replaces;  ///< Hash of the rotated token, now spent.
  friend bool operator==(const refresh_token_issued&, const refresh_token_issued&) = default;
};

/// Every token of a family is void: logout, or a spent token presented again.
struct refresh_family_revoked {
  static constexpr std::string_view type = "user.refresh_family_revoked";
  static constexpr std::uint32_t schema_version = 1;
  std::string family;
  std::string reason;  ///< "logout" | "reuse"
  friend bool operator==(const refresh_family_revoked&, const refresh_family_revoked&) = default;
};

/// Notifications caused by events up to this log position are read.
struct notifications_read {
  static constexpr std::string_view type = "user.notifications_read";
  static constexpr std::uint32_t schema_version = 1;
  std::uint64_t up_to_position = 0;
  friend bool operator==(const notifications_read&, const notifications_read&) = default;
};

using user_event =
    std::variant<user_registered, profile_updated, user_blocked, user_unblocked, post_created,
                 post_deleted, role_granted, role_revoked, refresh_token_issued,
                 refresh_family_revoked, notifications_read>;

}  // namespace streamhub::domain
