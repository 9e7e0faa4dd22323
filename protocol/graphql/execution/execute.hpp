#pragma once
// Executing a prepared operation (spec section 6): CollectFields with
// @skip/@include, argument coercion, resolvers, abstract type resolution,
// value completion with null propagation, __typename, and the response
// written straight into one JSON string in selection order:
//
//   {"data":{...}}                        no errors
//   {"data":{...},"errors":[...]}         field errors (data may be null)
//   {"errors":[...]}                      request errors (has_data false)
//
// Driving. The caller's thread runs the execution: execute() returns after
// the synchronous part. When every resolver answers at once, `done` is
// called before execute() returns. When a resolver defers, its completer
// may answer on any thread; the execution then continues only inside
// tasks it hands to options.post, which must run them on the caller's own
// executor (a session's strand or I/O thread) and must never run two at a
// time; running a task inline is fine when post is called on that thread.
// `done` is called exactly once, on that executor, when no work is left.
// Nothing locks: one execution is only ever touched by one thread at a
// time.
//
// Errors in a response carry graphql-js's messages, "locations" of the
// field's nodes and "path"; resolver errors keep their extensions.
//
// Thread-safety: executions are independent; many may share a prepared
// operation, variable values and resolver map on any threads.

#include <cstddef>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "protocol/graphql/execution/prepared_operation.hpp"
#include "protocol/graphql/execution/value.hpp"
#include "protocol/graphql/execution/variables.hpp"
#include "protocol/graphql/graphql_error.hpp"

namespace streamhub::graphql {

using task_fn = std::function<void()>;
/// Runs a task later on the execution's own executor; callable from any
/// thread.
using post_fn = std::function<void(task_fn)>;

/// Per-request limits; 0 means unlimited. Exceeding one stops the
/// execution: {"data":null,"errors":[..., {"message":"..."}]}.
struct execution_limits {
  /// Response bytes written so far (data only), checked after each field.
  std::size_t max_response_bytes = 0;
  /// Calls of bound resolvers (and introspection's); default property
  /// reads and __typename are not counted.
  std::size_t max_resolver_calls = 0;
};

struct execution_options {
  /// The root value: the parent of the root fields (for a subscription
  /// event, the event).
  value root;
  /// Handed to every resolver (field_call::context); not owned.
  void* context = nullptr;
  /// Required for resolvers to defer; without it defer() is an error.
  post_fn post;
  execution_limits limits;
};

struct execution_response {
  /// The complete response JSON.
  std::string json;
  /// False for a request error: no "data" member.
  bool has_data = true;
};

using completion_fn = std::function<void(execution_response)>;

/// Executes `op` with coerced variables. REQUIRES: op, variables, done are
/// set and the variables were coerced for `op`.
void execute(std::shared_ptr<const prepared_operation> op,
             std::shared_ptr<const variable_values> variables, execution_options options,
             completion_fn done);

/// Coerces the request's JSON variables first; coercion errors complete at
/// once with {"errors":[...]} (has_data false).
void execute(std::shared_ptr<const prepared_operation> op, std::string_view variables_json,
             execution_options options, completion_fn done);

/// {"errors":[...]}: the response to a request error (syntax, validation,
/// operation selection, variable coercion).
std::string request_error_response(std::span<const graphql_error> errors);

}  // namespace streamhub::graphql
