#include "actors/entities/user_entity.hpp"

#include <nlohmann/json.hpp>

#include "protocol/domain/text_rules.hpp"

namespace streamhub::actors {

namespace {

using namespace domain;
using nlohmann::json;

constexpr std::size_t kMaxDisplayName = 25;
constexpr std::size_t kMaxBio = 300;
constexpr std::size_t kMaxPost = 280;
constexpr std::size_t kMaxEmail = 254;

error forbidden(std::string msg) { return error{error_code::forbidden, std::move(msg)}; }
error invalid(std::string msg) { return error{error_code::invalid, std::move(msg)}; }
error unauthenticated(std::string msg) { return error{error_code::unauthenticated, std::move(msg)}; }

result<void> check_email(std::string_view email) {
  const auto at = email.find('@');
  if (email.size() > kMaxEmail || at == std::string_view::npos || at == 0 ||
      at + 1 >= email.size() || email.find('@', at + 1) != std::string_view::npos ||
      email.find_first_of(" \t\r\n<>\"") != std::string_view::npos || !is_valid_utf8(email))
    return invalid("email is not a valid address");
  return {};
}

using user_decision = result<decision<user_event>>;

struct decider {
  const user_state& s;
  std::string_view self;
  const command_context& ctx;

  bool caller_is_self() const { return ctx.caller == self; }

  // Common gate for everything but registration.
  std::optional<error> require_owner() const {
    if (!s.registered) return error{error_code::not_found, "no user " + std::string(self)};
    if (!caller_is_self() && !ctx.is_system) return forbidden("only the user may do this");
    return std::nullopt;
  }

  user_decision operator()(const register_user& c) const {
    auto login = normalize_login(c.login);
    if (!login) return std::move(login).err();
    if (*login != self) return invalid("login does not match the user");
    if (s.registered) return error{error_code::conflict, "login already taken"};
    if (auto r = check_email(c.email); !r) return std::move(r).err();
    std::string display = c.display_name.empty() ? c.login : c.display_name;
    if (auto r = check_text("displayName", display, kMaxDisplayName); !r) return std::move(r).err();
    if (c.password_hash.empty()) return invalid("password hash missing");
    return decision<user_event>{user_registered{c.login, c.email, display, c.password_hash}};
  }

  user_decision operator()(const update_profile& c) const {
    if (auto e = require_owner()) return *e;
    if (c.display_name)
      if (auto r = check_text("displayName", *c.display_name, kMaxDisplayName); !r)
        return std::move(r).err();
    if (c.bio)
      if (auto r = check_text("bio", *c.bio, kMaxBio, /*required=*/false, /*allow_newlines=*/true);
          !r)
        return std::move(r).err();
    const bool changes = (c.display_name && *c.display_name != s.display_name) ||
                         (c.bio && *c.bio != s.bio);
    if (!changes) return decision<user_event>{};
    return decision<user_event>{profile_updated{c.display_name, c.bio}};
  }

  user_decision operator()(const block_user& c) const {
    if (auto e = require_owner()) return *e;
    auto target = normalize_login(c.target);
    if (!target) return std::move(target).err();
    if (*target == self) return invalid("cannot block yourself");
    if (s.blocked.count(*target)) return decision<user_event>{};
    return decision<user_event>{user_blocked{*target}};
  }

  user_decision operator()(const unblock_user& c) const {
    if (auto e = require_owner()) return *e;
    auto target = normalize_login(c.target);
    if (!target) return std::move(target).err();
    if (!s.blocked.count(*target)) return decision<user_event>{};
    return decision<user_event>{user_unblocked{*target}};
  }

  user_decision operator()(const create_post& c) const {
    if (auto e = require_owner()) return *e;
    if (auto r = check_text("text", c.text, kMaxPost, true, /*allow_newlines=*/true); !r)
      return std::move(r).err();
    return decision<user_event>{post_created{c.text}};
  }

  user_decision operator()(const delete_post& c) const {
    if (!s.registered) return error{error_code::not_found, "no user " + std::string(self)};
    if (!caller_is_self() && !ctx.caller_is_admin && !ctx.is_system)
      return forbidden("only the author or an admin may delete a post");
    if (!s.posts.count(c.post_id)) return error{error_code::not_found, "no post " + c.post_id};
    return decision<user_event>{post_deleted{c.post_id}};
  }

  user_decision operator()(const grant_role& c) const {
    if (!s.registered) return error{error_code::not_found, "no user " + std::string(self)};
    if (!ctx.caller_is_admin && !ctx.is_system) return forbidden("only an admin may grant roles");
    if (c.role != "admin") return invalid("unknown role " + c.role);
    if (s.roles.count(c.role)) return decision<user_event>{};
    return decision<user_event>{role_granted{c.role}};
  }

  user_decision operator()(const revoke_role& c) const {
    if (!s.registered) return error{error_code::not_found, "no user " + std::string(self)};
    if (!ctx.caller_is_admin && !ctx.is_system) return forbidden("only an admin may revoke roles");
    if (!s.roles.count(c.role)) return decision<user_event>{};
    return decision<user_event>{role_revoked{c.role}};
  }

  user_decision operator()(const issue_refresh_token& c) const {
    if (auto e = require_owner()) return *e;
    if (c.token_hash.empty() || c.family.empty()) return invalid("token hash and family required");
    if (s.refresh_tokens.count(c.token_hash)) return error{error_code::conflict, "token exists"};
    return decision<user_event>{refresh_token_issued{c.token_hash, c.family, c.expires_at_us, {}}};
  }

  user_decision operator()(const rotate_refresh_token& c) const {
    if (!s.registered) return error{error_code::not_found, "no user " + std::string(self)};
    if (!caller_is_self() && !ctx.is_system) return forbidden("only the user may do this");
    auto it = s.refresh_tokens.find(c.old_hash);
    if (it == s.refresh_tokens.end()) return unauthenticated("unknown refresh token");
    if (it->second.spent) {
      decision<user_event> d{refresh_family_revoked{it->second.family, "reuse"}};
      d.error_after_commit = unauthenticated("refresh token reused; session revoked");
      return d;
    }
    if (it->second.expires_at_us <= ctx.now_us) return unauthenticated("refresh token expired");
    return decision<user_event>{
        refresh_token_issued{c.new_hash, it->second.family, c.expires_at_us, c.old_hash}};
  }

  user_decision operator()(const revoke_refresh_token& c) const {
    if (auto e = require_owner()) return *e;
    auto it = s.refresh_tokens.find(c.token_hash);
    if (it == s.refresh_tokens.end()) return decision<user_event>{};
    return decision<user_event>{refresh_family_revoked{it->second.family, "logout"}};
  }

  user_decision operator()(const mark_notifications_read& c) const {
    if (auto e = require_owner()) return *e;
    if (c.up_to_position <= s.notifications_read_up_to) return decision<user_event>{};
    return decision<user_event>{notifications_read{c.up_to_position}};
  }
};

struct applier {
  user_state& s;
  const event_meta& meta;

  void operator()(const user_registered& e) const {
    s.registered = true;
    s.login = e.login;
    s.email = e.email;
    s.display_name = e.display_name;
    s.password_hash = e.password_hash;
    s.created_at_us = meta.timestamp_us;
  }
  void operator()(const profile_updated& e) const {
    if (e.display_name) s.display_name = *e.display_name;
    if (e.bio) s.bio = *e.bio;
  }
  void operator()(const user_blocked& e) const { s.blocked.insert(e.target); }
  void operator()(const user_unblocked& e) const { s.blocked.erase(e.target); }
  void operator()(const post_created&) const { s.posts.insert(meta.id.to_string()); }
  void operator()(const post_deleted& e) const { s.posts.erase(e.post_id); }
  void operator()(const role_granted& e) const { s.roles.insert(e.role); }
  void operator()(const role_revoked& e) const { s.roles.erase(e.role); }
  void operator()(const refresh_token_issued& e) const {
    // Expired tokens are forgotten as time passes, bounding the state.
    std::erase_if(s.refresh_tokens,
                  [&](const auto& kv) { return kv.second.expires_at_us <= meta.timestamp_us; });
    if (e.replaces) {
      auto it = s.refresh_tokens.find(*e.replaces);
      if (it != s.refresh_tokens.end()) it->second.spent = true;
    }
    s.refresh_tokens[e.token_hash] = {e.family, e.expires_at_us, false};
  }
  void operator()(const refresh_family_revoked& e) const {
    std::erase_if(s.refresh_tokens, [&](const auto& kv) { return kv.second.family == e.family; });
  }
  void operator()(const notifications_read& e) const {
    s.notifications_read_up_to = std::max(s.notifications_read_up_to, e.up_to_position);
  }
};

json state_to_json(const user_state& s, bool with_secrets) {
  json j = {{"registered", s.registered},
            {"login", s.login},
            {"email", s.email},
            {"displayName", s.display_name},
            {"bio", s.bio},
            {"createdAtUs", s.created_at_us},
            {"roles", s.roles},
            {"blocked", s.blocked},
            {"posts", s.posts},
            {"notificationsReadUpTo", s.notifications_read_up_to}};
  if (with_secrets) {
    j["passwordHash"] = s.password_hash;
    json tokens = json::object();
    for (const auto& [hash, t] : s.refresh_tokens)
      tokens[hash] = {{"family", t.family}, {"expiresAtUs", t.expires_at_us}, {"spent", t.spent}};
    j["refreshTokens"] = std::move(tokens);
  } else {
    j["activeSessions"] = s.refresh_tokens.size();
  }
  return j;
}

}  // namespace

result<decision<user_event>> user_entity::decide(const state& s, std::string_view self,
                                                 const command_context& ctx, const command& cmd) {
  return std::visit(decider{s, self, ctx}, cmd);
}

void user_entity::apply(state& s, const event_meta& meta, const event& e) {
  std::visit(applier{s, meta}, e);
}

std::string user_entity::encode_state(const state& s) { return state_to_json(s, true).dump(); }

std::string user_entity::inspect_json(const state& s) { return state_to_json(s, false).dump(); }

result<user_state> user_entity::decode_state(std::string_view text, std::uint32_t schema) {
  if (schema != snapshot_schema) return invalid("unknown user snapshot schema");
  const json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return error{error_code::corrupt, "user snapshot is not JSON"};
  try {
    user_state s;
    s.registered = j.at("registered").get<bool>();
    s.login = j.at("login").get<std::string>();
    s.email = j.at("email").get<std::string>();
    s.display_name = j.at("displayName").get<std::string>();
    s.bio = j.at("bio").get<std::string>();
    s.created_at_us = j.at("createdAtUs").get<std::int64_t>();
    s.roles = j.at("roles").get<std::set<std::string>>();
    s.blocked = j.at("blocked").get<std::set<std::string>>();
    s.posts = j.at("posts").get<std::set<std::string>>();
    s.notifications_read_up_to = j.at("notificationsReadUpTo").get<std::uint64_t>();
    s.password_hash = j.at("passwordHash").get<std::string>();
    for (const auto& [hash, t] : j.at("refreshTokens").items())
      s.refresh_tokens[hash] = {t.at("family").get<std::string>(),
                                t.at("expiresAtUs").get<std::int64_t>(),
                                t.at("spent").get<bool>()};
    return s;
  } catch (const json::exception& ex) {
    return error{error_code::corrupt, std::string("user snapshot: ") + ex.what()};
  }
}

}  // namespace streamhub::actors
