#include "protocol/graphql/schema.hpp"

#include <algorithm>

namespace streamhub::graphql {

std::string_view to_string(type_kind kind) noexcept {
  switch (kind) {
    case type_kind::scalar: return "SCALAR";
    case type_kind::object: return "OBJECT";
    case type_kind::interface: return "INTERFACE";
    case type_kind::union_: return "UNION";
    case type_kind::enum_: return "ENUM";
    case type_kind::input_object: return "INPUT_OBJECT";
  }
  return "SCALAR";
}

std::string type_ref::to_string() const {
  std::string prefix, suffix;
  for (type_ref t = *this; !t.is_named(); t = t.of_type()) {
    if (t.is_list()) {
      prefix += '[';
      suffix.insert(suffix.begin(), ']');
    } else {
      suffix.insert(suffix.begin(), '!');
    }
  }
  return prefix + std::string(named_->name) + suffix;
}

namespace {

template <class T>
const T* find_by_name(const std::vector<T>& items, std::string_view name) noexcept {
  for (const auto& item : items) {
    if (item.name == name) return &item;
  }
  return nullptr;
}

bool contains_sorted(const std::vector<const named_type*>& sorted, const named_type* t) noexcept {
  return std::binary_search(sorted.begin(), sorted.end(), t);
}

}  // namespace

const input_value_def* field_def::find_argument(std::string_view name) const noexcept {
  return find_by_name(arguments, name);
}

const input_value_def* directive_def::find_argument(std::string_view name) const noexcept {
  return find_by_name(arguments, name);
}

bool named_type::is_builtin_scalar() const noexcept {
  return kind == type_kind::scalar && (name == "Int" || name == "Float" || name == "String" ||
                                       name == "Boolean" || name == "ID");
}

bool named_type::is_introspection_type() const noexcept {
  return name == "__Schema" || name == "__Type" || name == "__TypeKind" || name == "__Field" ||
         name == "__InputValue" || name == "__EnumValue" || name == "__Directive" ||
         name == "__DirectiveLocation";
}

const field_def* named_type::find_field(std::string_view name) const noexcept {
  if (kind != type_kind::object && kind != type_kind::interface) return nullptr;
  const auto it = index_.find(name);
  return it == index_.end() ? nullptr : &fields[it->second];
}

const enum_value_def* named_type::find_enum_value(std::string_view name) const noexcept {
  if (kind != type_kind::enum_) return nullptr;
  const auto it = index_.find(name);
  return it == index_.end() ? nullptr : &enum_values[it->second];
}

const input_value_def* named_type::find_input_field(std::string_view name) const noexcept {
  if (kind != type_kind::input_object) return nullptr;
  const auto it = index_.find(name);
  return it == index_.end() ? nullptr : &input_fields[it->second];
}

bool is_input_type(type_ref type) noexcept { return type.named_type()->is_input_type(); }
bool is_output_type(type_ref type) noexcept { return type.named_type()->is_output_type(); }
bool is_leaf_type(type_ref type) noexcept { return type.named_type()->is_leaf(); }

bool is_composite_type(type_ref type) noexcept {
  return type.is_named() && type.named_type()->is_composite();
}

bool is_abstract_type(type_ref type) noexcept {
  return type.is_named() && type.named_type()->is_abstract();
}

const named_type* schema::find_type(std::string_view name) const noexcept {
  const auto it = type_index_.find(name);
  return it == type_index_.end() ? nullptr : it->second;
}

const named_type* schema::root_type(operation_type op) const noexcept {
  switch (op) {
    case operation_type::query: return query_;
    case operation_type::mutation: return mutation_;
    case operation_type::subscription: return subscription_;
  }
  return nullptr;
}

const directive_def* schema::find_directive(std::string_view name) const noexcept {
  for (const auto* d : directives_) {
    if (d->name == name) return d;
  }
  return nullptr;
}

const field_def* schema::find_field(const named_type& parent,
                                    std::string_view name) const noexcept {
  if (name.size() > 2 && name[0] == '_' && name[1] == '_') {
    if (name == "__typename" && parent.is_composite()) return typename_field_;
    if (&parent == query_) {
      if (name == "__schema") return schema_field_;
      if (name == "__type") return type_field_;
    }
  }
  return parent.find_field(name);
}

bool schema::is_possible_type(const named_type& abstract, const named_type& object) const noexcept {
  return contains_sorted(abstract.possible_sorted_, &object);
}

bool schema::is_sub_type(const named_type& abstract, const named_type& maybe_sub) const noexcept {
  if (contains_sorted(abstract.possible_sorted_, &maybe_sub)) return true;
  return abstract.kind == type_kind::interface &&
         contains_sorted(abstract.implementing_interfaces_, &maybe_sub);
}

bool schema::is_type_sub_type_of(type_ref maybe_sub, type_ref super) const noexcept {
  if (maybe_sub == super) return true;
  if (super.is_non_null()) {
    return maybe_sub.is_non_null() && is_type_sub_type_of(maybe_sub.of_type(), super.of_type());
  }
  if (maybe_sub.is_non_null()) return is_type_sub_type_of(maybe_sub.of_type(), super);
  if (super.is_list()) {
    return maybe_sub.is_list() && is_type_sub_type_of(maybe_sub.of_type(), super.of_type());
  }
  if (maybe_sub.is_list()) return false;
  const named_type& sub = *maybe_sub.named_type();
  return super.named_type()->is_abstract() &&
         (sub.kind == type_kind::interface || sub.kind == type_kind::object) &&
         is_sub_type(*super.named_type(), sub);
}

bool schema::do_types_overlap(const named_type& a, const named_type& b) const noexcept {
  if (&a == &b) return true;
  if (a.is_abstract()) {
    if (b.is_abstract()) {
      return std::any_of(a.possible_types_.begin(), a.possible_types_.end(),
                         [&](const named_type* t) { return is_sub_type(b, *t); });
    }
    return is_sub_type(a, b);
  }
  return b.is_abstract() && is_sub_type(b, a);
}

std::optional<type_ref> schema::resolve(const type_node& type) const {
  switch (type.kind) {
    case type_node_kind::named: {
      const named_type* named = find_type(type.name.value);
      if (named == nullptr) return std::nullopt;
      return type_ref(named);
    }
    case type_node_kind::list:
    case type_node_kind::non_null: {
      auto inner = resolve(*type.of_type);
      if (!inner || inner->depth() >= type_ref::max_depth) return std::nullopt;
      if (type.kind == type_node_kind::list) return inner->list_of();
      if (inner->is_non_null()) return std::nullopt;  // T!! cannot be parsed
      return inner->non_null();
    }
  }
  return std::nullopt;
}

}  // namespace streamhub::graphql
