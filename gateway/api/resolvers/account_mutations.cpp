// register, login, refreshToken, logout. Passwords are hashed and checked
// on the password hasher's workers (argon2id takes tens of milliseconds),
// never on an I/O or actor thread. A refresh token is "<login>.<secret>":
// the login routes it to its user actor, which stores only the secret's
// SHA-256 and rotates it on every use.
#include <algorithm>

#include "gateway/api/resolvers/bindings.hpp"
#include "gateway/api/resolvers/resolver_support.hpp"
#include "gateway/auth/jwt.hpp"
#include "gateway/auth/password_hash.hpp"
#include "gateway/auth/password_hasher.hpp"
#include "gateway/auth/refresh_token.hpp"
#include "protocol/domain/text_rules.hpp"

namespace streamhub::gateway::api {

namespace {

using graphql::completer;
using graphql::field_call;
using graphql::field_result;
using graphql::value;

constexpr std::size_t kMaxPassword = 128;

// What a session is issued for.
struct session_owner {
  std::string login;  // lower case
  std::string display_name;
  bool admin = false;
};

graphql::field_error wrong_credentials() {
  return graphql::field_error("wrong login or password", "UNAUTHENTICATED");
}

// Signs an access token and answers the AuthPayload.
void answer_session(const request_context& ctx, const session_owner& owner,
                    const std::string& refresh_token, const completer& done) {
  const auto& tokens = *ctx.services.tokens;
  std::vector<std::string> roles;
  if (owner.admin) roles.emplace_back("admin");
  auto claims = tokens.issue(owner.login, std::move(roles), std::chrono::system_clock::now());
  if (!claims) return done.fail(to_field_error(claims.err()));
  claims->name = owner.display_name;
  auto signed_token = tokens.sign(*claims);
  if (!signed_token) return done.fail(to_field_error(signed_token.err()));
  graphql::property_object payload;
  payload.add("user", user_value(user_ref{owner.login, owner.display_name, nullptr}));
  payload.add("accessToken", value(std::move(*signed_token)));
  payload.add("expiresIn", value(tokens.options().access_ttl.count()));
  payload.add("refreshToken", value(refresh_token));
  done.resolve(value::properties(std::move(payload), "AuthPayload"));
}

domain::command_context as_user(const std::string& login) {
  domain::command_context c;
  c.caller = login;
  return c;
}

// Starts a new login session: a refresh token family, then the tokens.
void start_session(request_context& ctx, session_owner owner, completer done) {
  auto fresh = auth::new_refresh_token();
  if (!fresh) return done.fail(to_field_error(fresh.err()));
  const std::int64_t expires = ctx.services.clock() +
                               std::chrono::duration_cast<std::chrono::microseconds>(
                                   ctx.services.options.refresh_token_ttl).count();
  domain::issue_refresh_token cmd{fresh->hash, event_id::generate().to_string(), expires};
  const std::string client_token = owner.login + "." + fresh->token;
  const std::string login = owner.login;  // `owner` moves into the callback below.
  ctx.services.runtime.execute(
      login, as_user(login), domain::user_command{std::move(cmd)},
      [&ctx, owner = std::move(owner), client_token, done](result<actors::command_outcome> r) {
        if (!r) return done.fail(to_field_error(r.err()));
        ctx.wrote(r->position);
        answer_session(ctx, owner, client_token, done);
      });
}

// "<login>.<secret>" -> (login, secret); nullopt when malformed.
std::optional<std::pair<std::string, std::string>> split_refresh_token(std::string_view token) {
  const auto dot = token.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  auto login = domain::normalize_login(token.substr(0, dot));
  const auto secret = token.substr(dot + 1);
  if (!login || !auth::is_well_formed_refresh_token(secret)) return std::nullopt;
  return std::make_pair(std::move(*login), std::string(secret));
}

result<void> check_password(std::string_view password, std::size_t min) {
  if (password.size() < min || password.size() > kMaxPassword || !domain::is_valid_utf8(password))
    return error{error_code::invalid, "password must be " + std::to_string(min) + " to " +
                                          std::to_string(kMaxPassword) + " characters"};
  return {};
}

field_result register_account(const field_call& c) {
  auto& ctx = context_of(c);
  auto login = login_arg(c, "login");
  if (!login) return to_field_error(login.err());
  auto password = string_arg(c, "password");
  if (auto ok = check_password(password, ctx.services.options.min_password); !ok)
    return to_field_error(ok.err());
  domain::register_user cmd{string_arg(c, "login"), string_arg(c, "email"),
                            optional_string_arg(c, "displayName").value_or(""), ""};
  const auto& admins = ctx.services.options.bootstrap_admins;
  const bool make_admin = std::find(admins.begin(), admins.end(), *login) != admins.end();
  return c.defer([&](completer done) {
    ctx.services.hasher.hash(std::move(password), [&ctx, login = *login, cmd = std::move(cmd), make_admin,
                                                    done](result<std::string> hash) mutable {
      if (!hash) return done.fail(to_field_error(hash.err()));
      cmd.password_hash = std::move(*hash);
      const std::string display = cmd.display_name.empty() ? cmd.login : cmd.display_name;
      ctx.services.runtime.execute(
          login, as_user(login), domain::user_command{std::move(cmd)},
          [&ctx, login, display, make_admin, done](result<actors::command_outcome> r) {
            if (!r) return done.fail(to_field_error(r.err()));
            ctx.wrote(r->position);
            session_owner owner{login, display, make_admin};
            if (!make_admin) return start_session(ctx, std::move(owner), done);
            domain::command_context system;
            system.is_system = true;
            ctx.services.runtime.execute(
                login, system, domain::user_command{domain::grant_role{"admin"}},
                [&ctx, owner = std::move(owner), done](result<actors::command_outcome> granted) mutable {
                  if (!granted) return done.fail(to_field_error(granted.err()));
                  start_session(ctx, std::move(owner), done);
                });
          });
    });
  });
}

field_result login(const field_call& c, const std::shared_ptr<const std::string>& dummy_hash) {
  auto& ctx = context_of(c);
  auto login = domain::normalize_login(string_arg(c, "login"));
  if (!login) return wrong_credentials();
  auto password = string_arg(c, "password");
  if (password.size() > kMaxPassword) return wrong_credentials();
  return c.defer([&](completer done) {
    ctx.services.runtime.read_user(
        *login, [&ctx, login = *login, password = std::move(password), dummy_hash,
                 done](result<actors::state_view<actors::user_state>> r) mutable {
          if (!r) return done.fail(to_field_error(r.err()));
          const auto& s = *r->state;
          session_owner owner{login, s.display_name, s.is_admin()};
          // An unknown login is checked against a dummy hash, so both
          // answers take the same time.
          std::string hash = s.registered ? s.password_hash : *dummy_hash;
          ctx.services.hasher.verify(
              std::move(password), std::move(hash),
              [&ctx, owner = std::move(owner), known = s.registered, done](result<bool> ok) mutable {
                if (!ok) return done.fail(to_field_error(ok.err()));
                if (!*ok || !known) return done.fail(wrong_credentials());
                start_session(ctx, std::move(owner), done);
              });
        });
  });
}

field_result refresh(const field_call& c) {
  auto& ctx = context_of(c);
  auto parts = split_refresh_token(string_arg(c, "refreshToken"));
  if (!parts) return unauthenticated("unknown refresh token");
  auto fresh = auth::new_refresh_token();
  if (!fresh) return to_field_error(fresh.err());
  const std::int64_t expires = ctx.services.clock() +
                               std::chrono::duration_cast<std::chrono::microseconds>(
                                   ctx.services.options.refresh_token_ttl).count();
  domain::rotate_refresh_token cmd{auth::hash_refresh_token(parts->second), fresh->hash, expires};
  const std::string login = parts->first;
  const std::string client_token = login + "." + fresh->token;
  return c.defer([&](completer done) {
    ctx.services.runtime.execute(
        login, as_user(login), domain::user_command{std::move(cmd)},
        [&ctx, login, client_token, done](result<actors::command_outcome> r) {
          if (!r) return done.fail(to_field_error(r.err()));
          ctx.wrote(r->position);
          ctx.services.runtime.read_user(
              login, [&ctx, login, client_token, done](result<actors::state_view<actors::user_state>> u) {
                if (!u) return done.fail(to_field_error(u.err()));
                answer_session(ctx, {login, u->state->display_name, u->state->is_admin()}, client_token,
                               done);
              });
        });
  });
}

field_result logout(const field_call& c) {
  auto parts = split_refresh_token(string_arg(c, "refreshToken"));
  if (!parts) return value(false);
  const std::string login = parts->first;
  return run_command(c, login, as_user(login),
                     domain::user_command{domain::revoke_refresh_token{auth::hash_refresh_token(parts->second)}},
                     [](const actors::command_outcome& o) -> field_result { return value(o.events > 0); });
}

}  // namespace

result<void> bind_account_mutations(graphql::resolver_map& map) {
  auto dummy = auth::hash_password("not a password of anyone");
  if (!dummy) return std::move(dummy).err();
  auto dummy_hash = std::make_shared<const std::string>(std::move(*dummy));
  const result<void> steps[] = {
      map.bind("Mutation", "register", register_account),
      map.bind("Mutation", "login", [dummy_hash](const field_call& c) { return login(c, dummy_hash); }),
      map.bind("Mutation", "refreshToken", refresh),
      map.bind("Mutation", "logout", logout),
  };
  for (const auto& step : steps)
    if (!step) return step;
  return {};
}

}  // namespace streamhub::gateway::api
