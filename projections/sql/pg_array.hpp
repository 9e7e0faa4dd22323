#pragma once
// A PostgreSQL array literal built in memory, so that a column of many rows
// travels as one statement parameter:
//
//   INSERT INTO t (a, b) SELECT * FROM unnest($1::bigint[], $2::text[])
//
// One prepared statement then writes any number of rows, which is what the
// projectors' batches do (many rows per round trip, no SQL built by hand).
//
// Literal grammar (PostgreSQL "array input"): '{' element (',' element)* '}'
// with element := NULL | number | '"' (char except '"' and '\' | '\' char)* '"'.
//
// Thread-safety: none (a value type).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace streamhub::projections::sql {

class pg_array {
 public:
  void add(std::string_view text);
  void add(const std::string& text) { add(std::string_view(text)); }
  /// Without it a string literal would pick add(bool).
  void add(const char* text) { add(std::string_view(text)); }
  void add(std::int64_t value);
  void add(std::uint64_t value);
  void add(int value) { add(static_cast<std::int64_t>(value)); }
  void add(bool value);
  void add(const std::optional<std::string>& text);
  void add_null();

  /// How many elements were added.
  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }

  /// The literal, e.g. {1,NULL,"a \"b\""}.
  std::string literal() const;

 private:
  void separate();

  std::string body_;
  std::size_t size_ = 0;
};

/// The literal of a text array, for one text[] column value, e.g. a chat
/// message's badges: {"moderator","subscriber"}.
template <class Range>
std::string text_array_literal(const Range& items) {
  pg_array array;
  for (const auto& item : items) array.add(std::string_view(item));
  return array.literal();
}

}  // namespace streamhub::projections::sql
