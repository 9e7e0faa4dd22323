#pragma once
// Input coercion, internal to execution, after graphql-js 16:
//  - coerce_input_value: an untyped input (a variable's JSON value) to a
//    value of an input type (coerceInputValue), reporting each problem;
//  - value_from_literal: a literal, possibly with variables, to a value of
//    an input type, or nullopt when invalid (valueFromAST);
//  - untyped_from_literal: a literal as a plain value
//    (valueFromASTUntyped), what custom scalars parse.
// Strings and enum names in results view the literal's document.

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>

#include "protocol/graphql/ast.hpp"
#include "protocol/graphql/execution/resolver_map.hpp"
#include "protocol/graphql/execution/value.hpp"
#include "protocol/graphql/execution/variables.hpp"
#include "protocol/graphql/graphql_error.hpp"
#include "protocol/graphql/type_ref.hpp"

namespace streamhub::graphql::detail {

/// The coerced defaults of input object fields, computed once (at
/// prepare) so that coercing a variable does not re-coerce them.
class input_defaults {
 public:
  /// Adds the fields of every input object type reachable from `type`.
  void add_reachable(type_ref type, const resolver_map& hooks);
  /// The coerced default of `field`; null when it has none, when its
  /// literal is invalid (graphql-js then has none either) or when the
  /// field's type was never added.
  const value* find(const input_value_def& field) const noexcept;

 private:
  std::unordered_map<const input_value_def*, std::optional<value>> defaults_;
};

/// Called per problem: the path below the coerced value, the offending
/// input and the reason. Returns false to stop coercing.
using input_problem_fn =
    std::function<bool(std::span<const path_segment> path, const value& invalid, std::string reason)>;

/// Returns the coerced value; when a problem was reported the result is
/// meaningless.
value coerce_input_value(const value& input, type_ref type, const resolver_map& hooks,
                         const input_defaults& defaults, const input_problem_fn& on_problem);

/// A leaf type's parseValue (graphql-js): `input` (an untyped scalar, list
/// or object) as a value of the scalar or enum `type`, or graphql-js's
/// message saying why it is not one.
result<value> parse_leaf(const value& input, const named_type& type, const resolver_map& hooks);

/// `variables` may be null (constant literals).
std::optional<value> value_from_literal(const value_node& literal, type_ref type,
                                        const resolver_map& hooks, const variable_values* variables);

/// Absent variables give nullopt (graphql-js's undefined).
std::optional<value> untyped_from_literal(const value_node& literal, const variable_values* variables);

/// Whether the literal contains a variable anywhere.
bool has_variables(const value_node& literal) noexcept;

/// graphql-js printPathArray: ".a[0].b".
std::string print_path(std::span<const path_segment> path);

}  // namespace streamhub::graphql::detail
