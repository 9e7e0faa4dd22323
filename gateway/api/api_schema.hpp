#pragma once
// The product schema (protocol/schema.graphql) with every resolver bound.

#include <memory>

#include "protocol/error.hpp"
#include "protocol/graphql/execution/resolver_map.hpp"

namespace streamhub::gateway::api {

/// Builds the schema from its SDL and binds the resolvers. Errors: the SDL
/// does not build, or a binding names a field the schema lacks (bugs both).
result<std::shared_ptr<const graphql::resolver_map>> make_api_resolvers();

}  // namespace streamhub::gateway::api
