#pragma once
// A request's JSON text (its "variables") decoded straight into untyped
// values, with Boost.JSON's SAX parser: no intermediate DOM. Objects become
// property_objects in key order; a repeated key keeps its first position
// and its last value, as JSON.parse does. Numbers: integers that fit in 64
// bits stay integers, others are doubles. Internal to execution.

#include <optional>
#include <string_view>

#include "protocol/graphql/execution/value.hpp"

namespace streamhub::graphql::detail {

enum class json_failure : std::uint8_t { malformed, too_deep };

struct json_decoded {
  std::optional<value> decoded;  // set on success
  json_failure failure = json_failure::malformed;
};

/// Arrays and objects nested deeper than `max_depth` are refused (later
/// stages recurse over values).
json_decoded decode_json(std::string_view text, int max_depth = 128);

/// A JSON number literal that is not a 64-bit integer, read as JSON.parse
/// reads it (the nearest double; out of range: infinity or zero).
double json_double(std::string_view literal);

}  // namespace streamhub::graphql::detail
