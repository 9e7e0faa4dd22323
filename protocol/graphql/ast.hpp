#pragma once
// The GraphQL syntax tree (spec sections 2 and 3), produced by parser.hpp.
//
// Ownership: every node lives in the arena of the `document` that parsed it
// and is immutable; all spans, pointers and string_views below stay valid
// exactly as long as that document (hold its shared_ptr). Names and raw
// literals view the document's source text; strings that needed escape
// processing or block-string dedent view decoded copies in the arena.
//
// Shape: plain structs. Polymorphic families (definitions, selections) carry
// a `kind` tag in their base; switch on it and `as<T>()` to the derived
// struct. Values and types are one struct each with a kind tag. Children are
// spans, in source order. Every node has `offset`, the byte offset of its
// first token in the source (the description's, when a definition has one,
// as in graphql-js); document::location(offset) turns it into line/column.
// Optional children are null pointers, empty spans or empty names.

#include <cassert>
#include <cstdint>
#include <span>
#include <string_view>

namespace streamhub::graphql {

/// A Name token. Empty `value` means "absent" (a GraphQL name is never empty).
struct name_node {
  std::string_view value;
  std::uint32_t offset = 0;

  bool empty() const noexcept { return value.empty(); }
};

// ---------------------------------------------------------------- values

enum class value_kind : std::uint8_t {
  variable,
  int_,
  float_,
  string,
  boolean,
  null,
  enum_,
  list,
  object,
};

struct object_field_node;

/// Any input value literal.
struct value_node {
  value_kind kind = value_kind::null;
  /// string: written as a """block string""" (the printer keeps the form).
  bool block = false;
  /// boolean: the value.
  bool boolean = false;
  std::uint32_t offset = 0;
  /// variable: the name without '$'; int_/float_: the literal as written
  /// (coercion happens later); string: the decoded value; enum_: the name;
  /// boolean and null: the keyword.
  std::string_view text;
  /// list: the items.
  std::span<const value_node> items;
  /// object: the fields as written (duplicates are kept for validation).
  std::span<const object_field_node> fields;
};

struct object_field_node {
  name_node name;
  value_node value;
  std::uint32_t offset = 0;
};

// ----------------------------------------------------------------- types

enum class type_node_kind : std::uint8_t { named, list, non_null };

/// A type reference as written: `Name`, `[T]` or `T!`.
struct type_node {
  type_node_kind kind = type_node_kind::named;
  std::uint32_t offset = 0;
  /// named: the type's name.
  name_node name;
  /// list and non_null: the wrapped type.
  const type_node* of_type = nullptr;

  /// The innermost named type's name.
  std::string_view named_type() const noexcept {
    const type_node* t = this;
    while (t->kind != type_node_kind::named) t = t->of_type;
    return t->name.value;
  }
};

// ------------------------------------------------- directives, arguments

struct argument_node {
  name_node name;
  value_node value;
  std::uint32_t offset = 0;
};

struct directive_node {
  name_node name;
  std::span<const argument_node> arguments;
  std::uint32_t offset = 0;  // of '@'
};

// ------------------------------------------------------------ selections

enum class selection_kind : std::uint8_t { field, fragment_spread, inline_fragment };

struct selection_node;
/// A selection set; empty means "absent" (`{}` is a syntax error).
using selection_span = std::span<const selection_node* const>;

struct selection_node {
  selection_kind kind = selection_kind::field;
  std::uint32_t offset = 0;
  std::span<const directive_node> directives;

  /// REQUIRES: kind matches T (field_node, fragment_spread_node,
  /// inline_fragment_node).
  template <class T>
  const T& as() const noexcept {
    assert(kind == T::node_kind);
    return static_cast<const T&>(*this);
  }
};

struct field_node : selection_node {
  static constexpr selection_kind node_kind = selection_kind::field;
  name_node alias;  // empty when none
  name_node name;
  std::span<const argument_node> arguments;
  selection_span selection_set;  // empty for a leaf

  /// The key of this field in the response: the alias, else the name.
  std::string_view response_name() const noexcept {
    return alias.empty() ? name.value : alias.value;
  }
};

struct fragment_spread_node : selection_node {
  static constexpr selection_kind node_kind = selection_kind::fragment_spread;
  name_node name;
};

struct inline_fragment_node : selection_node {
  static constexpr selection_kind node_kind = selection_kind::inline_fragment;
  name_node type_condition;  // empty when none
  selection_span selection_set;
};

// ----------------------------------------------------------- definitions

enum class operation_type : std::uint8_t { query, mutation, subscription };

/// "query", "mutation" or "subscription".
std::string_view to_string(operation_type op) noexcept;

enum class definition_kind : std::uint8_t {
  // Executable definitions.
  operation,
  fragment,
  // Type system definitions and extensions (see definition_node::extension).
  schema,
  scalar,
  object,
  interface,
  union_,
  enum_,
  input_object,
  directive,
};

struct definition_node {
  definition_kind kind = definition_kind::operation;
  /// Written with `extend` (schema and type definitions only).
  bool extension = false;
  std::uint32_t offset = 0;

  bool is_executable() const noexcept {
    return kind == definition_kind::operation || kind == definition_kind::fragment;
  }

  /// REQUIRES: kind is one that T describes (see each T::is).
  template <class T>
  const T& as() const noexcept {
    assert(T::is(kind));
    return static_cast<const T&>(*this);
  }
};

struct variable_definition_node {
  name_node variable;  // without '$'
  const type_node* type = nullptr;
  const value_node* default_value = nullptr;  // null when none
  std::span<const directive_node> directives;
  std::uint32_t offset = 0;  // of '$'
};

struct operation_definition_node : definition_node {
  static bool is(definition_kind k) noexcept { return k == definition_kind::operation; }
  operation_type operation = operation_type::query;
  name_node name;  // empty when anonymous
  std::span<const variable_definition_node> variable_definitions;
  std::span<const directive_node> directives;
  selection_span selection_set;
};

struct fragment_definition_node : definition_node {
  static bool is(definition_kind k) noexcept { return k == definition_kind::fragment; }
  name_node name;
  name_node type_condition;
  std::span<const directive_node> directives;
  selection_span selection_set;
};

struct operation_type_definition_node {
  operation_type operation = operation_type::query;
  name_node type;
  std::uint32_t offset = 0;
};

/// `schema { ... }` or `extend schema ...`.
struct schema_definition_node : definition_node {
  static bool is(definition_kind k) noexcept { return k == definition_kind::schema; }
  const value_node* description = nullptr;  // a string value; null when none
  std::span<const directive_node> directives;
  std::span<const operation_type_definition_node> operation_types;
};

/// An argument, an input object field (spec InputValueDefinition).
struct input_value_definition_node {
  const value_node* description = nullptr;
  name_node name;
  const type_node* type = nullptr;
  const value_node* default_value = nullptr;  // null when none
  std::span<const directive_node> directives;
  std::uint32_t offset = 0;
};

struct field_definition_node {
  const value_node* description = nullptr;
  name_node name;
  std::span<const input_value_definition_node> arguments;
  const type_node* type = nullptr;
  std::span<const directive_node> directives;
  std::uint32_t offset = 0;
};

struct enum_value_definition_node {
  const value_node* description = nullptr;
  name_node name;
  std::span<const directive_node> directives;
  std::uint32_t offset = 0;
};

/// What every named type definition or extension has. Extensions have no
/// description.
struct type_definition_node : definition_node {
  static bool is(definition_kind k) noexcept {
    return k >= definition_kind::scalar && k <= definition_kind::input_object;
  }
  const value_node* description = nullptr;
  name_node name;
  std::span<const directive_node> directives;
};

struct scalar_type_definition_node : type_definition_node {
  static bool is(definition_kind k) noexcept { return k == definition_kind::scalar; }
};

/// Objects and interfaces share a shape.
struct object_or_interface_definition_node : type_definition_node {
  static bool is(definition_kind k) noexcept {
    return k == definition_kind::object || k == definition_kind::interface;
  }
  std::span<const name_node> interfaces;
  std::span<const field_definition_node> fields;
};

struct object_type_definition_node : object_or_interface_definition_node {
  static bool is(definition_kind k) noexcept { return k == definition_kind::object; }
};

struct interface_type_definition_node : object_or_interface_definition_node {
  static bool is(definition_kind k) noexcept { return k == definition_kind::interface; }
};

struct union_type_definition_node : type_definition_node {
  static bool is(definition_kind k) noexcept { return k == definition_kind::union_; }
  std::span<const name_node> types;
};

struct enum_type_definition_node : type_definition_node {
  static bool is(definition_kind k) noexcept { return k == definition_kind::enum_; }
  std::span<const enum_value_definition_node> values;
};

struct input_object_type_definition_node : type_definition_node {
  static bool is(definition_kind k) noexcept { return k == definition_kind::input_object; }
  std::span<const input_value_definition_node> fields;
};

struct directive_definition_node : definition_node {
  static bool is(definition_kind k) noexcept { return k == definition_kind::directive; }
  const value_node* description = nullptr;
  name_node name;
  std::span<const input_value_definition_node> arguments;
  bool repeatable = false;
  /// Checked against the spec's locations by the parser.
  std::span<const name_node> locations;
};

}  // namespace streamhub::graphql
