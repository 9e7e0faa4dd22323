#pragma once
// Internal to validation: where the walk is in the schema, as graphql-js's
// TypeInfo tracks it (the output type of the current field, the composite
// type a selection set selects from, the input type a value must have, the
// field, directive and argument being visited). The walker calls enter()
// before the rules see a node and leave() after them, so the rules read the
// state of the node they are visiting.
//
// Absent states are empty type_refs and null pointers, like graphql-js's
// undefined: an unknown field has no type, its selection set no parent type,
// and so on down. Not thread-safe; one per walk.

#include <memory_resource>
#include <vector>

#include "protocol/graphql/ast.hpp"
#include "protocol/graphql/directive_location.hpp"
#include "protocol/graphql/schema.hpp"
#include "protocol/graphql/type_ref.hpp"

namespace streamhub::graphql::detail {

/// A NamedType in the syntax tree: a fragment's type condition or the
/// innermost name of a variable's type.
struct named_type_use {
  name_node name;
};

/// A directive with the location it is applied to.
struct directive_use {
  const directive_node& node;
  directive_location location;
};

class type_info {
 public:
  /// Scratch memory comes from `arena`.
  type_info(const schema& s, std::pmr::memory_resource* arena);

  /// The output type of the innermost field, operation or fragment.
  type_ref type() const noexcept { return top(types_); }
  /// The composite type the innermost selection set selects from.
  const named_type* parent_type() const noexcept {
    return parent_types_.empty() ? nullptr : parent_types_.back();
  }
  /// The type the value being visited must have.
  type_ref input_type() const noexcept { return top(input_types_); }
  /// The type of the list or object value around it.
  type_ref parent_input_type() const noexcept {
    return input_types_.size() < 2 ? type_ref() : input_types_[input_types_.size() - 2];
  }
  const field_def* field() const noexcept { return fields_.empty() ? nullptr : fields_.back(); }
  const directive_def* directive() const noexcept { return directive_; }
  const input_value_def* argument() const noexcept { return argument_; }
  /// The argument or input field whose default applies to the value being
  /// visited (graphql-js getDefaultValue); null inside lists.
  const input_value_def* default_owner() const noexcept {
    return defaults_.empty() ? nullptr : defaults_.back();
  }

  void enter(const operation_definition_node& op);
  void leave(const operation_definition_node&) { types_.pop_back(); }
  void enter(const fragment_definition_node& fragment);
  void leave(const fragment_definition_node&) { types_.pop_back(); }
  void enter(const inline_fragment_node& fragment);
  void leave(const inline_fragment_node&) { types_.pop_back(); }
  void enter(selection_span);
  void leave(selection_span) { parent_types_.pop_back(); }
  void enter(const field_node& field);
  void leave(const field_node&) {
    fields_.pop_back();
    types_.pop_back();
  }
  void enter(const variable_definition_node& variable);
  void leave(const variable_definition_node&) { input_types_.pop_back(); }
  void enter(const directive_use& use) { directive_ = schema_.find_directive(use.node.name.value); }
  void leave(const directive_use&) { directive_ = nullptr; }
  void enter(const argument_node& argument);
  void leave(const argument_node&);
  void enter(const value_node& value);
  void leave(const value_node& value);
  void enter(const object_field_node& field);
  void leave(const object_field_node&) { pop_input(); }

 private:
  static type_ref top(const std::pmr::vector<type_ref>& stack) noexcept {
    return stack.empty() ? type_ref() : stack.back();
  }
  void push_input(type_ref type, const input_value_def* default_owner);
  void pop_input();
  /// A type condition as an output type (empty when unknown or an input).
  type_ref condition(const name_node& name) const noexcept;

  const schema& schema_;
  std::pmr::vector<type_ref> types_;
  std::pmr::vector<const named_type*> parent_types_;
  std::pmr::vector<type_ref> input_types_;
  std::pmr::vector<const field_def*> fields_;
  std::pmr::vector<const input_value_def*> defaults_;
  const directive_def* directive_ = nullptr;
  const input_value_def* argument_ = nullptr;
};

}  // namespace streamhub::graphql::detail
