#pragma once
// The product's GraphQL schema: protocol/schema.graphql, compiled into the
// binary and built into a schema at start-up.

#include <string_view>

namespace streamhub {

/// The SDL text of protocol/schema.graphql.
std::string_view product_schema_sdl() noexcept;

}  // namespace streamhub
