#pragma once
// Internal to validation: one depth-first walk over operations and
// fragments that calls every rule at every node, as graphql-js's
// visitInParallel + visitWithTypeInfo do, in the same order: children in
// graphql-js's key order, and at each node the rules in the order given.
//
// A rule is any class; it receives the nodes it declares a hook for:
//   void enter(const field_node&);   void leave(const field_node&);
// for document, operation_definition_node, fragment_definition_node,
// variable_definition_node, selection_span (a selection set),
// field_node, fragment_spread_node, inline_fragment_node, directive_use,
// argument_node, value_node (every literal, variables included),
// object_field_node and named_type_use. Hooks are found at compile time,
// so a rule pays only for the nodes it looks at.
//
// The type_info is entered before the rules see a node and left after. The
// walk stops as soon as the context is aborted.

#include <tuple>

#include "protocol/graphql/validation/type_info.hpp"
#include "protocol/graphql/validation/validation_context.hpp"

namespace streamhub::graphql::detail {

template <class... Rules>
class walker {
 public:
  walker(validation_context& ctx, type_info& types, Rules&... rules)
      : ctx_(ctx), types_(types), rules_(rules...) {}

  void walk(const document& doc) {
    enter(doc);
    for (const definition_node* def : doc.definitions()) {
      if (ctx_.aborted()) return;
      if (def->kind == definition_kind::operation) {
        walk(def->as<operation_definition_node>());
      } else if (def->kind == definition_kind::fragment) {
        walk(def->as<fragment_definition_node>());
      }
    }
    leave(doc);
  }

  void walk(const operation_definition_node& op) {
    enter(op);
    for (const auto& variable : op.variable_definitions) walk(variable);
    walk(op.directives, operation_location(op.operation));
    walk(op.selection_set);
    leave(op);
  }

  void walk(const fragment_definition_node& fragment) {
    enter(fragment);
    enter(named_type_use{fragment.type_condition});
    walk(fragment.directives, directive_location::fragment_definition);
    walk(fragment.selection_set);
    leave(fragment);
  }

 private:
  static directive_location operation_location(operation_type op) {
    switch (op) {
      case operation_type::mutation: return directive_location::mutation;
      case operation_type::subscription: return directive_location::subscription;
      default: return directive_location::query;
    }
  }

  void walk(const variable_definition_node& variable) {
    enter(variable);
    const type_node* t = variable.type;
    while (t->kind != type_node_kind::named) t = t->of_type;
    enter(named_type_use{t->name});
    if (variable.default_value != nullptr) walk(*variable.default_value);
    walk(variable.directives, directive_location::variable_definition);
    leave(variable);
  }

  void walk(selection_span set) {
    if (ctx_.aborted()) return;
    enter(set);
    for (const selection_node* sel : set) {
      switch (sel->kind) {
        case selection_kind::field: walk(sel->as<field_node>()); break;
        case selection_kind::fragment_spread: walk(sel->as<fragment_spread_node>()); break;
        case selection_kind::inline_fragment: walk(sel->as<inline_fragment_node>()); break;
      }
    }
    leave(set);
  }

  void walk(const field_node& field) {
    enter(field);
    for (const auto& argument : field.arguments) walk(argument);
    walk(field.directives, directive_location::field);
    if (!field.selection_set.empty()) walk(field.selection_set);
    leave(field);
  }

  void walk(const fragment_spread_node& spread) {
    enter(spread);
    walk(spread.directives, directive_location::fragment_spread);
    leave(spread);
  }

  void walk(const inline_fragment_node& fragment) {
    enter(fragment);
    if (!fragment.type_condition.empty()) enter(named_type_use{fragment.type_condition});
    walk(fragment.directives, directive_location::inline_fragment);
    walk(fragment.selection_set);
    leave(fragment);
  }

  void walk(std::span<const directive_node> directives, directive_location location) {
    for (const auto& d : directives) {
      const directive_use use{d, location};
      enter(use);
      for (const auto& argument : d.arguments) walk(argument);
      leave(use);
    }
  }

  void walk(const argument_node& argument) {
    enter(argument);
    walk(argument.value);
    leave(argument);
  }

  void walk(const value_node& value) {
    if (ctx_.aborted()) return;
    enter(value);
    if (value.kind == value_kind::list) {
      for (const auto& item : value.items) walk(item);
    } else if (value.kind == value_kind::object) {
      for (const auto& field : value.fields) {
        enter(field);
        walk(field.value);
        leave(field);
      }
    }
    leave(value);
  }

  template <class Node>
  void enter(const Node& node) {
    if constexpr (requires { types_.enter(node); }) types_.enter(node);
    std::apply([&](auto&... rule) { (enter_one(rule, node), ...); }, rules_);
  }

  template <class Node>
  void leave(const Node& node) {
    std::apply([&](auto&... rule) { (leave_one(rule, node), ...); }, rules_);
    if constexpr (requires { types_.leave(node); }) types_.leave(node);
  }

  template <class Rule, class Node>
  void enter_one(Rule& rule, const Node& node) {
    if constexpr (requires { rule.enter(node); }) {
      if (!ctx_.aborted()) rule.enter(node);
    }
  }

  template <class Rule, class Node>
  void leave_one(Rule& rule, const Node& node) {
    if constexpr (requires { rule.leave(node); }) {
      if (!ctx_.aborted()) rule.leave(node);
    }
  }

  validation_context& ctx_;
  type_info& types_;
  std::tuple<Rules&...> rules_;
};

template <class... Rules>
walker(validation_context&, type_info&, Rules&...) -> walker<Rules...>;

}  // namespace streamhub::graphql::detail
