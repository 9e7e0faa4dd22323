#pragma once
// A request's variables decoded from their JSON text straight into coerced
// values: one pass over the parser's events, each value built as the type
// of its variable, list item or input field says, without untyped values
// first. Internal to execution.
//
// It takes the requests that coerce without a problem and declines the
// rest: any value coercion refuses, a key given twice, an array where an
// input object or a custom scalar is expected (graphql-js reads one as an
// object keyed by indices), an object for a custom scalar, malformed JSON.
// The caller then decodes (json_input) and coerces (input_coercion) in two
// steps, which find every problem and word it as graphql-js does. What it
// accepts it coerces exactly as those two steps would.

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "protocol/graphql/execution/value.hpp"

namespace streamhub::graphql::detail {

struct operation_plan;

/// One entry per variable definition, named, in definition order.
using variable_entries = std::vector<std::pair<std::string_view, std::optional<value>>>;

/// Sets each entry of `out` (REQUIRES: one per variable definition of `op`)
/// to the variable's coerced value, its default, or nullopt when neither.
/// False when declined; `out` is then meaningless.
bool decode_variables(const operation_plan& op, std::string_view json, variable_entries& out);

}  // namespace streamhub::graphql::detail
