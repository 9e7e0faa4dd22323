#pragma once
// Commands a user actor (user:<login>) accepts.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

namespace streamhub::domain {

/// Creates the account. The password is hashed by the caller (argon2id).
struct register_user {
  std::string login;
  std::string email;
  std::string display_name;  ///< Empty: the login as typed.
  std::string password_hash;
};

struct update_profile {
  std::optional<std::string> display_name;
  std::optional<std::string> bio;
};

struct block_user {
  std::string target;
};

struct unblock_user {
  std::string target;
};

/// A short post (at most 280 characters) for the followers' home timelines.
struct create_post {
  std::string text;
};

struct delete_post {
  std::string post_id;
};

/// Admin only.
struct grant_role {
  std::string role;
};

/// Admin only.
struct revoke_role {
  std::string role;
};

/// Records a new login session's first refresh token.
struct issue_refresh_token {
  std::string token_hash;
  std::string family;
  std::int64_t expires_at_us = 0;
};

/// Spends `old_hash` and issues `new_hash` in its family. Presenting a spent
/// token revokes the whole family (stolen token) and fails.
struct rotate_refresh_token {
  std::string old_hash;
  std::string new_hash;
  std::int64_t expires_at_us = 0;
};

/// Logout: every token of the family containing `token_hash` becomes void.
struct revoke_refresh_token {
  std::string token_hash;
};

struct mark_notifications_read {
  std::uint64_t up_to_position = 0;
};

using user_command =
    std::variant<register_user, update_profile, block_user, unblock_user, create_post, delete_post,
                 grant_role, revoke_role, issue_refresh_token, rotate_refresh_token,
                 revoke_refresh_token, mark_notifications_read>;

}  // namespace streamhub::domain
