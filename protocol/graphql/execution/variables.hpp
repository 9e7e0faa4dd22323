#pragma once
// Coerced variable values (spec CoerceVariableValues, graphql-js
// getVariableValues): the request's raw variables checked against the
// operation's variable definitions, with defaults applied.
//
// Errors are request errors (no execution), each with graphql-js's message
// and the variable definition's location, e.g.
//   Variable "$episode" got invalid value "JEDY"; Value "JEDY" does not
//   exist in "Episode" enum. Did you mean the enum value "JEDI"?
//   Variable "$id" of required type "ID!" was not provided.
// At most 50 are reported, then "Too many errors processing variables,
// error limit reached. Execution aborted.".
//
// Thread-safety: coerce_* are reentrant; variable_values are immutable and
// shared across executions (a subscription coerces once and executes every
// event with the same values).

#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "protocol/graphql/execution/value.hpp"
#include "protocol/graphql/graphql_error.hpp"

namespace streamhub::graphql {

class prepared_operation;

class variable_values {
 public:
  variable_values() = default;

  /// The variable's value; null when it was not provided and has no default
  /// (absent differs from a null value).
  const value* find(std::string_view name) const noexcept;
  /// By variable definition index.
  const std::optional<value>& at(std::size_t i) const noexcept { return entries_[i].second; }
  std::size_t size() const noexcept { return entries_.size(); }

 private:
  friend class variable_coercion;
  /// By definition index. Names view the operation's document: a
  /// variable_values is used only with the operation it was coerced for.
  std::vector<std::pair<std::string_view, std::optional<value>>> entries_;
};

/// `json`: the request's "variables" object as JSON text; empty or "null"
/// means none. Malformed JSON or a non-object is one error.
outcome<std::shared_ptr<const variable_values>> coerce_variables(const prepared_operation& op,
                                                                 std::string_view json);

/// From already decoded input (property_object: name -> untyped value).
outcome<std::shared_ptr<const variable_values>> coerce_variables(const prepared_operation& op,
                                                                 const property_object& inputs);

}  // namespace streamhub::graphql
