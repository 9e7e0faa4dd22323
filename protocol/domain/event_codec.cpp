#include "protocol/domain/event_codec.hpp"

#include <limits>
#include <type_traits>

#include "protocol/domain/detail/flat_json.hpp"
#include "protocol/domain/detail/payload_json.hpp"
#include "protocol/domain/upcasters.hpp"

namespace streamhub::domain {

namespace {

using nlohmann::json;

// The fast path's binding of one flat value to a payload member; false when
// the value's kind or range does not fit the member (nlohmann then decides).
bool assign(std::string& to, const detail::flat_value& v) {
  if (v.what != detail::flat_value::kind::string) return false;
  auto s = detail::unescape(v);
  if (!s) return false;
  to = std::move(*s);
  return true;
}
bool assign(bool& to, const detail::flat_value& v) {
  if (v.what != detail::flat_value::kind::boolean) return false;
  to = v.truth;
  return true;
}
template <class Int>
  requires std::is_integral_v<Int>
bool assign(Int& to, const detail::flat_value& v) {
  if (v.what != detail::flat_value::kind::integer) return false;
  if constexpr (std::is_unsigned_v<Int>) {
    auto n = detail::to_uint64(v);
    if (!n || *n > std::numeric_limits<Int>::max()) return false;
    to = static_cast<Int>(*n);
  } else {
    auto n = detail::to_int64(v);
    if (!n || *n < std::numeric_limits<Int>::min() || *n > std::numeric_limits<Int>::max()) return false;
    to = static_cast<Int>(*n);
  }
  return true;
}
bool assign(std::vector<std::string>& to, const detail::flat_value& v) {
  if (v.what != detail::flat_value::kind::string_array) return false;
  auto strings = detail::to_strings(v);
  if (!strings) return false;
  to = std::move(*strings);
  return true;
}
template <class T>
bool assign(std::optional<T>& to, const detail::flat_value& v) {
  if (v.what == detail::flat_value::kind::null) {
    to.reset();
    return true;
  }
  T value{};
  if (!assign(value, v)) return false;
  to = std::move(value);
  return true;
}

// Decodes a flat payload without nlohmann; false when it declines. Members
// the struct does not have are ignored, missing ones keep their defaults,
// and a repeated one takes its last value: as nlohmann's from_json does.
template <class E>
bool decode_flat(std::string_view payload, E& out) {
  return detail::for_each_flat_member(payload, [&](std::string_view key, const detail::flat_value& v) {
    bool fits = true;
    for_each_field(out, [&](std::string_view name, auto& member) {
      if (name == key) fits = assign(member, v);
    });
    return fits;
  });
}

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
    if (E fast; decode_flat(payload, fast)) return Variant{std::in_place_type<E>, std::move(fast)};
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
