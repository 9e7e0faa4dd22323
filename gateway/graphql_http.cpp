#include "gateway/graphql_http.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "gateway/url.hpp"
#include "protocol/graphql_ws/frames.hpp"

namespace streamhub::gateway {
namespace {

using nlohmann::json;

constexpr std::string_view json_type = "application/json";
constexpr std::string_view response_type = "application/graphql-response+json";

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// "type/subtype; p=v" -> "type/subtype", and the q parameter (1 when absent).
std::pair<std::string_view, double> media_range(std::string_view item) {
  auto semi = item.find(';');
  const std::string_view type = trim(item.substr(0, semi));
  double q = 1;
  while (semi != std::string_view::npos) {
    item = item.substr(semi + 1);
    semi = item.find(';');
    const std::string_view param = trim(item.substr(0, semi));
    if (param.size() > 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=')
      q = std::strtod(std::string(param.substr(2)).c_str(), nullptr);
  }
  return {type, q};
}

error bad_request(std::string message) { return error{error_code::invalid, std::move(message)}; }

// variables/extensions given as JSON text (GET) or JSON value (POST): must be
// an object or null.
result<std::string> object_or_empty(const json& value, const char* name) {
  if (value.is_null()) return std::string();
  if (!value.is_object()) return bad_request(std::string("'") + name + "' must be an object");
  return value.dump();
}

}  // namespace

std::string_view content_type_of(graphql_media_type type) noexcept {
  return type == graphql_media_type::json ? "application/json; charset=utf-8"
                                          : "application/graphql-response+json; charset=utf-8";
}

std::optional<graphql_media_type> negotiate_media_type(std::string_view accept) {
  if (trim(accept).empty()) return graphql_media_type::graphql_response_json;
  std::optional<graphql_media_type> best;
  double best_q = 0;
  while (!accept.empty()) {
    const auto comma = accept.find(',');
    const auto [type, q] = media_range(accept.substr(0, comma));
    accept = comma == std::string_view::npos ? std::string_view{} : accept.substr(comma + 1);
    std::optional<graphql_media_type> match;
    if (iequals(type, response_type) || iequals(type, "*/*") || iequals(type, "application/*"))
      match = graphql_media_type::graphql_response_json;
    else if (iequals(type, json_type))
      match = graphql_media_type::json;
    if (match && q > best_q) {
      best = match;
      best_q = q;
    }
  }
  return best;
}

result<graphql_request> decode_get(std::string_view query_string) {
  auto params = parse_query(query_string);
  if (!params) return bad_request("malformed query string");
  graphql_request request;
  request.read_only = true;
  bool has_query = false;
  for (auto& [name, value] : *params) {
    if (name == "query") {
      request.query = std::move(value);
      has_query = true;
    } else if (name == "operationName") {
      request.operation_name = std::move(value);
    } else if (name == "variables" || name == "extensions") {
      const json parsed = json::parse(value, nullptr, false);
      if (parsed.is_discarded()) return bad_request("'" + name + "' is not valid JSON");
      auto text = object_or_empty(parsed, name.c_str());
      if (!text) return std::move(text).err();
      (name == "variables" ? request.variables : request.extensions) = std::move(*text);
    }
  }
  if (!has_query) return bad_request("missing 'query'");
  return request;
}

result<graphql_request> decode_post(std::string_view content_type, std::string_view body) {
  const auto [type, q] = media_range(content_type);
  (void)q;
  if (!iequals(type, json_type))
    return error{error_code::unsupported_format, "Content-Type must be application/json"};
  const json parsed = json::parse(body, nullptr, false);
  if (parsed.is_discarded()) return bad_request("body is not valid JSON");
  if (!parsed.is_object()) return bad_request("body must be a JSON object");
  graphql_request request;
  const auto query = parsed.find("query");
  if (query == parsed.end() || !query->is_string()) return bad_request("'query' must be a string");
  request.query = query->get<std::string>();
  if (const auto name = parsed.find("operationName"); name != parsed.end() && !name->is_null()) {
    if (!name->is_string()) return bad_request("'operationName' must be a string");
    request.operation_name = name->get<std::string>();
  }
  for (const char* key : {"variables", "extensions"}) {
    const auto it = parsed.find(key);
    if (it == parsed.end()) continue;
    auto text = object_or_empty(*it, key);
    if (!text) return std::move(text).err();
    (std::string_view(key) == "variables" ? request.variables : request.extensions) = std::move(*text);
  }
  return request;
}

unsigned status_for(execution_outcome outcome, graphql_media_type type) noexcept {
  switch (outcome) {
    case execution_outcome::executed: return 200;
    case execution_outcome::request_error:
      return type == graphql_media_type::json ? 200 : 400;
    case execution_outcome::mutation_not_allowed: return 405;
    case execution_outcome::unauthenticated: return 401;
    case execution_outcome::forbidden: return 403;
    case execution_outcome::rate_limited: return 429;
    case execution_outcome::unavailable: return 503;
    case execution_outcome::internal: return 500;
  }
  return 500;
}

std::string error_response(std::string_view message, std::string_view code) {
  return R"({"errors":)" + graphql_ws::error_list(message, code) + "}";
}

}  // namespace streamhub::gateway
