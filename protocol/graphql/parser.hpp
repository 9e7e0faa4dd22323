#pragma once
// The GraphQL parser (spec section 2 and the type system language of
// section 3): text to an immutable, shareable `document`.
//
// Every entry point stops at the first error and returns it as one
// graphql_error in the spec's format, with graphql-js's wording, e.g.
//   message "Syntax Error: Expected Name, found <EOF>.", locations [{1, 10}]
// Hostile input is bounded by parse_limits: the parser's recursion is
// limited by max_depth, its work by max_tokens and max_bytes.
//
// Thread-safety: the functions are reentrant; documents are immutable.

#include <cstddef>
#include <memory>
#include <string_view>

#include "protocol/graphql/ast.hpp"
#include "protocol/graphql/document.hpp"
#include "protocol/graphql/graphql_error.hpp"

namespace streamhub::graphql {

struct parse_limits {
  /// Larger sources fail before lexing: "Syntax Error: Document is larger
  /// than the limit of N bytes.".
  std::size_t max_bytes = 1 << 20;
  /// Counted like graphql-js's maxTokens (comments and <EOF> excluded):
  /// "Syntax Error: Document contains more than N tokens. Parsing aborted.".
  std::size_t max_tokens = 100'000;
  /// Nesting of selection sets, list and object values and list types
  /// together: "Syntax Error: Document exceeds the maximum nesting depth
  /// of N.". This bounds the parser's recursion and that of every later
  /// walk over the tree.
  std::size_t max_depth = 128;
};

/// A document as a client sends it: operations and fragments. Like
/// graphql-js's parse(), type-system definitions are accepted too, so that
/// validation (ExecutableDefinitions) rejects them with the spec's message.
outcome<std::shared_ptr<const document>> parse_executable(std::string_view source,
                                                          const parse_limits& limits = {});

/// A type-system document (SDL): schema, type and directive definitions
/// and extensions. An operation or fragment is a syntax error.
outcome<std::shared_ptr<const document>> parse_sdl(std::string_view source,
                                                   const parse_limits& limits = {});

/// One value literal filling the whole source, e.g. "[1, {a: $x}]".
/// `constant`: variables are a syntax error (as in default values).
outcome<parsed<value_node>> parse_value(std::string_view source, bool constant = false,
                                        const parse_limits& limits = {});

/// One type reference filling the whole source, e.g. "[String!]!".
outcome<parsed<type_node>> parse_type(std::string_view source, const parse_limits& limits = {});

}  // namespace streamhub::graphql
