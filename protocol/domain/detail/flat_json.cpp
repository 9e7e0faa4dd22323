#include "protocol/domain/detail/flat_json.hpp"

#include <charconv>

#include "protocol/domain/text_rules.hpp"

namespace streamhub::domain::detail {

namespace {

bool literal(std::string_view text, std::size_t& i, std::string_view word) noexcept {
  if (text.substr(i, word.size()) != word) return false;
  i += word.size();
  return true;
}

bool hex4(std::string_view s, std::size_t at, char32_t& out) noexcept {
  if (at + 4 > s.size()) return false;
  out = 0;
  for (std::size_t k = at; k < at + 4; ++k) {
    const char c = s[k];
    out <<= 4;
    if (c >= '0' && c <= '9') out |= static_cast<char32_t>(c - '0');
    else if (c >= 'a' && c <= 'f') out |= static_cast<char32_t>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') out |= static_cast<char32_t>(c - 'A' + 10);
    else return false;
  }
  return true;
}

void put_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

void skip_space(std::string_view text, std::size_t& i) noexcept {
  while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t')) ++i;
}

bool scan_string(std::string_view text, std::size_t& i, flat_value& out) noexcept {
  const std::size_t begin = ++i;
  bool ascii = true;
  out.escaped = false;
  for (; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '"') break;
    if (c < 0x20) return false;  // JSON requires control characters escaped.
    if (c == '\\') {
      out.escaped = true;
      if (++i >= text.size()) return false;  // What follows is checked by unescape().
    }
    if (c >= 0x80) ascii = false;
  }
  if (i >= text.size()) return false;
  out.what = flat_value::kind::string;
  out.raw = text.substr(begin, i - begin);
  ++i;
  return ascii || is_valid_utf8(out.raw);
}

bool scan_value(std::string_view text, std::size_t& i, flat_value& out) noexcept {
  if (i >= text.size()) return false;
  const char c = text[i];
  if (c == '"') return scan_string(text, i, out);
  if (c == 't' || c == 'f') {
    out.what = flat_value::kind::boolean;
    out.truth = c == 't';
    return literal(text, i, out.truth ? "true" : "false");
  }
  if (c == 'n') {
    out.what = flat_value::kind::null;
    return literal(text, i, "null");
  }
  if (c == '-' || (c >= '0' && c <= '9')) {
    const std::size_t begin = i;
    if (text[i] == '-') ++i;
    const std::size_t digits = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    if (i == digits || (text[digits] == '0' && i - digits > 1)) return false;
    if (i < text.size() && (text[i] == '.' || text[i] == 'e' || text[i] == 'E')) return false;
    out.what = flat_value::kind::integer;
    out.raw = text.substr(begin, i - begin);
    return true;
  }
  if (c == '[') {
    const std::size_t begin = ++i;
    skip_space(text, i);
    if (i < text.size() && text[i] == ']') {
      out.raw = text.substr(begin, 0);
    } else {
      for (;;) {
        flat_value element;
        if (i >= text.size() || text[i] != '"' || !scan_string(text, i, element)) return false;
        skip_space(text, i);
        if (i >= text.size()) return false;
        if (text[i] == ']') break;
        if (text[i] != ',') return false;
        ++i;
        skip_space(text, i);
      }
      out.raw = text.substr(begin, i - begin);
    }
    ++i;
    out.what = flat_value::kind::string_array;
    return true;
  }
  return false;  // An object, or not JSON.
}

std::optional<std::string> unescape(const flat_value& v) {
  if (!v.escaped) return std::string(v.raw);
  std::string out;
  out.reserve(v.raw.size());
  const auto s = v.raw;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\') {
      out.push_back(s[i]);
      continue;
    }
    switch (s[++i]) {  // scan_string() made sure something follows.
      case '"': out.push_back('"'); break;
      case '\\': out.push_back('\\'); break;
      case '/': out.push_back('/'); break;
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 't': out.push_back('\t'); break;
      case 'u': {
        char32_t cp;
        if (!hex4(s, i + 1, cp)) return std::nullopt;
        i += 4;
        if (cp >= 0xDC00 && cp <= 0xDFFF) return std::nullopt;  // A lone low surrogate.
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          char32_t low;
          if (i + 2 >= s.size() || s[i + 1] != '\\' || s[i + 2] != 'u' || !hex4(s, i + 3, low) ||
              low < 0xDC00 || low > 0xDFFF)
            return std::nullopt;
          i += 6;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        put_utf8(out, cp);
        break;
      }
      default: return std::nullopt;
    }
  }
  return out;
}

std::optional<std::int64_t> to_int64(const flat_value& v) {
  std::int64_t out = 0;
  const auto* end = v.raw.data() + v.raw.size();
  auto [ptr, ec] = std::from_chars(v.raw.data(), end, out);
  if (ec != std::errc{} || ptr != end) return std::nullopt;
  return out;
}

std::optional<std::uint64_t> to_uint64(const flat_value& v) {
  std::uint64_t out = 0;
  const auto* end = v.raw.data() + v.raw.size();
  auto [ptr, ec] = std::from_chars(v.raw.data(), end, out);  // Refuses a '-'.
  if (ec != std::errc{} || ptr != end) return std::nullopt;
  return out;
}

std::optional<std::vector<std::string>> to_strings(const flat_value& v) {
  std::vector<std::string> out;
  std::size_t i = 0;
  const auto s = v.raw;
  skip_space(s, i);
  while (i < s.size()) {
    flat_value element;
    if (s[i] != '"' || !scan_string(s, i, element)) return std::nullopt;
    auto text = unescape(element);
    if (!text) return std::nullopt;
    out.push_back(std::move(*text));
    skip_space(s, i);
    if (i < s.size() && s[i] == ',') ++i;
    skip_space(s, i);
  }
  return out;
}

}  // namespace streamhub::domain::detail
