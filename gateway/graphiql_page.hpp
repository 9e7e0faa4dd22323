#pragma once
// The HTML of the GraphiQL IDE served at /graphiql. The page loads GraphiQL
// and React from a CDN in the browser and talks to /graphql (HTTP for queries
// and mutations, graphql-transport-ws for subscriptions).

#include <string_view>

namespace streamhub::gateway {

std::string_view graphiql_page() noexcept;

}  // namespace streamhub::gateway
