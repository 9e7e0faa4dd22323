#pragma once
// Prints syntax trees back to GraphQL text exactly as graphql-js's print()
// does (same spacing, indentation, line breaking and string escaping), so
// printed documents and values can be compared with graphql-js's output.
// For any tree t parsed from text: parse(print(t)) prints as print(t).

#include <string>
#include <string_view>

#include "protocol/graphql/ast.hpp"
#include "protocol/graphql/document.hpp"

namespace streamhub::graphql {

/// The whole document: definitions separated by a blank line.
std::string print(const document& doc);
std::string print(const definition_node& definition);
std::string print(const selection_node& selection);
/// A value literal, e.g. `{a: [1, "x"], b: ENUM}`.
std::string print_value(const value_node& value);
/// A type reference, e.g. `[String!]!`.
std::string print_type(const type_node& type);
/// `text` as a "quoted" GraphQL string, with graphql-js's escapes
/// (printString): control characters, '"' and '\'.
std::string print_string(std::string_view text);

}  // namespace streamhub::graphql
