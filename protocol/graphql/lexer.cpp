#include "protocol/graphql/lexer.hpp"

#include <array>
#include <cstring>

#include "protocol/graphql/block_string.hpp"

namespace streamhub::graphql {

namespace {

// Character classes of the bytes, for the hot loops over names.
constexpr unsigned char name_start_class = 1;
constexpr unsigned char name_continue_class = 2;

constexpr std::array<unsigned char, 256> char_classes = [] {
  std::array<unsigned char, 256> t{};
  for (int c = 0; c < 256; ++c) {
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    const bool digit = c >= '0' && c <= '9';
    t[c] = static_cast<unsigned char>((letter ? name_start_class : 0) |
                                      (letter || digit ? name_continue_class : 0));
  }
  return t;
}();

bool is_digit(int c) noexcept { return c >= '0' && c <= '9'; }
// `c` may be -1 (end of input).
bool is_name_start(int c) noexcept {
  return c >= 0 && (char_classes[static_cast<unsigned char>(c)] & name_start_class) != 0;
}
bool is_name_continue(unsigned char c) noexcept {
  return (char_classes[c] & name_continue_class) != 0;
}

int hex_value(int c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_scalar_value(long c) noexcept {
  return (c >= 0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0x10FFFF);
}

void append_utf8(std::string& out, std::uint32_t cp) {
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

std::size_t utf8_length(unsigned char lead) noexcept {
  return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

/// The text graphql-js shows for body.slice(start, start + units): `units`
/// UTF-16 code units, never splitting a UTF-8 sequence.
std::string_view slice_units(std::string_view source, std::size_t start, std::size_t units) {
  std::size_t end = start;
  while (units > 0 && end < source.size()) {
    const auto lead = static_cast<unsigned char>(source[end]);
    end += utf8_length(lead);
    units -= (lead >= 0xF0 && units >= 2) ? 2 : 1;
  }
  if (end > source.size()) end = source.size();
  return source.substr(start, end - start);
}

}  // namespace

std::string_view describe(token_kind kind) noexcept {
  switch (kind) {
    case token_kind::sof: return "<SOF>";
    case token_kind::eof: return "<EOF>";
    case token_kind::bang: return "\"!\"";
    case token_kind::dollar: return "\"$\"";
    case token_kind::amp: return "\"&\"";
    case token_kind::paren_l: return "\"(\"";
    case token_kind::paren_r: return "\")\"";
    case token_kind::spread: return "\"...\"";
    case token_kind::colon: return "\":\"";
    case token_kind::equals: return "\"=\"";
    case token_kind::at: return "\"@\"";
    case token_kind::bracket_l: return "\"[\"";
    case token_kind::bracket_r: return "\"]\"";
    case token_kind::brace_l: return "\"{\"";
    case token_kind::pipe: return "\"|\"";
    case token_kind::brace_r: return "\"}\"";
    case token_kind::name: return "Name";
    case token_kind::int_: return "Int";
    case token_kind::float_: return "Float";
    case token_kind::string: return "String";
    case token_kind::block_string: return "BlockString";
  }
  return "<EOF>";
}

std::size_t find_invalid_utf8(std::string_view text) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    // ASCII fast path, eight bytes at a time.
    if (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, p + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;  // overlong
      if (c == 0xED) hi = 0x9F;  // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;  // overlong
      if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
      return i;
    }
    if (i + len > n || p[i + 1] < lo || p[i + 1] > hi) return i;
    for (std::size_t k = 2; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

std::string lexer::describe_code_point(std::string_view source, std::size_t offset) {
  if (offset >= source.size()) return "<EOF>";
  const auto c = static_cast<unsigned char>(source[offset]);
  if (c >= 0x20 && c <= 0x7E) {
    if (c == '"') return "'\"'";
    return std::string{'"', static_cast<char>(c), '"'};
  }
  std::uint32_t cp = c;
  const std::size_t len = utf8_length(c);
  if (len > 1 && offset + len <= source.size()) {
    cp = c & (0xFF >> (len + 1));
    for (std::size_t k = 1; k < len; ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(source[offset + k]) & 0x3F);
    }
  }
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string digits;
  for (std::uint32_t v = cp; v != 0; v >>= 4) digits.insert(digits.begin(), hex[v & 0xF]);
  while (digits.size() < 4) digits.insert(digits.begin(), '0');
  return "U+" + digits;
}

bool lexer::fail(std::size_t offset, std::string message) {
  error_offset_ = static_cast<std::uint32_t>(offset);
  error_message_ = std::move(message);
  return false;
}

std::string_view lexer::keep(std::string_view decoded) {
  if (decoded.empty()) return {};
  auto* mem = static_cast<char*>(strings_->allocate(decoded.size(), 1));
  std::memcpy(mem, decoded.data(), decoded.size());
  return {mem, decoded.size()};
}

bool lexer::next(token& out) {
  const char* p = source_.data();
  const std::size_t n = source_.size();
  std::size_t i = pos_;
  const auto punct = [&](token_kind kind, std::size_t len) {
    out = token{kind, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i + len), {}};
    pos_ = i + len;
    return true;
  };
  for (;;) {
    if (i >= n) {
      pos_ = n;
      out = token{token_kind::eof, static_cast<std::uint32_t>(n), static_cast<std::uint32_t>(n), {}};
      return true;
    }
    const auto c = static_cast<unsigned char>(p[i]);
    switch (c) {
      case ' ':
      case '\t':
      case ',':
      case '\n':
      case '\r':
        ++i;
        continue;
      case 0xEF:  // U+FEFF byte order mark, ignored anywhere
        if (i + 2 < n && static_cast<unsigned char>(p[i + 1]) == 0xBB &&
            static_cast<unsigned char>(p[i + 2]) == 0xBF) {
          i += 3;
          continue;
        }
        break;
      case '#':
        while (i < n && p[i] != '\n' && p[i] != '\r') ++i;
        continue;
      case '!': return punct(token_kind::bang, 1);
      case '$': return punct(token_kind::dollar, 1);
      case '&': return punct(token_kind::amp, 1);
      case '(': return punct(token_kind::paren_l, 1);
      case ')': return punct(token_kind::paren_r, 1);
      case '.':
        if (i + 2 < n && p[i + 1] == '.' && p[i + 2] == '.') return punct(token_kind::spread, 3);
        break;
      case ':': return punct(token_kind::colon, 1);
      case '=': return punct(token_kind::equals, 1);
      case '@': return punct(token_kind::at, 1);
      case '[': return punct(token_kind::bracket_l, 1);
      case ']': return punct(token_kind::bracket_r, 1);
      case '{': return punct(token_kind::brace_l, 1);
      case '|': return punct(token_kind::pipe, 1);
      case '}': return punct(token_kind::brace_r, 1);
      case '"':
        if (i + 2 < n && p[i + 1] == '"' && p[i + 2] == '"') return read_block_string(i, out);
        return read_string(i, out);
      default:
        if (is_digit(c) || c == '-') return read_number(i, out);
        if (is_name_start(c)) {
          std::size_t end = i + 1;
          while (end < n && is_name_continue(static_cast<unsigned char>(p[end]))) ++end;
          out = token{token_kind::name, static_cast<std::uint32_t>(i),
                      static_cast<std::uint32_t>(end), source_.substr(i, end - i)};
          pos_ = end;
          return true;
        }
        break;
    }
    if (c == '\'') {
      return fail(i, "Unexpected single quote character ('), did you mean to use a double quote (\")?");
    }
    return fail(i, "Unexpected character: " + describe_code_point(source_, i) + ".");
  }
}

// Advances `pos` over one or more digits; fails when there is none.
bool lexer::read_digits(std::size_t& pos) {
  if (pos >= source_.size() || !is_digit(static_cast<unsigned char>(source_[pos]))) {
    return fail(pos, "Invalid number, expected digit but got: " +
                         describe_code_point(source_, pos) + ".");
  }
  while (pos < source_.size() && is_digit(static_cast<unsigned char>(source_[pos]))) ++pos;
  return true;
}

bool lexer::read_number(std::size_t start, token& out) {
  const std::size_t n = source_.size();
  const auto at = [&](std::size_t k) -> int {
    return k < n ? static_cast<unsigned char>(source_[k]) : -1;
  };
  std::size_t i = start;
  bool is_float = false;
  if (at(i) == '-') ++i;
  if (at(i) == '0') {
    ++i;
    if (is_digit(at(i))) {
      return fail(i, "Invalid number, unexpected digit after 0: " +
                         describe_code_point(source_, i) + ".");
    }
  } else if (!read_digits(i)) {
    return false;
  }
  if (at(i) == '.') {
    is_float = true;
    ++i;
    if (!read_digits(i)) return false;
  }
  if (at(i) == 'e' || at(i) == 'E') {
    is_float = true;
    ++i;
    if (at(i) == '+' || at(i) == '-') ++i;
    if (!read_digits(i)) return false;
  }
  // A number may not run into a name or another '.': `1.2.3`, `0x1`, `1e`.
  if (at(i) == '.' || is_name_start(at(i))) {
    return fail(i, "Invalid number, expected digit but got: " +
                       describe_code_point(source_, i) + ".");
  }
  out = token{is_float ? token_kind::float_ : token_kind::int_, static_cast<std::uint32_t>(start),
              static_cast<std::uint32_t>(i), source_.substr(start, i - start)};
  pos_ = i;
  return true;
}

bool lexer::read_string(std::size_t start, token& out) {
  const std::size_t n = source_.size();
  std::size_t i = start + 1;
  std::size_t chunk = i;
  bool decoded = false;
  while (i < n) {
    const char c = source_[i];
    if (c == '"') {
      std::string_view value = source_.substr(chunk, i - chunk);
      if (decoded) {
        scratch_.append(value);
        value = keep(scratch_);
      }
      out = token{token_kind::string, static_cast<std::uint32_t>(start),
                  static_cast<std::uint32_t>(i + 1), value};
      pos_ = i + 1;
      return true;
    }
    if (c == '\\') {
      if (!decoded) scratch_.clear();
      decoded = true;
      scratch_.append(source_.substr(chunk, i - chunk));
      if (!read_escape(i)) return false;
      chunk = i;
      continue;
    }
    if (c == '\n' || c == '\r') break;
    ++i;  // the source is valid UTF-8: any other byte belongs to the string
  }
  return fail(i, "Unterminated string.");
}

// At a backslash: appends the escaped code point(s) to scratch_ and moves
// `pos` past the escape sequence.
bool lexer::read_escape(std::size_t& pos) {
  const std::size_t n = source_.size();
  const auto at = [&](std::size_t k) -> int {
    return k < n ? static_cast<unsigned char>(source_[k]) : -1;
  };
  const auto hex4 = [&](std::size_t k) -> long {
    long v = 0;
    for (std::size_t d = 0; d < 4; ++d) {
      const int h = hex_value(at(k + d));
      if (h < 0) return -1;
      v = (v << 4) | h;
    }
    return v;
  };
  if (at(pos + 1) == 'u') {
    if (at(pos + 2) == '{') {
      // \u{X...}: at most 8 digits, a Unicode scalar value.
      long point = 0;
      std::size_t size = 3;
      while (size < 12) {
        const int c = at(pos + size++);
        if (c == '}') {
          if (size < 5 || !is_scalar_value(point)) break;
          append_utf8(scratch_, static_cast<std::uint32_t>(point));
          pos += size;
          return true;
        }
        const int h = hex_value(c);
        if (h < 0) break;
        point = (point << 4) | h;
        if (point > 0x7FFFFFFF) break;
      }
      return fail(pos, "Invalid Unicode escape sequence: \"" +
                           std::string(slice_units(source_, pos, size)) + "\".");
    }
    const long code = hex4(pos + 2);
    if (is_scalar_value(code)) {
      append_utf8(scratch_, static_cast<std::uint32_t>(code));
      pos += 6;
      return true;
    }
    // JSON-style surrogate pairs are allowed, but only as a valid pair.
    if (code >= 0xD800 && code <= 0xDBFF && at(pos + 6) == '\\' && at(pos + 7) == 'u') {
      const long trail = hex4(pos + 8);
      if (trail >= 0xDC00 && trail <= 0xDFFF) {
        append_utf8(scratch_,
                    static_cast<std::uint32_t>(0x10000 + ((code - 0xD800) << 10) + (trail - 0xDC00)));
        pos += 12;
        return true;
      }
    }
    return fail(pos, "Invalid Unicode escape sequence: \"" +
                         std::string(slice_units(source_, pos, 6)) + "\".");
  }
  char decoded;
  switch (at(pos + 1)) {
    case '"': decoded = '"'; break;
    case '\\': decoded = '\\'; break;
    case '/': decoded = '/'; break;
    case 'b': decoded = '\b'; break;
    case 'f': decoded = '\f'; break;
    case 'n': decoded = '\n'; break;
    case 'r': decoded = '\r'; break;
    case 't': decoded = '\t'; break;
    default:
      return fail(pos, "Invalid character escape sequence: \"" +
                           std::string(slice_units(source_, pos, 2)) + "\".");
  }
  scratch_.push_back(decoded);
  pos += 2;
  return true;
}

bool lexer::read_block_string(std::size_t start, token& out) {
  const std::size_t n = source_.size();
  std::size_t i = start + 3;
  std::size_t line_start = i;
  bool has_escape = false;
  lines_.clear();
  while (i < n) {
    const char c = source_[i];
    if (c == '"' && i + 2 < n && source_[i + 1] == '"' && source_[i + 2] == '"') {
      lines_.push_back(source_.substr(line_start, i - line_start));
      dedent_block_string_lines(lines_);
      std::string_view value;
      if (lines_.size() == 1 && !has_escape) {
        value = lines_[0];  // unchanged text: view the source
      } else {
        scratch_.clear();
        for (std::size_t k = 0; k < lines_.size(); ++k) {
          if (k != 0) scratch_.push_back('\n');
          const std::string_view line = lines_[k];
          if (!has_escape) {
            scratch_.append(line);
            continue;
          }
          for (std::size_t j = 0; j < line.size(); ++j) {
            if (line.compare(j, 4, R"(\""")") == 0) {
              scratch_.append(R"(""")");
              j += 3;
            } else {
              scratch_.push_back(line[j]);
            }
          }
        }
        value = keep(scratch_);
      }
      out = token{token_kind::block_string, static_cast<std::uint32_t>(start),
                  static_cast<std::uint32_t>(i + 3), value};
      pos_ = i + 3;
      return true;
    }
    if (c == '\\' && source_.compare(i + 1, 3, R"(""")") == 0) {
      has_escape = true;
      i += 4;
      continue;
    }
    if (c == '\n' || c == '\r') {
      lines_.push_back(source_.substr(line_start, i - line_start));
      i += (c == '\r' && i + 1 < n && source_[i + 1] == '\n') ? 2 : 1;
      line_start = i;
      continue;
    }
    ++i;
  }
  return fail(i, "Unterminated string.");
}

}  // namespace streamhub::graphql
