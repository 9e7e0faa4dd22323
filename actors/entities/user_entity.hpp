#pragma once
// The user aggregate: state rebuilt from a user:<login> stream, the rules its
// commands obey (decide) and how its events change it (apply). Pure code: the
// CAF shell that runs it is actors/runtime/entity_actor.hpp.
//
// Rules, checked in decide():
//  - register: once per login (conflict); the command's login must normalise
//    to this entity's login; email shaped like an address; display name 1-25
//    characters (default: the login as typed).
//  - everything else needs a registered user (not_found) and the user itself
//    as caller (forbidden), except roles (admins only) and the system.
//  - profile: display name 1-25, bio up to 300 characters; posts up to 280.
//  - blocks, roles and notification marks are idempotent (no event when
//    nothing changes).
//  - refresh tokens rotate: spending a token issues its successor; presenting
//    a spent token again revokes its family and fails (unauthenticated).

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <tuple>

#include "actors/entities/decision.hpp"
#include "protocol/domain/command_context.hpp"
#include "protocol/domain/entity_id.hpp"
#include "protocol/domain/user_commands.hpp"
#include "protocol/domain/user_events.hpp"

namespace streamhub::actors {

struct user_state {
  struct refresh_token {
    std::string family;
    std::int64_t expires_at_us = 0;
    bool spent = false;
    friend bool operator==(const refresh_token&, const refresh_token&) = default;
  };

  bool registered = false;
  std::string login;  ///< As typed at registration.
  std::string email;
  std::string display_name;
  std::string bio;
  std::string password_hash;
  std::int64_t created_at_us = 0;
  std::set<std::string> roles;
  std::set<std::string> blocked;
  std::set<std::string> posts;  ///< Ids of posts not deleted.
  std::map<std::string, refresh_token> refresh_tokens;  ///< By token hash.
  std::uint64_t notifications_read_up_to = 0;

  bool is_admin() const { return roles.count("admin") > 0; }
  friend bool operator==(const user_state&, const user_state&) = default;
};

struct user_entity {
  static constexpr domain::entity_kind kind = domain::entity_kind::user;
  using state = user_state;
  using command = domain::user_command;
  using event = domain::user_event;
  /// Other entities whose state this one keeps a replica of: none.
  using watches = std::tuple<>;

  /// `self` is this entity's (normalised) login.
  static result<decision<event>> decide(const state& s, std::string_view self,
                                        const domain::command_context& ctx, const command& cmd);
  static void apply(state& s, const event_meta& meta, const event& e);

  /// Snapshot encoding of the whole state (JSON), and its inverse.
  static constexpr std::uint32_t snapshot_schema = 1;
  static std::string encode_state(const state& s);
  static result<state> decode_state(std::string_view text, std::uint32_t schema);
  /// The state for operators (admin shell): secrets left out.
  static std::string inspect_json(const state& s);
};

}  // namespace streamhub::actors
