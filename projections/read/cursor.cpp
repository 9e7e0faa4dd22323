#include "projections/read/cursor.hpp"

#include <charconv>

namespace streamhub::projections::read {
namespace {

constexpr std::string_view alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string base64url(std::string_view in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const auto n = (std::uint32_t(std::uint8_t(in[i])) << 16) |
                   (std::uint32_t(std::uint8_t(in[i + 1])) << 8) | std::uint8_t(in[i + 2]);
    for (int shift = 18; shift >= 0; shift -= 6) out.push_back(alphabet[(n >> shift) & 63]);
  }
  if (const auto rest = in.size() - i; rest > 0) {
    std::uint32_t n = std::uint32_t(std::uint8_t(in[i])) << 16;
    if (rest == 2) n |= std::uint32_t(std::uint8_t(in[i + 1])) << 8;
    out.push_back(alphabet[(n >> 18) & 63]);
    out.push_back(alphabet[(n >> 12) & 63]);
    if (rest == 2) out.push_back(alphabet[(n >> 6) & 63]);
  }
  return out;
}

bool unbase64url(std::string_view in, std::string& out) {
  if (in.size() % 4 == 1) return false;
  std::uint32_t bits = 0;
  int count = 0;
  for (const char c : in) {
    const auto at = alphabet.find(c);
    if (at == std::string_view::npos) return false;
    bits = (bits << 6) | static_cast<std::uint32_t>(at);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out.push_back(static_cast<char>((bits >> count) & 0xff));
    }
  }
  return true;
}

error bad_cursor() { return error{error_code::invalid, "not a cursor of this list"}; }

}  // namespace

std::string encode_cursor(char tag, std::initializer_list<std::string_view> fields) {
  std::string text(1, tag);
  for (const auto field : fields) {
    text.push_back(':');
    text.append(field);
  }
  return base64url(text);
}

result<std::vector<std::string>> decode_cursor(std::string_view cursor, char tag,
                                               std::size_t count) {
  std::string text;
  if (cursor.empty() || cursor.size() > 512 || !unbase64url(cursor, text)) return bad_cursor();
  if (text.size() < 2 || text[0] != tag || text[1] != ':') return bad_cursor();
  std::vector<std::string> fields;
  std::string_view rest = std::string_view(text).substr(2);
  while (fields.size() + 1 < count) {
    const auto colon = rest.find(':');
    if (colon == std::string_view::npos) return bad_cursor();
    fields.emplace_back(rest.substr(0, colon));
    rest.remove_prefix(colon + 1);
  }
  fields.emplace_back(rest);
  return fields;
}

std::string number_cursor(char tag, std::uint64_t value) {
  return encode_cursor(tag, {std::to_string(value)});
}

result<std::int64_t> parse_cursor_number(std::string_view field) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (ec != std::errc{} || end != field.data() + field.size() || value < 0) return bad_cursor();
  return value;
}

result<std::int64_t> decode_number_cursor(std::string_view cursor, char tag) {
  auto fields = decode_cursor(cursor, tag, 1);
  if (!fields) return std::move(fields).err();
  return parse_cursor_number((*fields)[0]);
}

}  // namespace streamhub::projections::read
