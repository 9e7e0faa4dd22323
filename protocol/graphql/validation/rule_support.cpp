#include "protocol/graphql/validation/rule_support.hpp"

namespace streamhub::graphql::detail {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

// A copy of the comparison suggestions.cpp keeps private; numbers are
// doubles as in JavaScript, so long digit runs cannot overflow.
int natural_compare(std::string_view a, std::string_view b) noexcept {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (is_digit(a[i]) && is_digit(b[j])) {
      double an = 0, bn = 0;
      do {
        an = an * 10 + (a[i] - '0');
        ++i;
      } while (i < a.size() && is_digit(a[i]) && an > 0);
      do {
        bn = bn * 10 + (b[j] - '0');
        ++j;
      } while (j < b.size() && is_digit(b[j]) && bn > 0);
      if (an != bn) return an < bn ? -1 : 1;
    } else {
      if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]) ? -1 : 1;
      ++i;
      ++j;
    }
  }
  return a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
}

std::string quoted(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  out += text;
  out += '"';
  return out;
}

std::string quoted(type_ref type) { return quoted(type.to_string()); }

}  // namespace streamhub::graphql::detail
