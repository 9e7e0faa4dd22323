#include "gateway/api/resolvers/resolver_support.hpp"

namespace streamhub::gateway::api {

result<std::string> login_arg(const graphql::field_call& call, std::string_view name) {
  auto raw = call.args().get_string(name);
  if (!raw) return error{error_code::invalid, std::string(name) + " is required"};
  auto login = domain::normalize_login(*raw);
  if (!login) return error{error_code::invalid, std::string(name) + ": " + login.err().message};
  return login;
}

std::string string_arg(const graphql::field_call& call, std::string_view name) {
  auto v = call.args().get_string(name);
  return v ? std::string(*v) : std::string();
}

std::optional<std::string> optional_string_arg(const graphql::field_call& call,
                                               std::string_view name) {
  auto v = call.args().get_string(name);
  if (!v) return std::nullopt;
  return std::string(*v);
}

result<std::string> require_viewer(const graphql::field_call& call) {
  const auto& ctx = context_of(call);
  if (!ctx.logged_in()) return error{error_code::unauthenticated, "log in first"};
  return ctx.viewer;
}

}  // namespace streamhub::gateway::api
