#pragma once
// graphql-js's inspect(): how error messages show a value, e.g.
//   "abc" (JSON-quoted), 1.5, true, null, [1, 2], { a: 1, b: "x" }
// Lists show at most 10 items ("... 3 more items"); lists and objects
// nested deeper than two levels show as [Array] / [Object]. Numbers are
// written as JavaScript writes them. Internal to execution.

#include <string>

#include "protocol/graphql/execution/value.hpp"

namespace streamhub::graphql::detail {

std::string inspect(const value& v);

/// A number as JavaScript's String(number) writes it, including NaN and
/// +-Infinity.
std::string js_number(double d);

}  // namespace streamhub::graphql::detail
