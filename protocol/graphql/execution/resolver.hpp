#pragma once
// The resolver API: what a field resolver receives and what it returns.
//
//   field_result resolve_hero(const field_call& call);
//
// A resolver gets a field_call: the parent value, the coerced arguments,
// the request's context pointer and the field's static info. It answers:
//   - at once, with a value (implicit from value, bool, integers, double,
//     std::string, nullptr, ...), with field_result::borrow(v) for a value
//     its parent keeps alive, or with a field_error; or
//   - later, with call.defer(start): `start` receives a completer that the
//     asynchronous work completes exactly once, from any thread, with a
//     value or a field_error:
//
//       return call.defer([&](completer done) {
//         ask_actor(id, [done](reply r) {            // any thread
//           if (r) done.resolve(value::properties(to_props(*r)));
//           else done.fail(field_error::from(r.error()));
//         });
//       });
//
// Completion never touches the execution from the completing thread: it
// posts a task through the execution's post hook (execute.hpp) and the
// execution continues on the caller's own thread. Independent fields of a
// query may all be deferred at once; mutation root fields run one after
// the other (each with its sub-selections) in document order.
//
// Errors become GraphQL errors with the field's path and locations; a
// null or error in a non-null position nulls the nearest nullable parent
// (spec 6.4.4).

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "protocol/error.hpp"
#include "protocol/graphql/ast.hpp"
#include "protocol/graphql/execution/argument_values.hpp"
#include "protocol/graphql/execution/value.hpp"
#include "protocol/graphql/graphql_error.hpp"
#include "protocol/graphql/schema.hpp"

namespace streamhub::graphql {

namespace detail {
class execution_state;
struct completion_cell;
}  // namespace detail

/// A resolver's failure: becomes a GraphQL error at the field's path.
struct field_error {
  std::string message;
  /// Written as the error's "extensions"; put "code" first.
  std::vector<std::pair<std::string, std::string>> extensions;

  field_error() = default;
  explicit field_error(std::string msg) : message(std::move(msg)) {}
  /// With extensions.code, e.g. field_error("No such channel.", "NOT_FOUND").
  field_error(std::string msg, std::string_view code);
  /// A project error: its message, and its code's wire name as the code.
  static field_error from(const streamhub::error& err);
};

/// What the executor knows about a field being resolved. Lives in the
/// prepared operation: valid during the call, stable across executions.
struct field_info {
  const graphql::schema* schema = nullptr;
  /// The field's name in the schema and its key in the response (alias).
  std::string_view field_name;
  std::string_view response_name;
  /// The object type the field is selected on (never abstract).
  const named_type* parent_type = nullptr;
  const field_def* definition = nullptr;
  /// The merged field nodes (arguments come from the first).
  std::span<const field_node* const> nodes;

  type_ref return_type() const noexcept { return definition->type; }
};

/// A resolver's answer. See the file comment.
class field_result {
 public:
  field_result(value v) noexcept : value_(std::move(v)) {}
  template <class T>
    requires(std::constructible_from<value, T &&> &&
             !std::same_as<std::remove_cvref_t<T>, value> &&
             !std::same_as<std::remove_cvref_t<T>, field_error>)
  field_result(T&& v) : value_(std::forward<T>(v)) {}
  field_result(field_error err) : state_(state::error), error_(std::make_unique<field_error>(std::move(err))) {}

  /// A value the parent (or something longer-lived) keeps alive while the
  /// field completes; avoids copying it.
  static field_result borrow(const value& v) noexcept {
    field_result r{value()};
    r.state_ = state::borrowed;
    r.borrowed_ = &v;
    return r;
  }

  bool is_error() const noexcept { return state_ == state::error; }
  bool is_pending() const noexcept { return state_ == state::pending; }
  /// REQUIRES: !is_error() && !is_pending().
  const value& get() const noexcept { return state_ == state::borrowed ? *borrowed_ : value_; }
  /// REQUIRES: is_error().
  field_error& error() noexcept { return *error_; }

 private:
  friend class field_call;
  enum class state : std::uint8_t { value, borrowed, error, pending };
  struct pending_tag {};
  explicit field_result(pending_tag) noexcept : state_(state::pending) {}

  state state_ = state::value;
  value value_;
  const value* borrowed_ = nullptr;
  std::unique_ptr<field_error> error_;
};

/// Completes one deferred field. Copyable (copies share the one answer);
/// callable from any thread, but copies must not race each other. The
/// first resolve() or fail() counts, later ones are ignored. When the last
/// copy is destroyed without an answer, the field fails with "The resolver
/// did not complete the field.", so an execution can never hang on a
/// forgotten completer.
class completer {
 public:
  completer() = default;

  void resolve(value v) const;
  void fail(field_error err) const;
  /// False for a default-constructed completer.
  bool valid() const noexcept { return cell_ != nullptr; }

 private:
  friend class field_call;
  explicit completer(std::shared_ptr<detail::completion_cell> cell) noexcept
      : cell_(std::move(cell)) {}
  std::shared_ptr<detail::completion_cell> cell_;
};

/// One call of a resolver. Valid only during the call.
class field_call {
 public:
  field_call(const value& parent, const argument_values& args, void* context,
             const field_info& info, detail::execution_state* state) noexcept
      : parent_(&parent), args_(&args), context_(context), info_(&info), state_(state) {}

  const value& parent() const noexcept { return *parent_; }
  const argument_values& args() const noexcept { return *args_; }
  /// The per-request pointer given to execute (e.g. the caller's auth).
  void* context() const noexcept { return context_; }
  template <class T>
  T* context_as() const noexcept {
    return static_cast<T*>(context_);
  }
  const field_info& info() const noexcept { return *info_; }
  /// The response path of this field, e.g. ["hero", "friends", 0, "name"]
  /// (allocates: for logs and error details).
  std::vector<path_segment> path() const;

  /// Defers the answer: calls start(completer) at once and returns the
  /// result that tells the executor to wait. Call at most once per call.
  /// Subscription resolvers cannot defer (the result is an error).
  template <class Start>
  field_result defer(Start&& start) const {
    completer done = make_completer();
    if (!done.valid()) return field_error("This resolver cannot defer its answer.");
    std::forward<Start>(start)(std::move(done));
    return field_result(field_result::pending_tag{});
  }

 private:
  completer make_completer() const;

  const value* parent_;
  const argument_values* args_;
  void* context_;
  const field_info* info_;
  detail::execution_state* state_;
};

/// A field resolver. Bound once at start-up; called on the execution's
/// thread; must not block.
using resolver_fn = std::function<field_result(const field_call&)>;

/// The source event stream a subscription resolver creates: owned by the
/// caller (the gateway), opaque to the engine.
using source_stream = std::shared_ptr<void>;
/// A subscription resolver's answer: a stream or an error.
using subscribe_result = std::variant<source_stream, field_error>;
/// Creates the source stream of a subscription root field (spec
/// CreateSourceEventStream); the call's parent is the root value.
using subscribe_fn = std::function<subscribe_result(const field_call&)>;

/// Names the object type of a value returned for an interface or union.
/// Returns "" when it cannot tell (an error for the field).
using type_resolver_fn = std::function<std::string_view(const value& v, void* context)>;

}  // namespace streamhub::graphql
