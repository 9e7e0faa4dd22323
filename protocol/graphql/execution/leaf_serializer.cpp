#include "protocol/graphql/execution/leaf_serializer.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "protocol/graphql/default_value.hpp"
#include "protocol/graphql/execution/inspect.hpp"
#include "protocol/graphql/graphql_error.hpp"

namespace streamhub::graphql::detail {

namespace {

enum class leaf_kind : std::uint8_t { int_, float_, string, boolean, id, enum_, custom };

leaf_kind classify(const named_type& type) noexcept {
  if (type.kind == type_kind::enum_) return leaf_kind::enum_;
  const std::string_view n = type.name;
  if (n == "String") return leaf_kind::string;
  if (n == "Int") return leaf_kind::int_;
  if (n == "Boolean") return leaf_kind::boolean;
  if (n == "ID") return leaf_kind::id;
  if (n == "Float") return leaf_kind::float_;
  return leaf_kind::custom;
}

void append_int(std::string& out, std::int64_t i) {
  char buf[24];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, i);
  out.append(buf, end);
}

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

std::optional<std::string> serialize_int(std::string& out, const value& v) {
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

std::optional<std::string> serialize_float(std::string& out, const value& v) {
  const auto n = numeric(v, true);
  if (!n || !std::isfinite(*n)) return "Float cannot represent non numeric value: " + inspect(v);
  append_json_number(out, *n);
  return std::nullopt;
}

std::optional<std::string> serialize_string(std::string& out, const value& v) {
  switch (v.type()) {
    case value_type::string: append_json_string(out, v.as_string()); return std::nullopt;
    case value_type::boolean: out += v.as_bool() ? "\"true\"" : "\"false\""; return std::nullopt;
    case value_type::integer:
      out.push_back('"');
      append_int(out, v.as_int());
      out.push_back('"');
      return std::nullopt;
    case value_type::floating:
      if (!std::isfinite(v.as_float())) break;
      out.push_back('"');
      out += js_number(v.as_float());
      out.push_back('"');
      return std::nullopt;
    default: break;
  }
  return "String cannot represent value: " + inspect(v);
}

std::optional<std::string> serialize_boolean(std::string& out, const value& v) {
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

std::optional<std::string> serialize_id(std::string& out, const value& v) {
  if (v.type() == value_type::string) {
    append_json_string(out, v.as_string());
    return std::nullopt;
  }
  if (v.type() == value_type::integer) {
    out.push_back('"');
    append_int(out, v.as_int());
    out.push_back('"');
    return std::nullopt;
  }
  if (v.type() == value_type::floating && std::isfinite(v.as_float()) &&
      std::trunc(v.as_float()) == v.as_float()) {
    out.push_back('"');
    out += js_number(v.as_float());
    out.push_back('"');
    return std::nullopt;
  }
  return "ID cannot represent value: " + inspect(v);
}

std::optional<std::string> serialize_enum(std::string& out, const named_type& type, const value& v) {
  if (v.type() == value_type::string) {
    if (const enum_value_def* def = type.find_enum_value(v.as_string())) {
      out.push_back('"');
      out += def->name;  // a Name: nothing to escape
      out.push_back('"');
      return std::nullopt;
    }
  }
  return "Enum \"" + std::string(type.name) + "\" cannot represent value: " + inspect(v);
}

std::optional<std::string> serialize_custom(std::string& out, const named_type& type, const value& v,
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
  out.resize(mark);
  return std::string(type.name) + " cannot represent value: " + inspect(v);
}

}  // namespace

std::optional<std::string> serialize_leaf(std::string& out, const named_type& type, const value& v,
                                          const resolver_map& hooks) {
  switch (classify(type)) {
    case leaf_kind::string: return serialize_string(out, v);
    case leaf_kind::int_: return serialize_int(out, v);
    case leaf_kind::boolean: return serialize_boolean(out, v);
    case leaf_kind::id: return serialize_id(out, v);
    case leaf_kind::float_: return serialize_float(out, v);
    case leaf_kind::enum_: return serialize_enum(out, type, v);
    case leaf_kind::custom: return serialize_custom(out, type, v, hooks);
  }
  return std::nullopt;
}

bool append_json_value(std::string& out, const value& v) {
  switch (v.type()) {
    case value_type::null: out += "null"; return true;
    case value_type::boolean: out += v.as_bool() ? "true" : "false"; return true;
    case value_type::integer: append_int(out, v.as_int()); return true;
    case value_type::floating: append_json_number(out, v.as_float()); return true;
    case value_type::string: append_json_string(out, v.as_string()); return true;
    case value_type::json: out += v.as_string(); return true;
    case value_type::list: {
      out.push_back('[');
      bool first = true;
      for (const value& item : v.as_list()) {
        if (!first) out.push_back(',');
        first = false;
        if (!append_json_value(out, item)) return false;
      }
      out.push_back(']');
      return true;
    }
    case value_type::object: {
      const property_object* props = v.as_properties();
      if (props == nullptr) return false;
      out.push_back('{');
      bool first = true;
      for (const auto& [key, item] : props->entries()) {
        if (!first) out.push_back(',');
        first = false;
        append_json_string(out, key);
        out.push_back(':');
        if (!append_json_value(out, item)) return false;
      }
      out.push_back('}');
      return true;
    }
  }
  return false;
}

void append_json_number(std::string& out, double d) {
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
