#include "gateway/api/errors.hpp"

namespace streamhub::gateway::api {

graphql::field_error to_field_error(const error& e) {
  graphql::field_error out(e.message, to_string(e.code));
  if (e.retry_after.count() > 0)
    out.extensions.emplace_back("retryAfterMs", std::to_string(e.retry_after.count()));
  return out;
}

graphql::field_error unauthenticated(std::string message) {
  return graphql::field_error(std::move(message), "UNAUTHENTICATED");
}

graphql::field_error forbidden(std::string message) {
  return graphql::field_error(std::move(message), "FORBIDDEN");
}

graphql::field_error bad_input(std::string message) {
  return graphql::field_error(std::move(message), "BAD_USER_INPUT");
}

}  // namespace streamhub::gateway::api
