#pragma once
// Leaf completion (spec CompleteValue for scalars and enums, graphql-js's
// serialize functions): a resolver's value written as the JSON of a
// scalar or enum, or the reason it cannot be, in graphql-js's words:
//   Int cannot represent non-integer value: 1.5
//   Int cannot represent non 32-bit signed integer value: 3000000000
//   Float cannot represent non numeric value: NaN
//   Enum "Episode" cannot represent value: "SITH"
// Built-in scalars accept what graphql-js's accept (an Int from true is 1,
// a String from 42 is "42", ...). Internal to execution.

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "protocol/graphql/execution/json_buffer.hpp"
#include "protocol/graphql/execution/resolver_map.hpp"
#include "protocol/graphql/execution/value.hpp"
#include "protocol/graphql/schema.hpp"

namespace streamhub::graphql::detail {

/// custom_plain: a custom scalar without a serialize hook, whose values
/// are written as plain JSON.
enum class leaf_kind : std::uint8_t { int_, float_, string, boolean, id, enum_, custom, custom_plain };

/// Which serialiser a leaf type uses (compares names: do it once per plan).
leaf_kind classify_leaf(const named_type& type) noexcept;
/// The same, knowing the hooks: custom_plain for a custom scalar without
/// a serialize hook.
leaf_kind classify_leaf(const named_type& type, const resolver_map& hooks) noexcept;

/// Appends the JSON of `v` as a value of leaf type `type` (of kind `kind`)
/// to `out`; on failure appends nothing and returns the error message.
std::optional<std::string> serialize_leaf(json_buffer& out, const named_type& type, leaf_kind kind,
                                          const value& v, const resolver_map& hooks);
inline std::optional<std::string> serialize_leaf(json_buffer& out, const named_type& type,
                                                 const value& v, const resolver_map& hooks) {
  return serialize_leaf(out, type, classify_leaf(type), v, hooks);
}

namespace leaf_detail {
// Whether a byte of the 8 in `x` is below 0x20, '"' or '\\' (bit tricks
// from "Bit Twiddling Hacks": a byte is zero / less than n).
inline bool needs_escape(std::uint64_t x) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101ull;
  constexpr std::uint64_t highs = 0x8080808080808080ull;
  const std::uint64_t quote = x ^ (ones * '"');
  const std::uint64_t backslash = x ^ (ones * '\\');
  return (((x - ones * 0x20) & ~x) | ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash)) &
         highs;
}

template <class Word>
inline std::uint64_t load(const char* p) noexcept {
  Word x;
  std::memcpy(&x, p, sizeof x);
  return x;
}
}  // namespace leaf_detail

/// Whether `text` needs no escape as a JSON string: no control character,
/// quote or backslash. Eight bytes at a time; a shorter rest is checked as
/// one word overlapping the last, or as two overlapping halves, so short
/// names take no loop.
inline bool plain_json_text(std::string_view text) noexcept {
  using leaf_detail::load;
  using leaf_detail::needs_escape;
  const std::size_t n = text.size();
  const char* p = text.data();
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8) {
      if (needs_escape(load<std::uint64_t>(p + i))) return false;
    }
    return !needs_escape(load<std::uint64_t>(p + n - 8));
  }
  if (n >= 4) return !needs_escape(load<std::uint32_t>(p) | (load<std::uint32_t>(p + n - 4) << 32));
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(p[i]);
    if (c < 0x20 || c == '"' || c == '\\') return false;
  }
  return true;
}

/// Appends `text` as a JSON string literal; text without characters to
/// escape (the usual case) is copied in one piece.
void append_json_text(json_buffer& out, std::string_view text);

/// The enum value of `type` named `name`, or null.
const enum_value_def* find_enum_name(const named_type& type, std::string_view name) noexcept;

/// The commonest leaves, inline: a String or ID from a string, an Int from
/// a 32-bit integer, a Boolean from a boolean, an ID from an integer, a
/// Float from an integer or an integral double below 2^53 (JavaScript
/// prints those as integers too), an enum value it defines by name, a
/// string, integer or boolean of a custom scalar without hooks.
/// Returns false, having written nothing, for anything else:
/// serialize_leaf then converts it or says why not.
/// 2^53: integers below it are exact in a double.
inline constexpr std::int64_t max_exact_integer = std::int64_t{1} << 53;

inline bool write_plain_leaf(json_buffer& out, const named_type& type, leaf_kind kind,
                             const value& v) {
  switch (v.type()) {
    case value_type::string: {
      const std::string_view s = v.as_string();
      if (kind == leaf_kind::enum_) {
        const enum_value_def* def = find_enum_name(type, s);
        if (def == nullptr) return false;
        out.append_quoted(def->name);  // a Name: nothing to escape
        return true;
      }
      if (kind != leaf_kind::string && kind != leaf_kind::id && kind != leaf_kind::custom_plain) return false;
      if (!plain_json_text(s)) return false;
      out.append_quoted(s);
      return true;
    }
    case value_type::integer: {
      const std::int64_t i = v.as_int();
      if (kind == leaf_kind::float_) {
        if (i >= max_exact_integer || i <= -max_exact_integer) return false;
        out.append_int(i);
        return true;
      }
      if (kind == leaf_kind::custom_plain) {
        out.append_int(i);
        return true;
      }
      if (kind != leaf_kind::int_ && kind != leaf_kind::id) return false;
      if (kind == leaf_kind::int_ && (i > INT32_MAX || i < INT32_MIN)) return false;
      const bool quoted = kind == leaf_kind::id;
      if (quoted) out.put('"');
      out.append_int(i);
      if (quoted) out.put('"');
      return true;
    }
    case value_type::floating: {
      const double d = v.as_float();
      if (kind != leaf_kind::float_ || !(d < max_exact_integer && d > -max_exact_integer)) return false;
      const auto i = static_cast<std::int64_t>(d);
      if (static_cast<double>(i) != d) return false;
      out.append_int(i);
      return true;
    }
    case value_type::boolean:
      if (kind != leaf_kind::boolean && kind != leaf_kind::custom_plain) return false;
      out.append(v.as_bool() ? std::string_view("true") : std::string_view("false"));
      return true;
    default: return false;
  }
}

/// Appends `v` as plain JSON (a custom scalar's default serialisation);
/// false when it holds an application object, which has no JSON form.
bool append_json_value(json_buffer& out, const value& v);

/// Appends a double as JSON.stringify writes it (non-finite as null).
void append_json_number(json_buffer& out, double d);

}  // namespace streamhub::graphql::detail
