#include "protocol/domain/text_rules.hpp"

#include <string>

namespace streamhub::domain {

namespace {

// Decodes one code point at text[i]; returns its length, or 0 when malformed.
std::size_t decode_one(std::string_view text, std::size_t i, char32_t& cp) noexcept {
  const auto b0 = static_cast<unsigned char>(text[i]);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  std::size_t len;
  char32_t min;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    cp = b0 & 0x1F;
    min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    cp = b0 & 0x0F;
    min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    cp = b0 & 0x07;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > text.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

bool is_control(char32_t cp) noexcept { return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0); }

bool is_space(char32_t cp) noexcept {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == 0x3000 ||
         (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F || cp == 0xFEFF;
}

}  // namespace

bool is_valid_utf8(std::string_view text) noexcept {
  char32_t cp;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = decode_one(text, i, cp);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::size_t code_point_count(std::string_view text) noexcept {
  std::size_t n = 0;
  for (char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

result<void> check_text(std::string_view field, std::string_view text, std::size_t max_code_points,
                        bool required, bool allow_newlines) {
  auto fail = [&](std::string_view rule) {
    return error{error_code::invalid, std::string(field) + " " + std::string(rule)};
  };
  if (text.empty()) {
    if (required) return fail("must not be empty");
    return {};
  }
  std::size_t count = 0;
  bool only_space = true;
  char32_t cp;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = decode_one(text, i, cp);
    if (n == 0) return fail("is not valid UTF-8");
    const bool newline = cp == '\n' || (cp == '\r');
    if (is_control(cp) && !(allow_newlines && newline) && cp != '\t')
      return fail("must not contain control characters");
    if (cp == '\t' && !allow_newlines) return fail("must not contain control characters");
    if (!is_space(cp)) only_space = false;
    ++count;
    i += n;
  }
  if (count > max_code_points)
    return fail("must be at most " + std::to_string(max_code_points) + " characters");
  if (only_space && required) return fail("must not be only white space");
  return {};
}

}  // namespace streamhub::domain
