#pragma once
// What the gateway checks before executing an operation: which operation a
// request runs (GetOperation, with graphql-js's messages) and its size:
// depth, field and alias counts and an estimated cost, all with fragments
// expanded. The figures are static: every selection counts, whatever
// @skip / @include would decide at execution.
//
// Cost: each field costs 1; a list field multiplies the cost of its
// selection by how many items it asks for: its `first` or `last` argument
// (the larger when both are given; a literal, else the variable's value,
// else the variable's default, else the argument's default in the schema,
// else 1). A Relay connection (an object field with `first` or `last`)
// multiplies the same way, and the lists in its selection (edges, nodes) are
// that page, not multiplied again. Any other list field multiplies by
// analysis_options::default_list_size. Counts saturate at UINT64_MAX.
//
// Introspection (`__schema`, `__type`) counts as depth 1 and cost 1: its
// answer is bounded by the schema (and the executor's response limit), and
// GraphiQL's introspection query is deeper than any product query needs.
// Its fields and aliases count as usual.
//
// Fragments are expanded through a memo, one computation per fragment, so
// the work is linear in the document even when the expanded operation is
// exponentially large (the figures then say so).
//
// Thread-safety: reentrant.

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include "protocol/graphql/ast.hpp"
#include "protocol/graphql/document.hpp"
#include "protocol/graphql/graphql_error.hpp"
#include "protocol/graphql/schema.hpp"

namespace streamhub::graphql {

struct analysis_options {
  /// The multiplier of a list field without `first` or `last` arguments.
  std::uint64_t default_list_size = 10;
};

struct operation_analysis {
  /// Fields nested along the deepest path; a root field is at depth 1.
  std::uint32_t depth = 0;
  /// Field selections (a fragment spread twice counts twice).
  std::uint64_t fields = 0;
  /// Field selections with an alias.
  std::uint64_t aliases = 0;
  /// The estimated cost; see the header comment.
  std::uint64_t cost = 0;
  /// A `first` or `last` argument is a variable: the cost depends on the
  /// request's variables, so analyze again with them.
  bool cost_uses_variables = false;
};

/// The value of the Int variable `name` in a request; nullopt when it is
/// absent, null or not an integer.
using int_variable_lookup = std::function<std::optional<std::int64_t>(std::string_view name)>;

/// The operation a request runs (spec GetOperation). An empty name means
/// none was given. Errors, without locations, as graphql-js words them:
/// "Must provide an operation.", "Must provide operation name if query
/// contains multiple operations.", "Unknown operation named \"X\".".
outcome<const operation_definition_node*> find_operation(const document& doc,
                                                         std::string_view operation_name);

/// The figures of `op`, one of doc's operations. `variables` may be empty
/// (no variables given). REQUIRES: doc passed validate() against `schema`.
operation_analysis analyze(const schema& schema, const document& doc,
                           const operation_definition_node& op,
                           const int_variable_lookup& variables = {},
                           const analysis_options& options = {});

/// find_operation, then analyze.
outcome<operation_analysis> analyze(const schema& schema, const document& doc,
                                    std::string_view operation_name,
                                    const int_variable_lookup& variables = {},
                                    const analysis_options& options = {});

}  // namespace streamhub::graphql
