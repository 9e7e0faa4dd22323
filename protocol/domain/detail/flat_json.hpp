#pragma once
// A reader for flat JSON objects, the shape of every event payload: members
// whose values are strings, integers, true, false, null or arrays of
// strings; no nesting, no fractions or exponents. It is the fast path of the
// payload decoder (protocol/domain/event_codec.cpp), which rebuilds every
// entity from the log: nlohmann's parser spent about 9,000 instructions per
// event there, this about a tenth of that.
//
// It never guesses: whatever it does not fully understand (another shape,
// a malformed escape, invalid UTF-8, a number it cannot hold) it declines,
// and the caller decodes the payload with nlohmann, which has the final say
// on what is valid and how it reads.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace streamhub::domain::detail {

/// One member's value, pointing into the parsed text.
struct flat_value {
  enum class kind : std::uint8_t { string, integer, boolean, null, string_array };
  kind what = kind::null;
  /// string: the characters between the quotes, escapes not yet resolved;
  /// integer: the digits (with '-'); string_array: the text between '[' and ']'.
  std::string_view raw;
  bool escaped = false;  ///< string: `raw` holds at least one backslash.
  bool truth = false;    ///< boolean: its value.
};

/// Calls `member(key, value)` for each member of the object `text`, in
/// order; `member` returns false to decline. Returns false when `text` is
/// not a flat object as described above or `member` declined.
template <class Member>
bool for_each_flat_member(std::string_view text, Member&& member);

/// The string a flat_value of kind string stands for; nullopt for an escape
/// JSON does not allow (or a lone surrogate).
std::optional<std::string> unescape(const flat_value& v);
/// The integer a flat_value of kind integer holds, if it fits.
std::optional<std::int64_t> to_int64(const flat_value& v);
std::optional<std::uint64_t> to_uint64(const flat_value& v);
/// The strings of a flat_value of kind string_array.
std::optional<std::vector<std::string>> to_strings(const flat_value& v);

// -- Implementation -----------------------------------------------------------

/// Scanning primitives, in flat_json.cpp. Each advances `i` past what it read.
void skip_space(std::string_view text, std::size_t& i) noexcept;
/// REQUIRES: text[i] == '"'. Reads to the closing quote: no raw control
/// characters, valid UTF-8.
bool scan_string(std::string_view text, std::size_t& i, flat_value& out) noexcept;
/// Reads any value but an object.
bool scan_value(std::string_view text, std::size_t& i, flat_value& out) noexcept;

template <class Member>
bool for_each_flat_member(std::string_view text, Member&& member) {
  std::size_t i = 0;
  skip_space(text, i);
  if (i >= text.size() || text[i] != '{') return false;
  ++i;
  skip_space(text, i);
  if (i < text.size() && text[i] == '}') {
    ++i;
  } else {
    for (;;) {
      flat_value key, value;
      if (i >= text.size() || text[i] != '"' || !scan_string(text, i, key) || key.escaped) return false;
      skip_space(text, i);
      if (i >= text.size() || text[i] != ':') return false;
      ++i;
      skip_space(text, i);
      if (!scan_value(text, i, value) || !member(key.raw, value)) return false;
      skip_space(text, i);
      if (i >= text.size()) return false;
      if (text[i] == '}') {
        ++i;
        break;
      }
      if (text[i] != ',') return false;
      ++i;
      skip_space(text, i);
    }
  }
  skip_space(text, i);
  return i == text.size();
}

}  // namespace streamhub::domain::detail
