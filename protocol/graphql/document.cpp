#include "protocol/graphql/document.hpp"

#include <algorithm>
#include <utility>

namespace streamhub::graphql {

document::document(passkey, std::string source, std::size_t arena_hint)
    : source_(std::move(source)), arena_(arena_hint) {}

source_location document::locate(std::string_view source, std::size_t offset) noexcept {
  offset = std::min(offset, source.size());
  std::uint32_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    const char c = source[i];
    if (c == '\n') {
      ++line;
      line_start = i + 1;
    } else if (c == '\r') {
      ++line;
      if (i + 1 < source.size() && source[i + 1] == '\n') ++i;
      line_start = i + 1;
    }
  }
  // UTF-16 code units: one per code point, two above U+FFFF (4-byte UTF-8).
  std::uint32_t column = 1;
  for (std::size_t i = line_start; i < offset; ++i) {
    const auto b = static_cast<unsigned char>(source[i]);
    if ((b & 0xC0) != 0x80) column += b >= 0xF0 ? 2 : 1;
  }
  return {line, column};
}

std::string_view to_string(operation_type op) noexcept {
  switch (op) {
    case operation_type::query: return "query";
    case operation_type::mutation: return "mutation";
    case operation_type::subscription: return "subscription";
  }
  return "query";
}

}  // namespace streamhub::graphql
