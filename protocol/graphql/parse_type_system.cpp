// The type system part of the grammar (spec 3): schema, type and directive
// definitions and their extensions.

#include "protocol/graphql/directive_location.hpp"
#include "protocol/graphql/parser_impl.hpp"

namespace streamhub::graphql::detail {

const value_node* parser::parse_description() {
  if (!peek(token_kind::string) && !peek(token_kind::block_string)) return nullptr;
  auto* description = make<value_node>();
  *description = parse_string_literal();
  return description;
}

template <class T>
T* parser::begin_type_definition(definition_kind kind, bool extension, std::string_view keyword) {
  auto* def = make<T>();
  def->kind = kind;
  def->extension = extension;
  def->offset = tok_.start;
  if (extension) {
    expect_keyword("extend");
  } else {
    def->description = parse_description();
  }
  expect_keyword(keyword);
  if constexpr (!std::is_same_v<T, schema_definition_node>) def->name = parse_name();
  return def;
}

const definition_node* parser::parse_type_system_definition(const token& keyword) {
  const std::string_view word = keyword.value;
  if (word == "schema") return parse_schema_definition(false);
  if (word == "scalar") return parse_scalar_definition(false);
  if (word == "type") return parse_object_or_interface(false, false);
  if (word == "interface") return parse_object_or_interface(false, true);
  if (word == "union") return parse_union_definition(false);
  if (word == "enum") return parse_enum_definition(false);
  if (word == "input") return parse_input_object_definition(false);
  if (word == "directive") return parse_directive_definition();
  return nullptr;
}

const definition_node* parser::parse_type_system_extension() {
  const token keyword = lookahead();
  if (keyword.kind == token_kind::name) {
    const std::string_view word = keyword.value;
    if (word == "schema") return parse_schema_definition(true);
    if (word == "scalar") return parse_scalar_definition(true);
    if (word == "type") return parse_object_or_interface(true, false);
    if (word == "interface") return parse_object_or_interface(true, true);
    if (word == "union") return parse_union_definition(true);
    if (word == "enum") return parse_enum_definition(true);
    if (word == "input") return parse_input_object_definition(true);
  }
  unexpected(keyword);
  return nullptr;
}

const definition_node* parser::parse_schema_definition(bool extension) {
  auto* def = begin_type_definition<schema_definition_node>(definition_kind::schema, extension,
                                                            "schema");
  def->directives = parse_directives(true);
  const bool has_operations = peek(token_kind::brace_l);
  if (!has_operations && !extension) expect(token_kind::brace_l);
  if (has_operations) {
    advance();
    const std::size_t m = mark();
    do {
      operation_type_definition_node op;
      op.offset = tok_.start;
      op.operation = parse_operation_type();
      expect(token_kind::colon);
      op.type = parse_named_type();
      push(op);
    } while (ok() && !expect_optional(token_kind::brace_r));
    def->operation_types = pop<operation_type_definition_node>(m);
  }
  if (extension && def->directives.empty() && def->operation_types.empty()) unexpected();
  return def;
}

const definition_node* parser::parse_scalar_definition(bool extension) {
  auto* def = begin_type_definition<scalar_type_definition_node>(definition_kind::scalar,
                                                                 extension, "scalar");
  def->directives = parse_directives(true);
  if (extension && def->directives.empty()) unexpected();
  return def;
}

const definition_node* parser::parse_object_or_interface(bool extension, bool interface) {
  object_or_interface_definition_node* def;
  if (interface) {
    def = begin_type_definition<interface_type_definition_node>(definition_kind::interface,
                                                                extension, "interface");
  } else {
    def = begin_type_definition<object_type_definition_node>(definition_kind::object, extension,
                                                             "type");
  }
  def->interfaces = parse_implements_interfaces();
  def->directives = parse_directives(true);
  def->fields = parse_fields_definition();
  if (extension && def->interfaces.empty() && def->directives.empty() && def->fields.empty()) {
    unexpected();
  }
  return def;
}

std::span<const name_node> parser::parse_implements_interfaces() {
  if (!expect_optional_keyword("implements")) return {};
  const std::size_t m = mark();
  expect_optional(token_kind::amp);  // a leading '&' is allowed
  do {
    push(parse_named_type());
  } while (expect_optional(token_kind::amp));
  return pop<name_node>(m);
}

std::span<const field_definition_node> parser::parse_fields_definition() {
  if (!expect_optional(token_kind::brace_l)) return {};
  const std::size_t m = mark();
  do {
    field_definition_node field;
    field.offset = tok_.start;
    field.description = parse_description();
    field.name = parse_name();
    field.arguments = parse_input_value_defs(token_kind::paren_l, token_kind::paren_r);
    expect(token_kind::colon);
    field.type = parse_type_reference();
    field.directives = parse_directives(true);
    push(field);
  } while (ok() && !expect_optional(token_kind::brace_r));
  return pop<field_definition_node>(m);
}

// ArgumentsDefinition `( ... )` and InputFieldsDefinition `{ ... }`.
std::span<const input_value_definition_node> parser::parse_input_value_defs(token_kind open,
                                                                            token_kind close) {
  if (!expect_optional(open)) return {};
  const std::size_t m = mark();
  do {
    push(parse_input_value_def());
  } while (ok() && !expect_optional(close));
  return pop<input_value_definition_node>(m);
}

input_value_definition_node parser::parse_input_value_def() {
  input_value_definition_node input;
  input.offset = tok_.start;
  input.description = parse_description();
  input.name = parse_name();
  expect(token_kind::colon);
  input.type = parse_type_reference();
  if (expect_optional(token_kind::equals)) {
    auto* value = make<value_node>();
    *value = parse_value_literal(true);
    input.default_value = value;
  }
  input.directives = parse_directives(true);
  return input;
}

const definition_node* parser::parse_union_definition(bool extension) {
  auto* def = begin_type_definition<union_type_definition_node>(definition_kind::union_,
                                                                extension, "union");
  def->directives = parse_directives(true);
  def->types = parse_union_member_types();
  if (extension && def->directives.empty() && def->types.empty()) unexpected();
  return def;
}

std::span<const name_node> parser::parse_union_member_types() {
  if (!expect_optional(token_kind::equals)) return {};
  const std::size_t m = mark();
  expect_optional(token_kind::pipe);  // a leading '|' is allowed
  do {
    push(parse_named_type());
  } while (expect_optional(token_kind::pipe));
  return pop<name_node>(m);
}

const definition_node* parser::parse_enum_definition(bool extension) {
  auto* def = begin_type_definition<enum_type_definition_node>(definition_kind::enum_,
                                                               extension, "enum");
  def->directives = parse_directives(true);
  def->values = parse_enum_values_definition();
  if (extension && def->directives.empty() && def->values.empty()) unexpected();
  return def;
}

std::span<const enum_value_definition_node> parser::parse_enum_values_definition() {
  if (!expect_optional(token_kind::brace_l)) return {};
  const std::size_t m = mark();
  do {
    enum_value_definition_node value;
    value.offset = tok_.start;
    value.description = parse_description();
    if (peek_keyword("true") || peek_keyword("false") || peek_keyword("null")) {
      fail(tok_.start, "Name \"" + std::string(tok_.value) +
                           "\" is reserved and cannot be used for an enum value.");
    }
    value.name = parse_name();
    value.directives = parse_directives(true);
    push(value);
  } while (ok() && !expect_optional(token_kind::brace_r));
  return pop<enum_value_definition_node>(m);
}

const definition_node* parser::parse_input_object_definition(bool extension) {
  auto* def = begin_type_definition<input_object_type_definition_node>(
      definition_kind::input_object, extension, "input");
  def->directives = parse_directives(true);
  def->fields = parse_input_value_defs(token_kind::brace_l, token_kind::brace_r);
  if (extension && def->directives.empty() && def->fields.empty()) unexpected();
  return def;
}

const definition_node* parser::parse_directive_definition() {
  auto* def = make<directive_definition_node>();
  def->kind = definition_kind::directive;
  def->offset = tok_.start;
  def->description = parse_description();
  expect_keyword("directive");
  expect(token_kind::at);
  def->name = parse_name();
  def->arguments = parse_input_value_defs(token_kind::paren_l, token_kind::paren_r);
  def->repeatable = expect_optional_keyword("repeatable");
  expect_keyword("on");
  def->locations = parse_directive_locations();
  return def;
}

std::span<const name_node> parser::parse_directive_locations() {
  const std::size_t m = mark();
  expect_optional(token_kind::pipe);  // a leading '|' is allowed
  do {
    const token start = tok_;
    const name_node location = parse_name();
    if (ok() && !directive_location_from_string(location.value)) unexpected(start);
    push(location);
  } while (expect_optional(token_kind::pipe));
  return pop<name_node>(m);
}

}  // namespace streamhub::graphql::detail
