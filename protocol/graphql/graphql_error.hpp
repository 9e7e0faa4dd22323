#pragma once
// The GraphQL error shared by parsing, schema building, validation and
// execution, and its JSON form in a GraphQL response (spec 7.1.2):
//
//   {"message":"...","locations":[{"line":1,"column":2}],
//    "path":["hero","friends",0,"name"],"extensions":{"code":"..."}}
//
// "locations", "path" and "extensions" are omitted when empty, as graphql-js
// does. Lines and columns are 1-based; columns count UTF-16 code units, like
// graphql-js, so messages compare equal across the two implementations.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "protocol/error.hpp"

namespace streamhub::graphql {

/// A position in a GraphQL source text, 1-based.
struct source_location {
  std::uint32_t line = 1;
  std::uint32_t column = 1;

  friend bool operator==(const source_location&, const source_location&) = default;
};

/// One step of a response path: a field's response name or a list index.
using path_segment = std::variant<std::string, std::size_t>;

struct graphql_error {
  std::string message;
  std::vector<source_location> locations;
  std::vector<path_segment> path;
  /// Written as a JSON object of strings, in this order. By convention
  /// "code" comes first when present.
  std::vector<std::pair<std::string, std::string>> extensions;

  graphql_error() = default;
  explicit graphql_error(std::string msg) : message(std::move(msg)) {}
  graphql_error(std::string msg, source_location at) : message(std::move(msg)), locations{at} {}

  /// Sets (or replaces) extensions[key]. Returns *this for chaining.
  graphql_error& set_extension(std::string_view key, std::string_view value);
  /// extensions["code"], or "" when absent.
  std::string_view code() const noexcept;

  friend bool operator==(const graphql_error&, const graphql_error&) = default;
};

/// Appends the JSON object of one error to `out`.
void append_json(std::string& out, const graphql_error& err);
/// The JSON array of `errors`, e.g. for a response's "errors" member.
std::string to_json(std::span<const graphql_error> errors);

/// Appends `text` as a JSON string literal (quotes included), escaping what
/// RFC 8259 requires. REQUIRES: `text` is valid UTF-8 (it is passed through).
void append_json_string(std::string& out, std::string_view text);

/// Either a value or the list of GraphQL errors that prevented it (never
/// empty). The engine's counterpart of streamhub::result, which carries one
/// project error rather than located GraphQL errors.
template <class T>
class [[nodiscard]] outcome {
 public:
  outcome(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  outcome(graphql_error err)
      : state_(std::in_place_index<1>, std::vector<graphql_error>{std::move(err)}) {}
  /// REQUIRES: !errors.empty().
  outcome(std::vector<graphql_error> errors) : state_(std::in_place_index<1>, std::move(errors)) {}

  bool has_value() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  /// REQUIRES: has_value().
  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  /// REQUIRES: !has_value().
  const std::vector<graphql_error>& errors() const& { return std::get<1>(state_); }
  std::vector<graphql_error>&& errors() && { return std::get<1>(std::move(state_)); }

  /// The errors as one project error (code invalid), messages joined by
  /// "\n", each followed by its first location. REQUIRES: !has_value().
  streamhub::error to_error() const;

 private:
  std::variant<T, std::vector<graphql_error>> state_;
};

/// The messages of `errors` as one project error; see outcome::to_error.
streamhub::error to_error(std::span<const graphql_error> errors);

template <class T>
streamhub::error outcome<T>::to_error() const {
  return graphql::to_error(errors());
}

}  // namespace streamhub::graphql
