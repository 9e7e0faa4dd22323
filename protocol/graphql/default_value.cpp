#include "protocol/graphql/default_value.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>

#include "protocol/graphql/printer.hpp"

namespace streamhub::graphql {

namespace {

// Input object defaults may refer to each other; graphql-js would recurse
// without end on a cycle, we give up instead.
constexpr int max_nesting = 64;

bool looks_like_integer(std::string_view s) {
  std::size_t i = (!s.empty() && s[0] == '-') ? 1 : 0;
  if (i >= s.size()) return false;
  if (s[i] == '0') return i + 1 == s.size();
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

std::optional<double> parse_double(std::string_view text) {
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec == std::errc::result_out_of_range) {
    // Overflow means +-Infinity in JavaScript, underflow a zero.
    return std::strtod(std::string(text).c_str(), nullptr);
  }
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

std::optional<std::string> print_number(double v) {
  if (!std::isfinite(v)) return std::nullopt;
  return format_js_number(v);
}

std::optional<std::string> print_scalar(const named_type& type, const value_node& literal) {
  const std::string_view name = type.name;
  if (name == "Int") {
    if (literal.kind != value_kind::int_) return std::nullopt;
    const auto v = parse_double(literal.text);
    if (!v || *v > 2147483647.0 || *v < -2147483648.0) return std::nullopt;
    return print_number(*v);
  }
  if (name == "Float") {
    if (literal.kind != value_kind::int_ && literal.kind != value_kind::float_) return std::nullopt;
    const auto v = parse_double(literal.text);
    return v ? print_number(*v) : std::nullopt;
  }
  if (name == "String") {
    if (literal.kind != value_kind::string) return std::nullopt;
    return print_string(literal.text);
  }
  if (name == "Boolean") {
    if (literal.kind != value_kind::boolean) return std::nullopt;
    return literal.boolean ? "true" : "false";
  }
  if (name == "ID") {
    if (literal.kind != value_kind::string && literal.kind != value_kind::int_) return std::nullopt;
    if (looks_like_integer(literal.text)) return std::string(literal.text);
    return print_string(literal.text);
  }
  // A custom scalar takes the literal as a plain value (valueFromASTUntyped)
  // and prints that value back by its JavaScript type.
  switch (literal.kind) {
    case value_kind::int_:
    case value_kind::float_: {
      const auto v = parse_double(literal.text);
      return v ? print_number(*v) : std::nullopt;
    }
    case value_kind::string:
    case value_kind::enum_: return print_string(literal.text);
    case value_kind::boolean: return literal.boolean ? "true" : "false";
    case value_kind::null: return "null";
    default: return print_value(literal);
  }
}

std::optional<std::string> coerce(const value_node& literal, type_ref type, int depth) {
  if (depth > max_nesting) return std::nullopt;
  if (literal.kind == value_kind::variable) return std::nullopt;
  if (type.is_non_null()) {
    if (literal.kind == value_kind::null) return std::nullopt;
    return coerce(literal, type.of_type(), depth);
  }
  if (literal.kind == value_kind::null) return "null";
  if (type.is_list()) {
    const type_ref item_type = type.of_type();
    std::string out = "[";
    if (literal.kind != value_kind::list) {
      auto item = coerce(literal, item_type, depth + 1);
      if (!item) return std::nullopt;
      return "[" + *item + "]";
    }
    for (std::size_t i = 0; i < literal.items.size(); ++i) {
      auto item = coerce(literal.items[i], item_type, depth + 1);
      if (!item) return std::nullopt;
      if (i != 0) out += ", ";
      out += *item;
    }
    return out + "]";
  }
  const named_type& named = *type.named_type();
  switch (named.kind) {
    case type_kind::input_object: {
      if (literal.kind != value_kind::object) return std::nullopt;
      std::string out;
      for (const auto& field : named.input_fields) {
        const value_node* given = nullptr;
        for (const auto& f : literal.fields) {
          if (f.name.value == field.name) given = &f.value;  // the last one wins
        }
        std::optional<std::string> printed;
        if (given != nullptr) {
          printed = coerce(*given, field.type, depth + 1);
          if (!printed) return std::nullopt;
        } else if (field.default_value != nullptr) {
          printed = coerce(*field.default_value, field.type, depth + 1);
          if (!printed) continue;  // an invalid field default is no default
        } else if (field.type.is_non_null()) {
          return std::nullopt;
        } else {
          continue;
        }
        if (!out.empty()) out += ", ";
        out += std::string(field.name) + ": " + *printed;
      }
      return "{" + out + "}";
    }
    case type_kind::enum_:
      if (literal.kind != value_kind::enum_ || named.find_enum_value(literal.text) == nullptr) {
        return std::nullopt;
      }
      return std::string(literal.text);
    case type_kind::scalar:
      return print_scalar(named, literal);
    default:
      return std::nullopt;
  }
}

}  // namespace

std::optional<std::string> print_default_value(const input_value_def& input) {
  if (input.default_value == nullptr) return std::nullopt;
  return print_coerced_literal(*input.default_value, input.type);
}

std::optional<std::string> print_coerced_literal(const value_node& literal, type_ref type) {
  return coerce(literal, type, 0);
}

// ECMAScript Number::toString(10): the shortest digits that round-trip,
// laid out in plain or exponential notation by the decimal exponent.
std::string format_js_number(double value) {
  if (value == 0) return "0";  // also -0
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<std::size_t>(end - buf));
  std::string out;
  if (sci[0] == '-') {
    out.push_back('-');
    sci.remove_prefix(1);
  }
  const std::size_t e_pos = sci.find('e');
  std::string digits;
  for (const char c : sci.substr(0, e_pos)) {
    if (c != '.') digits.push_back(c);
  }
  const int exponent = std::atoi(std::string(sci.substr(e_pos + 1)).c_str());
  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;  // the decimal point sits after n digits
  if (k <= n && n <= 21) {
    out += digits;
    out.append(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, static_cast<std::size_t>(n));
    out.push_back('.');
    out += digits.substr(static_cast<std::size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-n), '0');
    out += digits;
  } else {
    out.push_back(digits[0]);
    if (k > 1) {
      out.push_back('.');
      out += digits.substr(1);
    }
    out.push_back('e');
    out.push_back(n - 1 >= 0 ? '+' : '-');
    out += std::to_string(std::abs(n - 1));
  }
  return out;
}

}  // namespace streamhub::graphql
