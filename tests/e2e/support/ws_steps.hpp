#pragma once
// Steps of a clients/raw_ws.mjs spec, built in C++.

#include <string>

#include <nlohmann/json.hpp>

namespace streamhub::e2e::ws_steps {

/// connection_init, with `payload` when given (e.g. {"token": ...}).
inline nlohmann::json init(nlohmann::json payload = nullptr) {
  nlohmann::json message{{"type", "connection_init"}};
  if (!payload.is_null()) message["payload"] = std::move(payload);
  return {{"send", std::move(message)}};
}

inline nlohmann::json subscribe(std::string id, std::string query, nlohmann::json extra_payload = nlohmann::json::object()) {
  extra_payload["query"] = std::move(query);
  return {{"send", {{"type", "subscribe"}, {"id", std::move(id)}, {"payload", std::move(extra_payload)}}}};
}

inline nlohmann::json complete(std::string id) {
  return {{"send", {{"type", "complete"}, {"id", std::move(id)}}}};
}

inline nlohmann::json send(nlohmann::json message) { return {{"send", std::move(message)}}; }

/// Waits for the next message of `type` (and `id`).
inline nlohmann::json await(std::string type, std::string id = {}) {
  nlohmann::json step{{"await", std::move(type)}};
  if (!id.empty()) step["id"] = std::move(id);
  return step;
}

}  // namespace streamhub::e2e::ws_steps
