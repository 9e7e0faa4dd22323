// KnownTypeNames, FragmentsOnCompositeTypes, VariablesAreInputTypes.

#include "protocol/graphql/printer.hpp"
#include "protocol/graphql/suggestions.hpp"
#include "protocol/graphql/validation/rule_support.hpp"
#include "protocol/graphql/validation/rules.hpp"

namespace streamhub::graphql::detail {

void known_type_names::enter(const named_type_use& use) {
  const std::string_view name = use.name.value;
  if (ctx_.schema().find_type(name) != nullptr || ctx_.defines_type(name)) return;
  std::vector<std::string_view> known;
  for (const named_type* t : ctx_.schema().types()) known.push_back(t->name);
  const auto defined = ctx_.defined_types();
  known.insert(known.end(), defined.begin(), defined.end());
  ctx_.report("Unknown type " + quoted(name) + "." + did_you_mean(suggestion_list(name, known)),
              {use.name.offset});
}

void fragments_on_composite_types::enter(const inline_fragment_node& fragment) {
  if (fragment.type_condition.empty()) return;
  const named_type* t = ctx_.schema().find_type(fragment.type_condition.value);
  if (t != nullptr && !t->is_composite()) {
    ctx_.report("Fragment cannot condition on non composite type " +
                    quoted(fragment.type_condition.value) + ".",
                {fragment.type_condition.offset});
  }
}

void fragments_on_composite_types::enter(const fragment_definition_node& fragment) {
  const named_type* t = ctx_.schema().find_type(fragment.type_condition.value);
  if (t != nullptr && !t->is_composite()) {
    ctx_.report("Fragment " + quoted(fragment.name.value) +
                    " cannot condition on non composite type " +
                    quoted(fragment.type_condition.value) + ".",
                {fragment.type_condition.offset});
  }
}

void variables_are_input_types::enter(const variable_definition_node& variable) {
  const auto t = ctx_.schema().resolve(*variable.type);
  if (t && !is_input_type(*t)) {
    ctx_.report("Variable \"$" + std::string(variable.variable.value) +
                    "\" cannot be non-input type " + quoted(print_type(*variable.type)) + ".",
                {variable.type->offset});
  }
}

}  // namespace streamhub::graphql::detail
