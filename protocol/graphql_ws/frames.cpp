#include "protocol/graphql_ws/frames.hpp"

#include <nlohmann/json.hpp>

namespace streamhub::graphql_ws {
namespace {

std::string with_optional_payload(std::string_view type, std::string_view payload_json) {
  std::string out = R"({"type":")";
  out += type;
  out += '"';
  if (!payload_json.empty()) {
    out += R"(,"payload":)";
    out += payload_json;
  }
  out += '}';
  return out;
}

std::string with_id(std::string_view id, std::string_view type) {
  std::string out = R"({"id":)";
  out += json_string(id);
  out += R"(,"type":")";
  out += type;
  out += '"';
  return out;
}

}  // namespace

std::string json_string(std::string_view text) {
  return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string next_prefix(std::string_view id) { return with_id(id, "next") + R"(,"payload":)"; }

std::string next_frame(std::string_view id, std::string_view payload_json) {
  std::string out = next_prefix(id);
  out += payload_json;
  out += frame_suffix;
  return out;
}

std::string connection_ack_frame(std::string_view payload_json) {
  return with_optional_payload("connection_ack", payload_json);
}

std::string ping_frame(std::string_view payload_json) {
  return with_optional_payload("ping", payload_json);
}

std::string pong_frame(std::string_view payload_json) {
  return with_optional_payload("pong", payload_json);
}

std::string connection_init_frame(std::string_view payload_json) {
  return with_optional_payload("connection_init", payload_json);
}

std::string error_frame(std::string_view id, std::string_view errors_json) {
  std::string out = with_id(id, "error");
  out += R"(,"payload":)";
  out += errors_json;
  out += '}';
  return out;
}

std::string complete_frame(std::string_view id) { return with_id(id, "complete") + "}"; }

std::string subscribe_frame(std::string_view id, const subscribe_payload& payload) {
  std::string out = with_id(id, "subscribe");
  out += R"(,"payload":{"query":)";
  out += json_string(payload.query);
  if (!payload.operation_name.empty()) {
    out += R"(,"operationName":)";
    out += json_string(payload.operation_name);
  }
  if (!payload.variables.empty()) {
    out += R"(,"variables":)";
    out += payload.variables;
  }
  if (!payload.extensions.empty()) {
    out += R"(,"extensions":)";
    out += payload.extensions;
  }
  out += "}}";
  return out;
}

std::string error_list(std::string_view text, std::string_view code) {
  std::string out = R"([{"message":)";
  out += json_string(text);
  out += R"(,"extensions":{"code":)";
  out += json_string(code);
  out += "}}]";
  return out;
}

}  // namespace streamhub::graphql_ws
