#include "protocol/graphql/validation/type_info.hpp"

namespace streamhub::graphql::detail {

type_info::type_info(const schema& s, std::pmr::memory_resource* arena)
    : schema_(s),
      types_(arena),
      parent_types_(arena),
      input_types_(arena),
      fields_(arena),
      defaults_(arena) {
  types_.reserve(32);
  parent_types_.reserve(32);
  input_types_.reserve(16);
  fields_.reserve(32);
  defaults_.reserve(16);
}

type_ref type_info::condition(const name_node& name) const noexcept {
  const named_type* t = schema_.find_type(name.value);
  return t != nullptr && t->is_output_type() ? type_ref(t) : type_ref();
}

void type_info::enter(const operation_definition_node& op) {
  const named_type* root = schema_.root_type(op.operation);
  types_.push_back(root != nullptr && root->kind == type_kind::object ? type_ref(root) : type_ref());
}

void type_info::enter(const fragment_definition_node& fragment) {
  types_.push_back(condition(fragment.type_condition));
}

void type_info::enter(const inline_fragment_node& fragment) {
  if (!fragment.type_condition.empty()) {
    types_.push_back(condition(fragment.type_condition));
    return;
  }
  const type_ref outer = type();
  types_.push_back(outer.empty() ? type_ref() : type_ref(outer.named_type()));
}

void type_info::enter(selection_span) {
  const type_ref t = type();
  const named_type* named = t.empty() ? nullptr : t.named_type();
  parent_types_.push_back(named != nullptr && named->is_composite() ? named : nullptr);
}

void type_info::enter(const field_node& field) {
  const named_type* parent = parent_type();
  const field_def* def = parent != nullptr ? schema_.find_field(*parent, field.name.value) : nullptr;
  fields_.push_back(def);
  types_.push_back(def != nullptr ? def->type : type_ref());
}

void type_info::enter(const variable_definition_node& variable) {
  const auto resolved = schema_.resolve(*variable.type);
  input_types_.push_back(resolved && is_input_type(*resolved) ? *resolved : type_ref());
}

void type_info::enter(const argument_node& argument) {
  // As in graphql-js, an argument of an unknown directive is looked up on
  // the field around it.
  const input_value_def* def = nullptr;
  if (directive_ != nullptr) {
    def = directive_->find_argument(argument.name.value);
  } else if (const field_def* f = field(); f != nullptr) {
    def = f->find_argument(argument.name.value);
  }
  argument_ = def;
  push_input(def != nullptr ? def->type : type_ref(), def);
}

void type_info::leave(const argument_node&) {
  argument_ = nullptr;
  pop_input();
}

void type_info::enter(const value_node& value) {
  if (value.kind != value_kind::list) return;
  const type_ref list = input_type().empty() ? type_ref() : input_type().nullable();
  const type_ref item = !list.empty() && list.is_list() ? list.of_type() : list;
  push_input(item, nullptr);  // list items never have a default
}

void type_info::leave(const value_node& value) {
  if (value.kind == value_kind::list) pop_input();
}

void type_info::enter(const object_field_node& field) {
  const type_ref outer = input_type();
  const input_value_def* def = nullptr;
  if (!outer.empty() && outer.named_type()->kind == type_kind::input_object) {
    def = outer.named_type()->find_input_field(field.name.value);
  }
  push_input(def != nullptr ? def->type : type_ref(), def);
}

void type_info::push_input(type_ref type, const input_value_def* default_owner) {
  input_types_.push_back(type);
  defaults_.push_back(default_owner);
}

void type_info::pop_input() {
  input_types_.pop_back();
  defaults_.pop_back();
}

}  // namespace streamhub::graphql::detail
