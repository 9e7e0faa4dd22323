// UniqueVariableNames, NoUndefinedVariables, NoUnusedVariables,
// VariablesInAllowedPosition. The last three look, when leaving an
// operation, at the usages of variables in it and in every fragment it
// references.

#include <unordered_set>

#include "protocol/graphql/default_value.hpp"
#include "protocol/graphql/validation/rule_support.hpp"
#include "protocol/graphql/validation/rules.hpp"

namespace streamhub::graphql::detail {

namespace {

const name_node& variable_name(const variable_definition_node& v) { return v.variable; }

auto definitions_by_name(const operation_definition_node& op, std::pmr::memory_resource* arena) {
  const auto name_of = [](const variable_definition_node& v) { return v.variable.value; };
  return name_index<variable_definition_node, decltype(name_of)>(op.variable_definitions, name_of, arena);
}

std::string variable(std::string_view name) { return "\"$" + std::string(name) + "\""; }

std::string in_operation(const operation_definition_node& op, std::string_view preposition) {
  if (op.name.empty()) return ".";
  return " " + std::string(preposition) + " operation " + quoted(op.name.value) + ".";
}

}  // namespace

void unique_variable_names::enter(const operation_definition_node& op) {
  report_repeated_names(op.variable_definitions, variable_name, ctx_.arena(),
                        [&](std::string_view name, std::span<const std::uint32_t> offsets) {
                          ctx_.report("There can be only one variable named " + variable(name) + ".",
                                      offsets);
                        });
}

void no_undefined_variables::leave(const operation_definition_node& op) {
  const auto defined = definitions_by_name(op, ctx_.arena());
  ctx_.for_each_usage(op, [&](const variable_usage& usage) {
    if (defined.find(usage.node->text) == nullptr) {
      ctx_.report("Variable " + variable(usage.node->text) + " is not defined" + in_operation(op, "by"),
                  {usage.node->offset, op.offset});
    }
  });
}

void no_unused_variables::leave(const operation_definition_node& op) {
  if (op.variable_definitions.empty()) return;
  std::pmr::unordered_set<std::string_view> used(ctx_.arena());
  ctx_.for_each_usage(op, [&](const variable_usage& usage) { used.insert(usage.node->text); });
  for (const auto& definition : op.variable_definitions) {
    if (!used.contains(definition.variable.value)) {
      ctx_.report("Variable " + variable(definition.variable.value) + " is never used" +
                      in_operation(op, "in"),
                  {definition.offset});
    }
  }
}

namespace {

// graphql-js allowedVariableUsage: a nullable variable may go where a
// non-null value is expected when it or the position has a default.
bool allowed_usage(const schema& s, type_ref variable_type, const value_node* variable_default,
                   const variable_usage& usage) {
  if (usage.type.is_non_null() && !variable_type.is_non_null()) {
    const bool variable_has_default =
        variable_default != nullptr && variable_default->kind != value_kind::null;
    // graphql-js's location default is the coerced value: a default that
    // does not coerce counts as none.
    const input_value_def* location = usage.location;
    const bool location_has_default =
        location != nullptr && location->default_value != nullptr &&
        print_coerced_literal(*location->default_value, location->type).has_value();
    if (!variable_has_default && !location_has_default) return false;
    return s.is_type_sub_type_of(variable_type, usage.type.of_type());
  }
  return s.is_type_sub_type_of(variable_type, usage.type);
}

}  // namespace

void variables_in_allowed_position::leave(const operation_definition_node& op) {
  const auto definitions = definitions_by_name(op, ctx_.arena());
  ctx_.for_each_usage(op, [&](const variable_usage& usage) {
    const variable_definition_node* definition = definitions.find(usage.node->text);
    if (definition == nullptr || usage.type.empty()) return;
    const auto variable_type = ctx_.schema().resolve(*definition->type);
    if (!variable_type) return;
    if (!allowed_usage(ctx_.schema(), *variable_type, definition->default_value, usage)) {
      ctx_.report("Variable " + variable(usage.node->text) + " of type " + quoted(*variable_type) +
                      " used in position expecting type " + quoted(usage.type) + ".",
                  {definition->offset, usage.node->offset});
    }
  });
}

}  // namespace streamhub::graphql::detail
