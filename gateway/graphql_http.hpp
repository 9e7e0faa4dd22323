#pragma once
// GraphQL over HTTP (the GraphQL-over-HTTP draft), without the HTTP plumbing:
// content negotiation, decoding GET and POST requests into a graphql_request,
// and choosing the status code for an answer.
//
//   Accept          -> response media type; none acceptable -> 406
//   GET  ?query=..&operationName=..&variables=<json>&extensions=<json>
//   POST Content-Type: application/json (other -> 415), body
//        {"query":s,"operationName"?:s|null,"variables"?:{}|null,"extensions"?:{}|null}
//   malformed JSON, missing query, wrong member types -> 400

#include <optional>
#include <string>
#include <string_view>

#include "gateway/graphql_service.hpp"
#include "protocol/error.hpp"

namespace streamhub::gateway {

enum class graphql_media_type : std::uint8_t { json, graphql_response_json };

/// "application/json; charset=utf-8" or
/// "application/graphql-response+json; charset=utf-8".
std::string_view content_type_of(graphql_media_type type) noexcept;

/// The highest-priority supported type the Accept header lists (q-values
/// honoured, wildcards matching graphql-response+json); an absent or empty
/// header means application/graphql-response+json. nullopt: 406.
std::optional<graphql_media_type> negotiate_media_type(std::string_view accept);

/// Decodes a GET request's query string. The request is read_only.
/// Errors: invalid (-> 400) naming the problem.
result<graphql_request> decode_get(std::string_view query_string);

/// Decodes a POST body. Errors: unsupported_format (-> 415) for a content
/// type other than application/json; invalid (-> 400) otherwise.
result<graphql_request> decode_post(std::string_view content_type, std::string_view body);

/// The HTTP status for an answer served as `type`.
unsigned status_for(execution_outcome outcome, graphql_media_type type) noexcept;

/// {"errors":[{"message":"<message>","extensions":{"code":"<code>"}}]}
std::string error_response(std::string_view message, std::string_view code);

}  // namespace streamhub::gateway
