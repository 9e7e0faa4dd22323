#pragma once
// Execution plans, internal to execution. A prepared operation holds, per
// selection set and runtime object type, the result of CollectFields (spec
// 6.3.2) with everything a field's execution needs resolved to pointers:
// schema field, resolver, argument sources (constants coerced once), the
// response key pre-encoded as JSON. Plans for sub-selections are built on
// first use and cached in the parent field's plan_cache, keyed by runtime
// type and by the values of the variables @skip/@include read.
//
// Thread-safety: plans are immutable once published. plan_cache publishes
// with a compare-and-swap on a list head (no locks): two threads may build
// the same plan, one wins, the other's is dropped.

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "protocol/graphql/ast.hpp"
#include "protocol/graphql/document.hpp"
#include "protocol/graphql/execution/input_coercion.hpp"
#include "protocol/graphql/execution/leaf_serializer.hpp"
#include "protocol/graphql/execution/resolver.hpp"
#include "protocol/graphql/execution/resolver_map.hpp"
#include "protocol/graphql/execution/small_stack.hpp"
#include "protocol/graphql/execution/value.hpp"
#include "protocol/graphql/execution/variables.hpp"
#include "protocol/graphql/graphql_error.hpp"
#include "protocol/graphql/schema.hpp"

namespace streamhub::graphql::detail {

struct selection_plan;

/// Child plans of one field (or of the operation's root), by runtime type
/// and condition mask.
class plan_cache {
 public:
  plan_cache() = default;
  /// Only while the owner is being built (not yet shared).
  plan_cache(plan_cache&& other) noexcept;
  plan_cache& operator=(plan_cache&&) = delete;
  ~plan_cache();

  const selection_plan* find(const named_type* type, std::uint64_t mask) const noexcept;
  /// Publishes `plan` unless an equal key won the race; returns the cached one.
  const selection_plan* insert(const named_type* type, std::uint64_t mask,
                               std::unique_ptr<selection_plan> plan) const;

 private:
  struct entry;
  mutable std::atomic<entry*> head_{nullptr};
};

/// Where one argument's value comes from.
struct argument_source {
  enum class kind : std::uint8_t {
    absent,    // not given, no default
    constant,  // a literal without variables, or the default: `constant`
    variable,  // `$v`: the variable's value, else the default, else absent
    literal,   // a literal with variables inside: coerced per call
    error,     // fails every call with `error`
  };
  kind source = kind::absent;
  const input_value_def* definition = nullptr;
  value constant;  // constant; variable: the default when has_default
  bool has_default = false;
  std::size_t variable = 0;  // variable: index of its definition; npos when undefined
  const value_node* literal = nullptr;
  std::string error;
  std::uint32_t error_offset = 0;
};

struct argument_plan {
  std::vector<argument_source> sources;  // one per argument definition
  /// When every source is absent or constant: the slots, ready to use.
  std::vector<const value*> constant_slots;
  bool all_constant = true;
  /// Sources of kind literal (coerced into temporaries per call).
  std::size_t literals = 0;
};

/// A per-plan memo that racing threads may overwrite freely (relaxed, any
/// value is valid); copyable so plans can be built in vectors.
template <class T>
class relaxed_memo {
 public:
  relaxed_memo() = default;
  relaxed_memo(const relaxed_memo& other) noexcept : v_(other.load()) {}
  relaxed_memo& operator=(const relaxed_memo& other) noexcept {
    store(other.load());
    return *this;
  }
  T load() const noexcept { return v_.load(std::memory_order_relaxed); }
  void store(T v) const noexcept { v_.store(v, std::memory_order_relaxed); }

 private:
  mutable std::atomic<T> v_{};
};

enum class field_kind : std::uint8_t {
  resolver,       // call `resolver`
  property,       // default resolver: the parent property_object's property
  typename_,      // __typename: the parent type's name
  event_root,     // subscription root field without resolver: the root value
};

struct field_plan {
  field_info info;
  std::vector<const field_node*> nodes;  // info.nodes views these
  field_kind kind = field_kind::property;
  /// The return type's named type is a scalar or enum (through any list
  /// and non-null wrappers), serialised by `leaf`.
  bool leaf_value = false;
  leaf_kind leaf = leaf_kind::custom;
  /// A property whose type is a leaf, possibly non-null but not a list,
  /// with constant arguments: execute_selection writes it itself.
  bool property_leaf = false;
  /// The same for a list of leaves, one level deep ([Episode!]!).
  bool property_leaf_list = false;
  /// leaf_value: the return type's named type.
  const named_type* leaf_type = nullptr;
  const resolver_fn* resolver = nullptr;
  /// `,"response_name":` (the comma is skipped for an object's first field)
  std::string key;
  argument_plan arguments;
  plan_cache children;
  /// Where the default resolver found the property last time (objects of
  /// one shape repeat it), and the last runtime type of an abstract value.
  relaxed_memo<std::uint32_t> property_hint;
  relaxed_memo<const named_type*> last_runtime_type;
};

/// CollectFields for one selection set (or the merged sets of a field's
/// nodes) and one object type.
struct selection_plan {
  const named_type* type = nullptr;
  std::vector<field_plan> fields;
  /// Set when collecting failed (an @skip/@include argument without a
  /// usable value): completing an object with this plan is that error.
  std::optional<graphql_error> error;
};

struct variable_plan {
  std::string_view name;
  const variable_definition_node* node = nullptr;
  /// nullopt: the declared type is not an input type of the schema.
  std::optional<type_ref> type;
  std::optional<value> default_value;
};

/// Everything prepare() resolves once per document and operation.
struct operation_plan {
  std::shared_ptr<const resolver_map> resolvers;
  std::shared_ptr<const document> doc;
  const operation_definition_node* operation = nullptr;
  /// Null when the schema has no root type for the operation.
  const named_type* root_type = nullptr;
  std::unordered_map<std::string_view, const fragment_definition_node*> fragments;
  std::vector<variable_plan> variables;
  /// Variables read by @skip/@include, in the order of their mask bits.
  std::vector<std::size_t> condition_variables;
  /// Defaults of the input fields the variables' types reach.
  input_defaults defaults;
  plan_cache root_plans;
  /// Bytes of the last response, to reserve the next one's buffer.
  mutable std::atomic<std::size_t> size_hint{256};

  const schema& schema_ref() const noexcept { return resolvers->schema(); }
  /// Index of the variable definition named `name`, or npos.
  std::size_t variable_index(std::string_view name) const noexcept;
};

/// Builds the plan of `sets` (all merged) for object type `type`;
/// conditions read `variables`.
std::unique_ptr<selection_plan> build_selection_plan(const operation_plan& op,
                                                     const named_type& type,
                                                     std::span<const selection_span> sets,
                                                     const variable_values& variables);

/// The argument plan of `def` for the arguments written on `node`.
argument_plan build_argument_plan(const operation_plan& op, const field_def& def,
                                  const field_node& node);

/// Why a call's arguments could not be coerced, and where.
struct argument_failure {
  std::string message;
  std::uint32_t offset = 0;
};

using argument_slots = small_stack<const value*, 16>;

/// CoerceArgumentValues for one call of `f`: fills `out`, which views
/// `slots` and `temps` (buffers reused across calls; cleared here).
std::optional<argument_failure> resolve_arguments(const field_plan& f,
                                                  const variable_values& variables,
                                                  const resolver_map& hooks, argument_slots& slots,
                                                  std::vector<value>& temps, argument_values& out);

}  // namespace streamhub::graphql::detail
