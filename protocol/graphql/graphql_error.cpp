#include "protocol/graphql/graphql_error.hpp"

#include <charconv>

namespace streamhub::graphql {

graphql_error& graphql_error::set_extension(std::string_view key, std::string_view value) {
  for (auto& [k, v] : extensions) {
    if (k == key) {
      v = value;
      return *this;
    }
  }
  extensions.emplace_back(std::string(key), std::string(value));
  return *this;
}

std::string_view graphql_error::code() const noexcept {
  for (const auto& [k, v] : extensions) {
    if (k == "code") return v;
  }
  return {};
}

namespace {

void append_number(std::string& out, std::uint64_t n) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
  out.append(buf, end);
}

}  // namespace

// Escapes exactly what JSON.stringify escapes for valid UTF-8 input, so our
// error text is byte-identical to graphql-js's.
void append_json_string(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t run = 0;  // start of the pending unescaped run
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out.push_back(hex[c >> 4]);
        out.push_back(hex[c & 0xF]);
    }
  }
  out.append(text.data() + run, text.size() - run);
  out.push_back('"');
}

void append_json(std::string& out, const graphql_error& err) {
  out += "{\"message\":";
  append_json_string(out, err.message);
  if (!err.locations.empty()) {
    out += ",\"locations\":[";
    for (std::size_t i = 0; i < err.locations.size(); ++i) {
      if (i != 0) out.push_back(',');
      out += "{\"line\":";
      append_number(out, err.locations[i].line);
      out += ",\"column\":";
      append_number(out, err.locations[i].column);
      out.push_back('}');
    }
    out.push_back(']');
  }
  if (!err.path.empty()) {
    out += ",\"path\":[";
    for (std::size_t i = 0; i < err.path.size(); ++i) {
      if (i != 0) out.push_back(',');
      if (const auto* name = std::get_if<std::string>(&err.path[i])) {
        append_json_string(out, *name);
      } else {
        append_number(out, std::get<std::size_t>(err.path[i]));
      }
    }
    out.push_back(']');
  }
  if (!err.extensions.empty()) {
    out += ",\"extensions\":{";
    for (std::size_t i = 0; i < err.extensions.size(); ++i) {
      if (i != 0) out.push_back(',');
      append_json_string(out, err.extensions[i].first);
      out.push_back(':');
      append_json_string(out, err.extensions[i].second);
    }
    out.push_back('}');
  }
  out.push_back('}');
}

std::string to_json(std::span<const graphql_error> errors) {
  std::string out = "[";
  for (std::size_t i = 0; i < errors.size(); ++i) {
    if (i != 0) out.push_back(',');
    append_json(out, errors[i]);
  }
  out.push_back(']');
  return out;
}

streamhub::error to_error(std::span<const graphql_error> errors) {
  std::string text;
  for (const auto& e : errors) {
    if (!text.empty()) text.push_back('\n');
    text += e.message;
    if (!e.locations.empty()) {
      text += " (";
      text += std::to_string(e.locations.front().line);
      text.push_back(':');
      text += std::to_string(e.locations.front().column);
      text.push_back(')');
    }
  }
  return streamhub::error{error_code::invalid, std::move(text)};
}

}  // namespace streamhub::graphql
