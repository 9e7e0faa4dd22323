// Query root fields answered from the entity actors: me, user, channel. The
// list, history, search and timeline fields read the read models
// (read_model_fields.cpp).
#include "gateway/api/resolvers/bindings.hpp"
#include "gateway/api/resolvers/resolver_support.hpp"

namespace streamhub::gateway::api {

namespace {

using graphql::field_call;
using graphql::field_result;
using graphql::value;

field_result user_by_login(const field_call& c) {
  auto login = login_arg(c, "login");
  if (!login) return value();  // No such user can exist.
  return with_user(c, user_ref{*login, std::nullopt, nullptr},
                   [](const user_view& u) -> field_result {
                     return user_value(user_ref{u.id, std::nullopt, std::make_shared<const user_view>(u)});
                   });
}

field_result channel_by_login(const field_call& c) {
  auto login = login_arg(c, "login");
  if (!login) return value();
  return with_channel(c, channel_ref{*login, nullptr}, [](const channel_view& v) -> field_result {
    return channel_value(std::make_shared<const channel_view>(v));
  });
}

}  // namespace

result<void> bind_query_fields(graphql::resolver_map& map) {
  if (auto r = map.bind("Query", "me",
                        [](const field_call& c) -> field_result {
                          const auto& ctx = context_of(c);
                          if (!ctx.logged_in()) return value();
                          return with_user(c, user_ref{ctx.viewer, std::nullopt, nullptr},
                                           [](const user_view& u) -> field_result {
                                             return user_value(user_ref{
                                                 u.id, std::nullopt, std::make_shared<const user_view>(u)});
                                           });
                        });
      !r)
    return r;
  if (auto r = map.bind("Query", "user", user_by_login); !r) return r;
  return map.bind("Query", "channel", channel_by_login);
}

}  // namespace streamhub::gateway::api
