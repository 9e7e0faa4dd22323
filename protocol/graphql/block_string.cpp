#include "protocol/graphql/block_string.hpp"

#include <algorithm>
#include <cstddef>
#include <limits>

namespace streamhub::graphql {

namespace {

bool is_white_space(char c) noexcept { return c == ' ' || c == '\t'; }

std::size_t leading_white_space(std::string_view line) noexcept {
  std::size_t i = 0;
  while (i < line.size() && is_white_space(line[i])) ++i;
  return i;
}

bool ends_with(std::string_view s, std::string_view suffix) noexcept {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

void dedent_block_string_lines(std::vector<std::string_view>& lines) {
  std::size_t common_indent = std::numeric_limits<std::size_t>::max();
  std::size_t first_non_empty = lines.size();
  std::size_t last_non_empty = 0;
  bool any_non_empty = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::size_t indent = leading_white_space(lines[i]);
    if (indent == lines[i].size()) continue;
    if (!any_non_empty) first_non_empty = i;
    any_non_empty = true;
    last_non_empty = i;
    if (i != 0 && indent < common_indent) common_indent = indent;
  }
  if (!any_non_empty) {
    lines.clear();
    return;
  }
  for (std::size_t i = 1; i < lines.size(); ++i) {
    lines[i].remove_prefix(std::min(common_indent, lines[i].size()));
  }
  lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(last_non_empty) + 1, lines.end());
  lines.erase(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(first_non_empty));
}

std::string block_string_value(std::string_view raw) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\n' || raw[i] == '\r') {
      lines.push_back(raw.substr(start, i - start));
      if (raw[i] == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
      start = i + 1;
    }
  }
  lines.push_back(raw.substr(start));
  dedent_block_string_lines(lines);
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i != 0) out.push_back('\n');
    out += lines[i];
  }
  return out;
}

bool is_printable_as_block_string(std::string_view value) noexcept {
  if (value.empty()) return true;
  bool is_empty_line = true;
  bool has_indent = false;
  bool has_common_indent = true;
  bool seen_non_empty_line = false;
  for (const char ch : value) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\n') {
      if (is_empty_line && !seen_non_empty_line) return false;  // leading newline
      seen_non_empty_line = true;
      is_empty_line = true;
      has_indent = false;
    } else if (c == '\t' || c == ' ') {
      has_indent = has_indent || is_empty_line;
    } else if (c < 0x10) {
      // \r, and the control characters graphql-js rejects (it lets U+0010
      // to U+001F through; we match it so printed output agrees).
      return false;
    } else {
      has_common_indent = has_common_indent && has_indent;
      is_empty_line = false;
    }
  }
  if (is_empty_line) return false;                               // trailing empty line
  if (has_common_indent && seen_non_empty_line) return false;  // internal indent
  return true;
}

std::string print_block_string(std::string_view value, bool minimize) {
  std::string escaped;
  escaped.reserve(value.size() + 8);
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value.compare(i, 3, R"(""")") == 0) {
      escaped += R"(\""")";
      i += 2;
    } else {
      escaped.push_back(value[i]);
    }
  }
  // Split like graphql-js: /\r\n|[\n\r]/.
  std::vector<std::string_view> lines;
  {
    std::string_view e = escaped;
    std::size_t start = 0;
    for (std::size_t i = 0; i < e.size(); ++i) {
      if (e[i] == '\n' || e[i] == '\r') {
        lines.push_back(e.substr(start, i - start));
        if (e[i] == '\r' && i + 1 < e.size() && e[i + 1] == '\n') ++i;
        start = i + 1;
      }
    }
    lines.push_back(e.substr(start));
  }
  const bool is_single_line = lines.size() == 1;
  bool force_leading_new_line = lines.size() > 1;
  for (std::size_t i = 1; i < lines.size() && force_leading_new_line; ++i) {
    force_leading_new_line = lines[i].empty() || is_white_space(lines[i][0]);
  }
  const bool has_trailing_triple_quotes = ends_with(escaped, R"(\""")");
  const bool has_trailing_quote = ends_with(value, "\"") && !has_trailing_triple_quotes;
  const bool has_trailing_slash = ends_with(value, "\\");
  const bool force_trailing_new_line = has_trailing_quote || has_trailing_slash;
  // graphql-js compares value.length (UTF-16 units); count code points the
  // same way, two for those above U+FFFF.
  std::size_t utf16_length = 0;
  for (const char ch : value) {
    const auto b = static_cast<unsigned char>(ch);
    if ((b & 0xC0) != 0x80) utf16_length += b >= 0xF0 ? 2 : 1;
  }
  const bool print_as_multiple_lines =
      !minimize && (!is_single_line || utf16_length > 70 || force_trailing_new_line ||
                    force_leading_new_line || has_trailing_triple_quotes);
  const bool skip_leading_new_line =
      is_single_line && !value.empty() && is_white_space(value[0]);

  std::string out = R"(""")";
  if ((print_as_multiple_lines && !skip_leading_new_line) || force_leading_new_line) {
    out.push_back('\n');
  }
  out += escaped;
  if (print_as_multiple_lines || force_trailing_new_line) out.push_back('\n');
  out += R"(""")";
  return out;
}

}  // namespace streamhub::graphql
