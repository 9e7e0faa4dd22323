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

#include <optional>
#include <string>

#include "protocol/graphql/execution/json_buffer.hpp"
#include "protocol/graphql/execution/resolver_map.hpp"
#include "protocol/graphql/execution/value.hpp"
#include "protocol/graphql/schema.hpp"

namespace streamhub::graphql::detail {

enum class leaf_kind : std::uint8_t { int_, float_, string, boolean, id, enum_, custom };

/// Which serialiser a leaf type uses (compares names: do it once per plan).
leaf_kind classify_leaf(const named_type& type) noexcept;

/// Appends the JSON of `v` as a value of leaf type `type` (of kind `kind`)
/// to `out`; on failure appends nothing and returns the error message.
std::optional<std::string> serialize_leaf(json_buffer& out, const named_type& type, leaf_kind kind,
                                          const value& v, const resolver_map& hooks);
inline std::optional<std::string> serialize_leaf(json_buffer& out, const named_type& type,
                                                 const value& v, const resolver_map& hooks) {
  return serialize_leaf(out, type, classify_leaf(type), v, hooks);
}

/// Appends `text` as a JSON string literal; text without characters to
/// escape (the usual case) is copied in one piece.
void append_json_text(json_buffer& out, std::string_view text);

/// Appends `v` as plain JSON (a custom scalar's default serialisation);
/// false when it holds an application object, which has no JSON form.
bool append_json_value(json_buffer& out, const value& v);

/// Appends a double as JSON.stringify writes it (non-finite as null).
void append_json_number(json_buffer& out, double d);

}  // namespace streamhub::graphql::detail
