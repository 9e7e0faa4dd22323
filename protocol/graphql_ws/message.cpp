#include "protocol/graphql_ws/message.hpp"

#include <array>
#include <utility>

#include <nlohmann/json.hpp>

namespace streamhub::graphql_ws {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 8> type_names = {
    "connection_init", "connection_ack", "ping", "pong", "subscribe", "next", "error", "complete",
};

error invalid(std::string reason) { return error{error_code::invalid, std::move(reason)}; }

// True when arrays/objects nest deeper than `limit` (brackets inside strings
// do not count).
bool nests_deeper_than(std::string_view text, std::size_t limit) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > limit) return true;
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return false;
}

const char* kind_of(const json& value) {
  switch (value.type()) {
    case json::value_t::null: return "null";
    case json::value_t::object: return "object";
    case json::value_t::array: return "array";
    case json::value_t::string: return "string";
    case json::value_t::boolean: return "boolean";
    case json::value_t::discarded: return "undefined";
    default: return "number";
  }
}

const json* member(const json& object, const char* name) {
  const auto it = object.find(name);
  return it == object.end() ? nullptr : &*it;
}

bool is_nullish(const json* value) { return value == nullptr || value->is_null(); }

// `"<type>" message expects ...` in the reference implementation's words.
std::string expects(message_type type, std::string_view what, const char* got) {
  std::string text = "\"";
  text += to_string(type);
  text += "\" message ";
  text += what;
  text += ", but got ";
  text += got;
  return text;
}

result<std::string> operation_id(message_type type, const json& object) {
  const json* id = member(object, "id");
  if (id == nullptr || !id->is_string())
    return invalid(expects(type, "expects the 'id' property to be a string",
                           id ? kind_of(*id) : "undefined"));
  std::string text = id->get<std::string>();
  if (text.empty())
    return invalid("\"" + std::string(to_string(type)) + "\" message requires a non-empty 'id' property");
  return text;
}

// Optional object payload of init/ack/ping/pong: object, null or missing.
result<std::string> optional_object_payload(message_type type, const json& object) {
  const json* payload = member(object, "payload");
  if (is_nullish(payload)) return std::string();
  if (!payload->is_object())
    return invalid(expects(type,
                           "expects the 'payload' property to be an object or nullish or missing",
                           kind_of(*payload)));
  return payload->dump();
}

result<subscribe_payload> parse_subscribe(const json& object) {
  constexpr auto type = message_type::subscribe;
  const json* payload = member(object, "payload");
  if (payload == nullptr || !payload->is_object())
    return invalid(expects(type, "expects the 'payload' property to be an object",
                           payload ? kind_of(*payload) : "undefined"));
  subscribe_payload out;
  const json* query = member(*payload, "query");
  if (query == nullptr || !query->is_string())
    return invalid(expects(type, "payload expects the 'query' property to be a string",
                           query ? kind_of(*query) : "undefined"));
  out.query = query->get<std::string>();
  const json* name = member(*payload, "operationName");
  if (!is_nullish(name)) {
    if (!name->is_string())
      return invalid(expects(type,
                             "payload expects the 'operationName' property to be a string or "
                             "nullish or missing",
                             kind_of(*name)));
    out.operation_name = name->get<std::string>();
  }
  for (const auto& [key, target] : {std::pair{"variables", &out.variables},
                                    std::pair{"extensions", &out.extensions}}) {
    const json* value = member(*payload, key);
    if (is_nullish(value)) continue;
    if (!value->is_object())
      return invalid(expects(type,
                             std::string("payload expects the '") + key +
                                 "' property to be an object or nullish or missing",
                             kind_of(*value)));
    *target = value->dump();
  }
  return out;
}

// A GraphQL error list: a non-empty array of objects each with a string
// "message".
bool is_graphql_error_list(const json* value) {
  if (value == nullptr || !value->is_array() || value->empty()) return false;
  for (const json& item : *value) {
    const json* text = item.is_object() ? member(item, "message") : nullptr;
    if (text == nullptr || !text->is_string()) return false;
  }
  return true;
}

result<message> parse_object(const json& object) {
  if (!object.is_object())
    return invalid(std::string("Message is expected to be an object, but got ") + kind_of(object));
  const json* type_value = member(object, "type");
  if (type_value == nullptr || type_value->is_null() ||
      (type_value->is_string() && type_value->get_ref<const std::string&>().empty()))
    return invalid("Message is missing the 'type' property");
  if (!type_value->is_string())
    return invalid(std::string("Message is expects the 'type' property to be a string, but got ") +
                   kind_of(*type_value));
  const auto& type_name = type_value->get_ref<const std::string&>();
  std::size_t index = 0;
  while (index < type_names.size() && type_names[index] != type_name) ++index;
  if (index == type_names.size())
    return invalid("Invalid message 'type' property \"" + type_name + "\"");

  message out;
  out.type = static_cast<message_type>(index);
  switch (out.type) {
    case message_type::connection_init:
    case message_type::connection_ack:
    case message_type::ping:
    case message_type::pong: {
      auto payload = optional_object_payload(out.type, object);
      if (!payload) return std::move(payload).err();
      out.payload = std::move(*payload);
      return out;
    }
    default: break;
  }
  auto id = operation_id(out.type, object);
  if (!id) return std::move(id).err();
  out.id = std::move(*id);
  const json* payload = member(object, "payload");
  switch (out.type) {
    case message_type::subscribe: {
      auto parsed = parse_subscribe(object);
      if (!parsed) return std::move(parsed).err();
      out.subscribe = std::move(*parsed);
      break;
    }
    case message_type::next:
      if (payload == nullptr || !payload->is_object())
        return invalid(expects(out.type, "expects the 'payload' property to be an object",
                               payload ? kind_of(*payload) : "undefined"));
      out.payload = payload->dump();
      break;
    case message_type::error:
      if (!is_graphql_error_list(payload))
        return invalid(expects(out.type,
                               "expects the 'payload' property to be an array of GraphQL errors",
                               payload ? kind_of(*payload) : "undefined"));
      out.payload = payload->dump();
      break;
    default: break;
  }
  return out;
}

}  // namespace

std::string_view to_string(message_type type) noexcept {
  const auto index = static_cast<std::size_t>(type);
  return index < type_names.size() ? type_names[index] : std::string_view("unknown");
}

result<message> parse_message(std::string_view text) {
  if (nests_deeper_than(text, max_json_depth)) return invalid("Message nests too deeply");
  json object = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (object.is_discarded()) return invalid("Message is not valid JSON");
  return parse_object(object);
}

}  // namespace streamhub::graphql_ws
