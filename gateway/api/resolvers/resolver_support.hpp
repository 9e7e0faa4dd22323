#pragma once
// Helpers every resolver file uses: the request context, logins from
// arguments, waiting for entity views, running commands.

#include <string>
#include <utility>

#include "actors/runtime.hpp"
#include "gateway/api/entity_loaders.hpp"
#include "gateway/api/errors.hpp"
#include "gateway/api/request_context.hpp"
#include "gateway/api/values.hpp"
#include "protocol/domain/entity_id.hpp"
#include "protocol/graphql/execution/resolver.hpp"

namespace streamhub::gateway::api {

inline request_context& context_of(const graphql::field_call& call) {
  return *call.context_as<request_context>();
}

/// The lower-case login in argument `name`; an error for a malformed one.
result<std::string> login_arg(const graphql::field_call& call, std::string_view name);

/// The string argument `name`, or empty when absent or null.
std::string string_arg(const graphql::field_call& call, std::string_view name);
std::optional<std::string> optional_string_arg(const graphql::field_call& call, std::string_view name);

/// Answers the field with fn(view) once the entity's view is loaded (at once
/// when already known). A view of an entity that does not exist answers
/// null. fn returns a graphql::field_result (a value or a field_error).
template <class View, class Loader, class Fn>
graphql::field_result with_view(const graphql::field_call& call,
                                const std::shared_ptr<const View>& known, const std::string& id,
                                Loader load, Fn fn) {
  if (known) return known->exists ? fn(*known) : graphql::field_result(graphql::value());
  auto& ctx = context_of(call);
  return call.defer([&](graphql::completer done) {
    (ctx.loaders.get()->*load)(
        id, [done, fn = std::move(fn)](const result<std::shared_ptr<const View>>& r) {
          if (!r) return done.fail(to_field_error(r.err()));
          if (!(*r)->exists) return done.resolve(graphql::value());
          auto answer = fn(**r);
          if (answer.is_error()) done.fail(std::move(answer.error()));
          else done.resolve(answer.get());
        });
  });
}

template <class Fn>
graphql::field_result with_user(const graphql::field_call& call, const user_ref& ref, Fn fn) {
  return with_view<user_view>(call, ref.full, ref.id, &entity_loaders::user, std::move(fn));
}
template <class Fn>
graphql::field_result with_channel(const graphql::field_call& call, const channel_ref& ref, Fn fn) {
  return with_view<channel_view>(call, ref.full, ref.id, &entity_loaders::channel, std::move(fn));
}
template <class Fn>
graphql::field_result with_chat(const graphql::field_call& call, const chat_ref& ref, Fn fn) {
  return with_view<chat_view>(call, ref.full, ref.id, &entity_loaders::chat, std::move(fn));
}

/// Sends `cmd` to entity `login` and answers the field with
/// then(outcome), built on the actor's thread (so it must only make values).
/// The request remembers the position written; cached views of `login` are
/// dropped so later fields read the new state.
template <class Command, class Then>
graphql::field_result run_command(const graphql::field_call& call, std::string login,
                                  domain::command_context command, Command cmd, Then then) {
  auto& ctx = context_of(call);
  return call.defer([&](graphql::completer done) {
    ctx.services.runtime.execute(
        login, std::move(command), std::move(cmd),
        [done, &ctx, login, then = std::move(then)](result<actors::command_outcome> r) mutable {
          if (!r) return done.fail(to_field_error(r.err()));
          ctx.wrote(r->position);
          ctx.post([&ctx, login] { ctx.loaders->forget(login); });
          auto answer = then(*r);
          if (answer.is_error()) done.fail(std::move(answer.error()));
          else done.resolve(answer.get());
        });
  });
}

/// The viewer's login, or an UNAUTHENTICATED error.
result<std::string> require_viewer(const graphql::field_call& call);

}  // namespace streamhub::gateway::api
