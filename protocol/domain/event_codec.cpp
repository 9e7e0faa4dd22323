#include "protocol/domain/event_codec.hpp"

#include "protocol/domain/detail/payload_json.hpp"
#include "protocol/domain/upcasters.hpp"

namespace streamhub::domain {

namespace {

using nlohmann::json;

template <class Variant>
encoded_payload encode_variant(const Variant& event) {
  return std::visit(
      [](const auto& e) {
        using E = std::decay_t<decltype(e)>;
        return encoded_payload{E::type, E::schema_version, json(e).dump()};
      },
      event);
}

// Tries each alternative of Variant in turn and decodes the one whose wire
// type matches.
template <class Variant, std::size_t I = 0>
result<Variant> decode_variant(std::string_view type, std::uint32_t schema_version,
                               std::string_view payload) {
  if constexpr (I == std::variant_size_v<Variant>) {
    return error{error_code::invalid, "unknown event type " + std::string(type)};
  } else {
    using E = std::variant_alternative_t<I, Variant>;
    if (type != E::type) return decode_variant<Variant, I + 1>(type, schema_version, payload);
    std::string lifted;
    if (schema_version != E::schema_version) {
      auto up = upcast_payload(type, schema_version, E::schema_version, payload);
      if (!up) return std::move(up).err();
      lifted = std::move(*up);
      payload = lifted;
    }
    const json j = json::parse(payload, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object())
      return error{error_code::invalid, std::string(type) + " payload is not a JSON object"};
    try {
      return Variant{std::in_place_type<E>, j.get<E>()};
    } catch (const json::exception& ex) {
      return error{error_code::invalid, std::string(type) + " payload: " + ex.what()};
    }
  }
}

}  // namespace

encoded_payload encode(const user_event& event) { return encode_variant(event); }
encoded_payload encode(const channel_event& event) { return encode_variant(event); }
encoded_payload encode(const chat_event& event) { return encode_variant(event); }

result<user_event> decode_user_event(std::string_view type, std::uint32_t schema_version,
                                     std::string_view payload) {
  return decode_variant<user_event>(type, schema_version, payload);
}
result<channel_event> decode_channel_event(std::string_view type, std::uint32_t schema_version,
                                           std::string_view payload) {
  return decode_variant<channel_event>(type, schema_version, payload);
}
result<chat_event> decode_chat_event(std::string_view type, std::uint32_t schema_version,
                                     std::string_view payload) {
  return decode_variant<chat_event>(type, schema_version, payload);
}

}  // namespace streamhub::domain
