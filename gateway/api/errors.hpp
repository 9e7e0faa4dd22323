#pragma once
// How project errors look to API clients: extensions.code names, and
// retryAfterMs where waiting helps.

#include <string>

#include "protocol/error.hpp"
#include "protocol/graphql/execution/resolver.hpp"

namespace streamhub::gateway::api {

/// A project error as a GraphQL field error: its message, extensions.code,
/// and retryAfterMs for rate limits and timeouts.
graphql::field_error to_field_error(const error& e);

graphql::field_error unauthenticated(std::string message = "log in first");
graphql::field_error forbidden(std::string message);
graphql::field_error bad_input(std::string message);

}  // namespace streamhub::gateway::api
