#pragma once
// Where a client puts its access token: `Authorization: Bearer <token>` on
// HTTP requests and the WebSocket upgrade, or the connection_init payload
// ({"token":"<token>"} or {"Authorization":"Bearer <token>"}, as graphql-ws
// clients send connectionParams).

#include <optional>
#include <string>
#include <string_view>

namespace streamhub::gateway::auth {

/// The token of an "Authorization: Bearer <token>" value (scheme matched
/// case-insensitively); nullopt when the value is empty or another scheme.
std::optional<std::string_view> bearer_token(std::string_view authorization);

/// The token in a connection_init payload (raw JSON object text): the
/// "token" string, else a Bearer "Authorization"/"authorization" string.
/// nullopt when the payload carries none.
std::optional<std::string> token_from_init_payload(std::string_view payload_json);

}  // namespace streamhub::gateway::auth
