// The executable part of the grammar (spec 2.3 to 2.8): operations,
// selection sets, fields, fragments, variable definitions.

#include "protocol/graphql/parser_impl.hpp"

namespace streamhub::graphql::detail {

const definition_node* parser::parse_operation_definition() {
  auto* op = make<operation_definition_node>();
  op->kind = definition_kind::operation;
  op->offset = tok_.start;
  if (peek(token_kind::brace_l)) {  // the query shorthand
    op->selection_set = parse_selection_set();
    return op;
  }
  op->operation = parse_operation_type();
  if (peek(token_kind::name)) op->name = parse_name();
  op->variable_definitions = parse_variable_definitions();
  op->directives = parse_directives(false);
  op->selection_set = parse_selection_set();
  return op;
}

operation_type parser::parse_operation_type() {
  const token t = expect(token_kind::name);
  if (t.value == "query") return operation_type::query;
  if (t.value == "mutation") return operation_type::mutation;
  if (t.value == "subscription") return operation_type::subscription;
  if (ok()) unexpected(t);
  return operation_type::query;
}

std::span<const variable_definition_node> parser::parse_variable_definitions() {
  if (!expect_optional(token_kind::paren_l)) return {};
  const std::size_t m = mark();
  do {
    variable_definition_node var;
    var.offset = tok_.start;
    expect(token_kind::dollar);
    var.variable = parse_name();
    expect(token_kind::colon);
    var.type = parse_type_reference();
    if (expect_optional(token_kind::equals)) {
      auto* value = make<value_node>();
      *value = parse_value_literal(true);
      var.default_value = value;
    }
    var.directives = parse_directives(true);
    push(var);
  } while (ok() && !expect_optional(token_kind::paren_r));
  return pop<variable_definition_node>(m);
}

selection_span parser::parse_selection_set() {
  if (!peek(token_kind::brace_l)) {
    expect(token_kind::brace_l);
    return {};
  }
  if (!enter(tok_.start)) return {};
  advance();
  const std::size_t m = mark();
  do {
    push(parse_selection());
  } while (ok() && !expect_optional(token_kind::brace_r));
  leave();
  return pop<const selection_node*>(m);
}

const selection_node* parser::parse_selection() {
  return peek(token_kind::spread) ? parse_fragment() : parse_field();
}

const selection_node* parser::parse_field() {
  auto* field = make<field_node>();
  field->kind = selection_kind::field;
  field->offset = tok_.start;
  const name_node first = parse_name();
  if (expect_optional(token_kind::colon)) {
    field->alias = first;
    field->name = parse_name();
  } else {
    field->name = first;
  }
  field->arguments = parse_arguments(false);
  field->directives = parse_directives(false);
  if (peek(token_kind::brace_l)) field->selection_set = parse_selection_set();
  return field;
}

const selection_node* parser::parse_fragment() {
  const std::uint32_t start = tok_.start;
  expect(token_kind::spread);
  const bool has_type_condition = expect_optional_keyword("on");
  if (!has_type_condition && peek(token_kind::name)) {
    auto* spread = make<fragment_spread_node>();
    spread->kind = selection_kind::fragment_spread;
    spread->offset = start;
    spread->name = parse_fragment_name();
    spread->directives = parse_directives(false);
    return spread;
  }
  auto* inline_fragment = make<inline_fragment_node>();
  inline_fragment->kind = selection_kind::inline_fragment;
  inline_fragment->offset = start;
  if (has_type_condition) inline_fragment->type_condition = parse_named_type();
  inline_fragment->directives = parse_directives(false);
  inline_fragment->selection_set = parse_selection_set();
  return inline_fragment;
}

const definition_node* parser::parse_fragment_definition() {
  auto* fragment = make<fragment_definition_node>();
  fragment->kind = definition_kind::fragment;
  fragment->offset = tok_.start;
  expect_keyword("fragment");
  fragment->name = parse_fragment_name();
  expect_keyword("on");
  fragment->type_condition = parse_named_type();
  fragment->directives = parse_directives(false);
  fragment->selection_set = parse_selection_set();
  return fragment;
}

name_node parser::parse_fragment_name() {
  if (peek_keyword("on")) {
    unexpected();
    return {};
  }
  return parse_name();
}

}  // namespace streamhub::graphql::detail
