#pragma once
// Default values as graphql-js shows them in introspection
// (__InputValue.defaultValue) and printSchema: the SDL literal coerced to
// the input type (valueFromAST) and printed back (astFromValue + print).
// That normalises: input object fields in the type's order with their own
// defaults filled in; a single value for a list type wrapped in [ ];
// Int and Float written as JavaScript writes numbers (1.0 -> 1,
// 1e30 -> 1e+30); an ID that looks like an integer unquoted; block strings
// as plain strings.

#include <optional>
#include <string>

#include "protocol/graphql/ast.hpp"
#include "protocol/graphql/schema.hpp"
#include "protocol/graphql/type_ref.hpp"

namespace streamhub::graphql {

/// The printed default of an argument or input field; nullopt when it has
/// none, or when its literal is not a valid value of its type (graphql-js
/// then shows none either). Lists and objects given to a custom scalar are
/// printed as written (graphql-js cannot print them at all).
std::optional<std::string> print_default_value(const input_value_def& input);

/// The same for any constant literal and input type.
std::optional<std::string> print_coerced_literal(const value_node& literal, type_ref type);

/// A number as JavaScript's String(number) writes it. REQUIRES: finite.
std::string format_js_number(double value);

}  // namespace streamhub::graphql
