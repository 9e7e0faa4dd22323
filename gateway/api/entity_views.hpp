#pragma once
// What the API shows of entities: views copied out of actor state inside the
// actor (state_view is valid only during a read), and the references that
// GraphQL object values carry (a login, plus whatever the source already
// knew, e.g. a chat message knows its sender's display name).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "actors/entities/channel_entity.hpp"
#include "actors/entities/chat_entity.hpp"
#include "actors/entities/user_entity.hpp"

namespace streamhub::gateway::api {

struct user_view {
  bool exists = false;
  std::string id;  ///< Lower-case login.
  std::string login;
  std::string display_name;
  std::string bio;
  std::string email;
  std::int64_t created_at_us = 0;
  bool admin = false;
  std::vector<std::string> blocked;

  static user_view of(std::string_view id, const actors::user_state& s);
};

struct channel_view {
  bool exists = false;
  std::string id;
  bool live = false;
  std::string title;
  std::string category;
  std::int64_t started_at_us = 0;
  std::uint64_t viewers = 0;
  std::uint64_t followers = 0;
  std::vector<std::string> moderators;
  /// About the viewer who asked.
  bool viewer_follows = false;
  std::optional<actors::channel_state::subscription> viewer_subscription;

  static channel_view of(std::string_view id, const actors::channel_state& s,
                         std::string_view viewer, std::int64_t now_us);
};

struct chat_view {
  bool exists = false;
  std::string id;
  actors::chat_state::modes modes;

  static chat_view of(std::string_view id, const actors::chat_state& s);
};

/// A User object value: its login and, when known, its display name or full view.
struct user_ref {
  std::string id;
  std::optional<std::string> display_name;
  std::shared_ptr<const user_view> full;
};

/// A Channel object value.
struct channel_ref {
  std::string id;
  std::shared_ptr<const channel_view> full;
};

/// A ChatRoom object value.
struct chat_ref {
  std::string id;
  std::shared_ptr<const chat_view> full;
};

}  // namespace streamhub::gateway::api
