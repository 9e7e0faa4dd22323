#pragma once
// The schema model (spec section 3): named types, fields, arguments, enum
// values, input fields, directives and root operation types, with the
// lookups validation, execution and introspection need.
//
// A schema is built once by build_schema (schema_builder.hpp), is immutable
// afterwards and is shared as std::shared_ptr<const schema>; every method is
// const and safe to call from any number of threads. Names, descriptions and
// default values view the SDL documents the schema keeps alive; pointers to
// types, fields and directives stay valid as long as the schema.
//
// Built in: the scalars Int, Float, String, Boolean and ID; the directives
// @include, @skip, @deprecated and @specifiedBy; the introspection types
// (__Schema, __Type, ...) and the meta-fields __typename, __schema and
// __type. As in graphql-js, types() and find_type() list a built-in scalar
// only when the schema references it, so introspection answers agree.

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "protocol/graphql/ast.hpp"
#include "protocol/graphql/directive_location.hpp"
#include "protocol/graphql/document.hpp"
#include "protocol/graphql/type_ref.hpp"

namespace streamhub::graphql {

namespace detail {
class schema_builder;
}

/// The kinds of named types; `to_string` gives the __TypeKind name.
enum class type_kind : std::uint8_t { scalar, object, interface, union_, enum_, input_object };

/// "SCALAR", "OBJECT", "INTERFACE", "UNION", "ENUM" or "INPUT_OBJECT".
std::string_view to_string(type_kind kind) noexcept;

/// An argument of a field or directive, or a field of an input object.
struct input_value_def {
  std::string_view name;
  std::optional<std::string_view> description;
  type_ref type;
  /// The default as written in the SDL (coercion is the caller's); null
  /// when there is none.
  const value_node* default_value = nullptr;
  /// Set when @deprecated; "No longer supported" unless a reason is given.
  std::optional<std::string_view> deprecation_reason;
  const input_value_definition_node* ast = nullptr;

  /// Non-null without a default: the caller must provide it.
  bool is_required() const noexcept { return type.is_non_null() && default_value == nullptr; }
};

/// A field of an object or interface type.
struct field_def {
  std::string_view name;
  std::optional<std::string_view> description;
  std::vector<input_value_def> arguments;  // in definition order
  type_ref type;
  std::optional<std::string_view> deprecation_reason;
  const field_definition_node* ast = nullptr;

  /// Null when there is no such argument (linear: fields have few).
  const input_value_def* find_argument(std::string_view name) const noexcept;
};

struct enum_value_def {
  std::string_view name;
  std::optional<std::string_view> description;
  std::optional<std::string_view> deprecation_reason;
  const enum_value_definition_node* ast = nullptr;
};

/// A scalar, object, interface, union, enum or input object type. Members
/// that do not apply to `kind` are empty.
class named_type {
 public:
  type_kind kind = type_kind::scalar;
  std::string_view name;
  std::optional<std::string_view> description;
  /// scalar: the @specifiedBy URL.
  std::optional<std::string_view> specified_by_url;
  /// object, interface: fields in definition order (extensions appended).
  std::vector<field_def> fields;
  /// object, interface: the interfaces it declares it implements.
  std::vector<const named_type*> interfaces;
  /// union: its member types, in declaration order.
  std::vector<const named_type*> members;
  /// enum: values in definition order.
  std::vector<enum_value_def> enum_values;
  /// input_object: fields in definition order.
  std::vector<input_value_def> input_fields;
  /// The definition (null for built-ins) and the extensions, in order.
  const type_definition_node* ast = nullptr;
  std::vector<const type_definition_node*> extension_asts;

  bool is_leaf() const noexcept { return kind == type_kind::scalar || kind == type_kind::enum_; }
  bool is_composite() const noexcept {
    return kind == type_kind::object || kind == type_kind::interface || kind == type_kind::union_;
  }
  bool is_abstract() const noexcept {
    return kind == type_kind::interface || kind == type_kind::union_;
  }
  bool is_input_type() const noexcept {
    return is_leaf() || kind == type_kind::input_object;
  }
  bool is_output_type() const noexcept { return kind != type_kind::input_object; }
  /// One of the five built-in scalars.
  bool is_builtin_scalar() const noexcept;
  /// One of __Schema, __Type, __TypeKind, __Field, __InputValue,
  /// __EnumValue, __Directive, __DirectiveLocation.
  bool is_introspection_type() const noexcept;

  /// Own fields only (meta-fields: schema::find_field). Null when absent.
  const field_def* find_field(std::string_view name) const noexcept;
  const enum_value_def* find_enum_value(std::string_view name) const noexcept;
  const input_value_def* find_input_field(std::string_view name) const noexcept;

 private:
  friend class detail::schema_builder;
  /// Filled once building is done; index into fields / enum_values /
  /// input_fields by name.
  std::unordered_map<std::string_view, std::uint32_t> index_;
  /// interface, union: the possible object types (schema::possible_types),
  /// and the same sorted by address for is_possible_type.
  std::vector<const named_type*> possible_types_;
  std::vector<const named_type*> possible_sorted_;
  /// interface: the interfaces that implement it, sorted by address.
  std::vector<const named_type*> implementing_interfaces_;

  friend class schema;
};

struct directive_def {
  std::string_view name;
  std::optional<std::string_view> description;
  std::vector<input_value_def> arguments;
  /// In the order written.
  std::vector<directive_location> locations;
  bool repeatable = false;
  /// Null for built-in directives not redefined by the SDL.
  const directive_definition_node* ast = nullptr;

  bool allows(directive_location location) const noexcept {
    return (location_mask_ >> static_cast<unsigned>(location)) & 1u;
  }
  const input_value_def* find_argument(std::string_view name) const noexcept;

 private:
  friend class detail::schema_builder;
  std::uint32_t location_mask_ = 0;
};

/// Whether values of `type` can be inputs (arguments, variables, input
/// fields) or outputs (fields). REQUIRES: !type.empty().
bool is_input_type(type_ref type) noexcept;
bool is_output_type(type_ref type) noexcept;
bool is_leaf_type(type_ref type) noexcept;
bool is_composite_type(type_ref type) noexcept;
bool is_abstract_type(type_ref type) noexcept;

class schema {
 public:
  schema(const schema&) = delete;
  schema& operator=(const schema&) = delete;

  /// The schema's description (`"..." schema { }`), if any.
  std::optional<std::string_view> description() const noexcept { return description_; }

  /// Every type of the schema in graphql-js's order (the order of
  /// introspection's __schema.types): SDL types in document order with the
  /// built-in scalars they reference, then the introspection types.
  std::span<const named_type* const> types() const noexcept { return types_; }
  /// Null when the schema has no such type.
  const named_type* find_type(std::string_view name) const noexcept;

  /// The root operation types; query is never null, the others may be.
  const named_type* query_type() const noexcept { return query_; }
  const named_type* mutation_type() const noexcept { return mutation_; }
  const named_type* subscription_type() const noexcept { return subscription_; }
  const named_type* root_type(operation_type op) const noexcept;

  /// SDL-defined directives in document order, then the built-in ones the
  /// SDL did not redefine (graphql-js's order).
  std::span<const directive_def* const> directives() const noexcept { return directives_; }
  const directive_def* find_directive(std::string_view name) const noexcept;

  /// The field `name` as selected on `parent` (graphql-js getFieldDef):
  /// __typename on any composite type, __schema and __type on the query
  /// type, else the type's own field. Null when there is none (also for
  /// unions' own fields, which do not exist).
  const field_def* find_field(const named_type& parent, std::string_view name) const noexcept;
  const field_def& typename_field() const noexcept { return *typename_field_; }
  const field_def& schema_field() const noexcept { return *schema_field_; }
  const field_def& type_field() const noexcept { return *type_field_; }

  /// The object types that `abstract` (interface or union) may resolve to:
  /// a union's members, an interface's implementations in types() order.
  /// Empty for other kinds.
  std::span<const named_type* const> possible_types(const named_type& abstract) const noexcept {
    return abstract.possible_types_;
  }
  bool is_possible_type(const named_type& abstract, const named_type& object) const noexcept;
  /// graphql-js isSubType: `maybe_sub` is a member of union `abstract`, or
  /// an object or interface implementing interface `abstract`.
  bool is_sub_type(const named_type& abstract, const named_type& maybe_sub) const noexcept;
  /// graphql-js isTypeSubTypeOf: a value of `maybe_sub` is always a valid
  /// `super` (covariance of non-null, lists and abstract types).
  bool is_type_sub_type_of(type_ref maybe_sub, type_ref super) const noexcept;
  /// graphql-js doTypesOverlap: some object type is possible for both
  /// composite types (used for fragment spreads).
  bool do_types_overlap(const named_type& a, const named_type& b) const noexcept;

  /// The schema type a syntax-tree type names, or nullopt when its named
  /// type is not in the schema (or it nests deeper than type_ref allows).
  std::optional<type_ref> resolve(const type_node& type) const;

  /// The SDL documents the schema views (user SDL, then the built-ins).
  std::span<const std::shared_ptr<const document>> documents() const noexcept {
    return documents_;
  }

 private:
  friend class detail::schema_builder;
  schema() = default;

  std::optional<std::string_view> description_;
  std::vector<std::shared_ptr<const document>> documents_;
  std::deque<named_type> storage_;
  std::deque<directive_def> directive_storage_;
  std::vector<const named_type*> types_;
  std::unordered_map<std::string_view, const named_type*> type_index_;
  std::vector<const directive_def*> directives_;
  const named_type* query_ = nullptr;
  const named_type* mutation_ = nullptr;
  const named_type* subscription_ = nullptr;
  const field_def* typename_field_ = nullptr;
  const field_def* schema_field_ = nullptr;
  const field_def* type_field_ = nullptr;
};

}  // namespace streamhub::graphql
