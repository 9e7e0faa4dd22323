// ValuesOfCorrectType (literals coerce to the type their position expects,
// with the built-in scalars' and enums' own messages) and
// UniqueInputFieldNames.

#include <charconv>
#include <optional>

#include "protocol/graphql/printer.hpp"
#include "protocol/graphql/suggestions.hpp"
#include "protocol/graphql/validation/rule_support.hpp"
#include "protocol/graphql/validation/rules.hpp"

namespace streamhub::graphql::detail {

namespace {

bool int32_literal(std::string_view text) {
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  return ec == std::errc() && v >= -2147483648LL && v <= 2147483647LL;
}

std::string enum_suggestions(const named_type& type, std::string_view printed) {
  std::vector<std::string_view> names;
  for (const auto& v : type.enum_values) names.push_back(v.name);
  return did_you_mean(suggestion_list(printed, names), "the enum value");
}

// What graphql-js's parseLiteral throws for a literal of a leaf type, or
// nullopt when the literal is acceptable. Custom scalars take any literal.
std::optional<std::string> leaf_error(const named_type& type, const value_node& value) {
  const std::string_view name = type.name;
  if (type.kind == type_kind::enum_) {
    const std::string printed = print_value(value);
    if (value.kind != value_kind::enum_) {
      return "Enum " + quoted(name) + " cannot represent non-enum value: " + printed + "." +
             enum_suggestions(type, printed);
    }
    if (type.find_enum_value(value.text) != nullptr) return std::nullopt;
    return "Value " + quoted(printed) + " does not exist in " + quoted(name) + " enum." +
           enum_suggestions(type, printed);
  }
  if (!type.is_builtin_scalar()) return std::nullopt;
  const value_kind k = value.kind;
  if (name == "Int") {
    if (k != value_kind::int_) return "Int cannot represent non-integer value: " + print_value(value);
    if (!int32_literal(value.text)) {
      return "Int cannot represent non 32-bit signed integer value: " + std::string(value.text);
    }
  } else if (name == "Float") {
    if (k != value_kind::int_ && k != value_kind::float_) {
      return "Float cannot represent non numeric value: " + print_value(value);
    }
  } else if (name == "String") {
    if (k != value_kind::string) return "String cannot represent a non string value: " + print_value(value);
  } else if (name == "Boolean") {
    if (k != value_kind::boolean) {
      return "Boolean cannot represent a non boolean value: " + print_value(value);
    }
  } else if (k != value_kind::string && k != value_kind::int_) {  // ID
    return "ID cannot represent a non-string and non-integer value: " + print_value(value);
  }
  return std::nullopt;
}

std::string expected(type_ref type, const value_node& value) {
  return "Expected value of type " + quoted(type) + ", found " + print_value(value) + ".";
}

}  // namespace

void values_of_correct_type::enter(const value_node& value) {
  if (skipping_ != nullptr) return;
  const type_info& types = ctx_.types();
  switch (value.kind) {
    case value_kind::list: {
      const type_ref outer = types.parent_input_type();
      if (outer.empty() || !outer.nullable().is_list()) {
        check_leaf(value);
        skipping_ = &value;
      }
      return;
    }
    case value_kind::object: {
      const type_ref type = types.input_type();
      if (type.empty() || type.named_type()->kind != type_kind::input_object) {
        check_leaf(value);
        skipping_ = &value;
        return;
      }
      check_required_fields(value, *type.named_type());
      return;
    }
    case value_kind::null: {
      const type_ref type = types.input_type();
      if (!type.empty() && type.is_non_null()) ctx_.report(expected(type, value), {value.offset});
      return;
    }
    case value_kind::variable: return;
    default: check_leaf(value);
  }
}

void values_of_correct_type::enter(const object_field_node& field) {
  if (skipping_ != nullptr) return;
  const type_ref parent = ctx_.types().parent_input_type();
  if (!ctx_.types().input_type().empty() || parent.empty() ||
      parent.named_type()->kind != type_kind::input_object) {
    return;
  }
  const named_type& type = *parent.named_type();
  std::vector<std::string_view> names;
  for (const auto& f : type.input_fields) names.push_back(f.name);
  ctx_.report("Field " + quoted(field.name.value) + " is not defined by type " + quoted(type.name) + "." +
                  did_you_mean(suggestion_list(field.name.value, names)),
              {field.offset});
}

// graphql-js isValidValueNode.
void values_of_correct_type::check_leaf(const value_node& value) {
  const type_ref location = ctx_.types().input_type();
  if (location.empty()) return;
  const named_type& type = *location.named_type();
  if (!type.is_leaf()) {
    ctx_.report(expected(location, value), {value.offset});
    return;
  }
  if (auto error = leaf_error(type, value)) ctx_.report(std::move(*error), {value.offset});
}

void values_of_correct_type::check_required_fields(const value_node& object, const named_type& type) {
  const auto name_of = [](const object_field_node& f) { return f.name.value; };
  const name_index<object_field_node, decltype(name_of)> given(object.fields, name_of, ctx_.arena());
  for (const auto& field : type.input_fields) {
    if (!field.is_required() || given.find(field.name) != nullptr) continue;
    ctx_.report("Field " + quoted(std::string(type.name) + "." + std::string(field.name)) +
                    " of required type " + quoted(field.type) + " was not provided.",
                {object.offset});
  }
}

void unique_input_field_names::enter(const value_node& value) {
  if (value.kind != value_kind::object) return;
  objects_.push_back({&value, first_occurrences(
                                  value.fields, [](const object_field_node& f) { return f.name.value; },
                                  ctx_.arena())});
}

void unique_input_field_names::leave(const value_node& value) {
  if (value.kind == value_kind::object) objects_.pop_back();
}

void unique_input_field_names::enter(const object_field_node& field) {
  const object_state& object = objects_.back();
  const auto index = static_cast<std::size_t>(&field - object.object->fields.data());
  const std::uint32_t first = object.first[index];
  if (first == index) return;
  ctx_.report("There can be only one input field named " + quoted(field.name.value) + ".",
              {object.object->fields[first].name.offset, field.name.offset});
}

}  // namespace streamhub::graphql::detail
