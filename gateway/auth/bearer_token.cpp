#include "gateway/auth/bearer_token.hpp"

#include <nlohmann/json.hpp>

namespace streamhub::gateway::auth {

std::optional<std::string_view> bearer_token(std::string_view authorization) {
  constexpr std::string_view scheme = "bearer ";
  if (authorization.size() <= scheme.size()) return std::nullopt;
  for (std::size_t i = 0; i < scheme.size(); ++i) {
    const char c = authorization[i];
    if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != scheme[i]) return std::nullopt;
  }
  std::string_view token = authorization.substr(scheme.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  if (token.empty()) return std::nullopt;
  return token;
}

std::optional<std::string> token_from_init_payload(std::string_view payload_json) {
  if (payload_json.empty()) return std::nullopt;
  const auto payload = nlohmann::json::parse(payload_json, nullptr, false);
  if (!payload.is_object()) return std::nullopt;
  if (const auto it = payload.find("token"); it != payload.end() && it->is_string())
    return it->get<std::string>();
  for (const char* key : {"Authorization", "authorization"}) {
    const auto it = payload.find(key);
    if (it == payload.end() || !it->is_string()) continue;
    if (const auto token = bearer_token(it->get_ref<const std::string&>())) return std::string(*token);
  }
  return std::nullopt;
}

}  // namespace streamhub::gateway::auth
