#pragma once
// An operation of a parsed (and validated) document, prepared once for
// execution against a resolver_map: the operation chosen by name, its
// variable definitions with coerced defaults, its fragments, and the field
// plans (CollectFields results with schema fields, resolvers and constant
// arguments resolved to pointers), built on first use and cached. The
// gateway prepares once per cached document and operation name and then
// executes many times with fresh variables: the hot path does no name
// lookups and no re-collection.
//
// Thread-safety: immutable to its users; executions on any number of
// threads may share one prepared operation (the plan cache publishes
// without locks, see plan.hpp).

#include <memory>
#include <span>
#include <string_view>

#include "protocol/graphql/ast.hpp"
#include "protocol/graphql/document.hpp"
#include "protocol/graphql/execution/resolver_map.hpp"
#include "protocol/graphql/graphql_error.hpp"
#include "protocol/graphql/schema.hpp"

namespace streamhub::graphql {

namespace detail {
struct operation_plan;
}

class prepared_operation {
 public:
  /// Selects the operation named `operation_name` (empty: the only one)
  /// from `doc` and prepares it. The document should have passed
  /// validation; an invalid one never crashes, it executes as graphql-js
  /// would (unknown fields are skipped, bad arguments are field errors).
  ///
  /// Errors (request errors, graphql-js's words, no location):
  ///   "Must provide an operation."
  ///   "Must provide operation name if query contains multiple operations."
  ///   "Unknown operation named \"X\"."
  /// A schema without the operation's root type is not an error here: the
  /// execution answers {"data":null,"errors":[...]} as graphql-js does.
  ///
  /// REQUIRES: resolvers and doc are not null.
  static outcome<std::shared_ptr<const prepared_operation>> prepare(
      std::shared_ptr<const resolver_map> resolvers, std::shared_ptr<const document> doc,
      std::string_view operation_name = {});

  ~prepared_operation();
  prepared_operation(const prepared_operation&) = delete;
  prepared_operation& operator=(const prepared_operation&) = delete;

  operation_type type() const noexcept;
  /// Empty for an anonymous operation.
  std::string_view name() const noexcept;
  const operation_definition_node& operation() const noexcept;
  const std::shared_ptr<const graphql::document>& doc() const noexcept;
  const resolver_map& resolvers() const noexcept;
  const graphql::schema& schema() const noexcept;

  /// Internal to execution.
  const detail::operation_plan& plan() const noexcept { return *plan_; }

 private:
  explicit prepared_operation(std::unique_ptr<detail::operation_plan> plan) noexcept;
  std::unique_ptr<detail::operation_plan> plan_;
};

}  // namespace streamhub::graphql
