#include "protocol/graphql/execution/leaf_serializer.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "protocol/graphql/default_value.hpp"
#include "protocol/graphql/execution/inspect.hpp"
#include "protocol/graphql/graphql_error.hpp"

namespace streamhub::graphql::detail {

const enum_value_def* find_enum_name(const named_type& type, std::string_view name) noexcept {
  // Most enums are short: comparing beats hashing the name.
  if (type.enum_values.size() > 16) return type.find_enum_value(name);
  for (const enum_value_def& e : type.enum_values) {
    if (same_text(e.name, name)) return &e;
  }
  return nullptr;
}

leaf_kind classify_leaf(const named_type& type) noexcept {
  if (type.kind == type_kind::enum_) return leaf_kind::enum_;
  const std::string_view n = type.name;
  if (n == "String") return leaf_kind::string;
  if (n == "Int") return leaf_kind::int_;
  if (n == "Boolean") return leaf_kind::boolean;
  if (n == "ID") return leaf_kind::id;
  if (n == "Float") return leaf_kind::float_;
  return leaf_kind::custom;
}

leaf_kind classify_leaf(const named_type& type, const resolver_map& hooks) noexcept {
  const leaf_kind kind = classify_leaf(type);
  if (kind != leaf_kind::custom) return kind;
  const scalar_hooks* custom = hooks.find_scalar(type);
  return custom != nullptr && custom->serialize ? leaf_kind::custom : leaf_kind::custom_plain;
}

void append_json_text(json_buffer& out, std::string_view text) {
  if (!plain_json_text(text)) {
    std::string escaped;
    append_json_string(escaped, text);
    out += escaped;
    return;
  }
  out.put('"');
  out.append(text);
  out.put('"');
}

namespace {

void append_int(json_buffer& out, std::int64_t i) { out.append_int(i); }

// JavaScript's Number(string) for the forms resolvers plausibly return:
// decimal numbers with optional sign, exponent and surrounding spaces;
// "" is 0. nullopt stands for NaN.
std::optional<double> js_string_to_number(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  if (s.empty()) return 0.0;
  bool negative = false;
  if (s.front() == '+' || s.front() == '-') {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s == "Infinity") return negative ? -INFINITY : INFINITY;
  double d = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (end != s.data() + s.size()) return std::nullopt;
  if (ec == std::errc::result_out_of_range) d = std::strtod(std::string(s).c_str(), nullptr);
  else if (ec != std::errc()) return std::nullopt;
  return negative ? -d : d;
}

// graphql-js's serialize functions read numbers from booleans (Int, Float)
// and from numeric strings; nullopt when the value is not a number then.
std::optional<double> numeric(const value& v, bool from_bool) {
  switch (v.type()) {
    case value_type::integer: return static_cast<double>(v.as_int());
    case value_type::floating: return v.as_float();
    case value_type::boolean:
      if (from_bool) return v.as_bool() ? 1.0 : 0.0;
      return std::nullopt;
    case value_type::string:
      if (v.as_string().empty()) return std::nullopt;
      return js_string_to_number(v.as_string());
    default: return std::nullopt;
  }
}

std::optional<std::string> serialize_int(json_buffer& out, const value& v) {
  if (v.type() == value_type::integer) {
    const std::int64_t i = v.as_int();
    if (i > INT32_MAX || i < INT32_MIN) {
      return "Int cannot represent non 32-bit signed integer value: " + std::to_string(i);
    }
    append_int(out, i);
    return std::nullopt;
  }
  const auto n = numeric(v, true);
  if (!n || !std::isfinite(*n) || std::trunc(*n) != *n) {
    return "Int cannot represent non-integer value: " + inspect(v);
  }
  if (*n > INT32_MAX || *n < INT32_MIN) {
    return "Int cannot represent non 32-bit signed integer value: " + inspect(v);
  }
  append_int(out, static_cast<std::int64_t>(*n));
  return std::nullopt;
}

std::optional<std::string> serialize_float(json_buffer& out, const value& v) {
  const auto n = numeric(v, true);
  if (!n || !std::isfinite(*n)) return "Float cannot represent non numeric value: " + inspect(v);
  append_json_number(out, *n);
  return std::nullopt;
}

std::optional<std::string> serialize_string(json_buffer& out, const value& v) {
  switch (v.type()) {
    case value_type::string: append_json_text(out, v.as_string()); return std::nullopt;
    case value_type::boolean: out += v.as_bool() ? "\"true\"" : "\"false\""; return std::nullopt;
    case value_type::integer:
      out.put('"');
      append_int(out, v.as_int());
      out.put('"');
      return std::nullopt;
    case value_type::floating:
      if (!std::isfinite(v.as_float())) break;
      out.put('"');
      out += js_number(v.as_float());
      out.put('"');
      return std::nullopt;
    default: break;
  }
  return "String cannot represent value: " + inspect(v);
}

std::optional<std::string> serialize_boolean(json_buffer& out, const value& v) {
  if (v.type() == value_type::boolean) {
    out += v.as_bool() ? "true" : "false";
    return std::nullopt;
  }
  if (v.type() == value_type::integer || (v.type() == value_type::floating && std::isfinite(v.as_float()))) {
    out += v.get_float().value() != 0 ? "true" : "false";
    return std::nullopt;
  }
  return "Boolean cannot represent a non boolean value: " + inspect(v);
}

std::optional<std::string> serialize_id(json_buffer& out, const value& v) {
  if (v.type() == value_type::string) {
    append_json_text(out, v.as_string());
    return std::nullopt;
  }
  if (v.type() == value_type::integer) {
    out.put('"');
    append_int(out, v.as_int());
    out.put('"');
    return std::nullopt;
  }
  if (v.type() == value_type::floating && std::isfinite(v.as_float()) &&
      std::trunc(v.as_float()) == v.as_float()) {
    out.put('"');
    out += js_number(v.as_float());
    out.put('"');
    return std::nullopt;
  }
  return "ID cannot represent value: " + inspect(v);
}

std::optional<std::string> serialize_enum(json_buffer& out, const named_type& type, const value& v) {
  if (v.type() == value_type::string) {
    const enum_value_def* def = find_enum_name(type, v.as_string());
    if (def != nullptr) {
      out.put('"');
      out += def->name;  // a Name: nothing to escape
      out.put('"');
      return std::nullopt;
    }
  }
  return "Enum \"" + std::string(type.name) + "\" cannot represent value: " + inspect(v);
}

std::optional<std::string> serialize_custom(json_buffer& out, const named_type& type, const value& v,
                                            const resolver_map& hooks) {
  const scalar_hooks* custom = hooks.find_scalar(type);
  const std::size_t mark = out.size();
  if (custom != nullptr && custom->serialize) {
    auto serialized = custom->serialize(v);
    if (!serialized) return std::move(serialized).err().message;
    if (append_json_value(out, *serialized)) return std::nullopt;
  } else if (append_json_value(out, v)) {
    return std::nullopt;
  }
  out.truncate(mark);
  return std::string(type.name) + " cannot represent value: " + inspect(v);
}

}  // namespace

std::optional<std::string> serialize_leaf(json_buffer& out, const named_type& type, leaf_kind kind,
                                          const value& v, const resolver_map& hooks) {
  switch (kind) {
    case leaf_kind::string: return serialize_string(out, v);
    case leaf_kind::int_: return serialize_int(out, v);
    case leaf_kind::boolean: return serialize_boolean(out, v);
    case leaf_kind::id: return serialize_id(out, v);
    case leaf_kind::float_: return serialize_float(out, v);
    case leaf_kind::enum_: return serialize_enum(out, type, v);
    case leaf_kind::custom:
    case leaf_kind::custom_plain: return serialize_custom(out, type, v, hooks);
  }
  return std::nullopt;
}

bool append_json_value(json_buffer& out, const value& v) {
  switch (v.type()) {
    case value_type::null: out += "null"; return true;
    case value_type::boolean: out += v.as_bool() ? "true" : "false"; return true;
    case value_type::integer: append_int(out, v.as_int()); return true;
    case value_type::floating: append_json_number(out, v.as_float()); return true;
    case value_type::string: append_json_text(out, v.as_string()); return true;
    case value_type::json: out += v.as_string(); return true;
    case value_type::list: {
      out.put('[');
      bool first = true;
      for (const value& item : v.as_list()) {
        if (!first) out.put(',');
        first = false;
        if (!append_json_value(out, item)) return false;
      }
      out.put(']');
      return true;
    }
    case value_type::object: {
      const property_object* props = v.as_properties();
      if (props == nullptr) return false;
      out.put('{');
      bool first = true;
      for (const auto& [key, item] : props->entries()) {
        if (!first) out.put(',');
        first = false;
        append_json_text(out, key);
        out.put(':');
        if (!append_json_value(out, item)) return false;
      }
      out.put('}');
      return true;
    }
  }
  return false;
}

void append_json_number(json_buffer& out, double d) {
  if (!std::isfinite(d)) {
    out += "null";
    return;
  }
  // Integral values below 2^53 print as integers in JavaScript too.
  if (std::trunc(d) == d && std::fabs(d) < 9007199254740992.0) {
    append_int(out, static_cast<std::int64_t>(d));
    return;
  }
  out += format_js_number(d);
}

}  // namespace streamhub::graphql::detail
