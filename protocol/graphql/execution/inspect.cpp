#include "protocol/graphql/execution/inspect.hpp"

#include <cmath>

#include "protocol/graphql/default_value.hpp"
#include "protocol/graphql/graphql_error.hpp"

namespace streamhub::graphql::detail {

namespace {

constexpr std::size_t max_array_length = 10;
constexpr int max_recursive_depth = 2;

void format(std::string& out, const value& v, int depth);

void format_list(std::string& out, std::span<const value> items, int depth) {
  if (items.empty()) {
    out += "[]";
    return;
  }
  if (depth > max_recursive_depth) {
    out += "[Array]";
    return;
  }
  out.push_back('[');
  const std::size_t shown = std::min(items.size(), max_array_length);
  for (std::size_t i = 0; i < shown; ++i) {
    if (i != 0) out += ", ";
    format(out, items[i], depth + 1);
  }
  const std::size_t remaining = items.size() - shown;
  if (remaining == 1) {
    out += ", ... 1 more item";
  } else if (remaining > 1) {
    out += ", ... " + std::to_string(remaining) + " more items";
  }
  out.push_back(']');
}

void format_object(std::string& out, const value& v, int depth) {
  const property_object* props = v.as_properties();
  if (props == nullptr || props->empty()) {
    out += "{}";
    return;
  }
  if (depth > max_recursive_depth) {
    out += "[Object]";
    return;
  }
  out += "{ ";
  bool first = true;
  for (const auto& [key, item] : props->entries()) {
    if (!first) out += ", ";
    first = false;
    out += key;
    out += ": ";
    format(out, item, depth + 1);
  }
  out += " }";
}

void format(std::string& out, const value& v, int depth) {
  switch (v.type()) {
    case value_type::null: out += "null"; return;
    case value_type::boolean: out += v.as_bool() ? "true" : "false"; return;
    case value_type::integer: out += std::to_string(v.as_int()); return;
    case value_type::floating: out += js_number(v.as_float()); return;
    case value_type::string: append_json_string(out, v.as_string()); return;
    case value_type::json: out += v.as_string(); return;
    case value_type::list: format_list(out, v.as_list(), depth); return;
    case value_type::object: format_object(out, v, depth); return;
  }
}

}  // namespace

std::string inspect(const value& v) {
  std::string out;
  format(out, v, 1);
  return out;
}

std::string js_number(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  return format_js_number(d);
}

}  // namespace streamhub::graphql::detail
