// KnownArgumentNames, UniqueArgumentNames, ProvidedRequiredArguments, for
// fields and directives.

#include "protocol/graphql/suggestions.hpp"
#include "protocol/graphql/validation/rule_support.hpp"
#include "protocol/graphql/validation/rules.hpp"

namespace streamhub::graphql::detail {

namespace {

std::vector<std::string_view> argument_names(const std::vector<input_value_def>& arguments) {
  std::vector<std::string_view> names;
  names.reserve(arguments.size());
  for (const auto& a : arguments) names.push_back(a.name);
  return names;
}

std::string directive_name(std::string_view name) { return "\"@" + std::string(name) + "\""; }

bool provided(std::span<const argument_node> arguments, std::string_view name) {
  for (const auto& a : arguments) {
    if (a.name.value == name) return true;
  }
  return false;
}

}  // namespace

// Directive arguments are checked here, against the directive; the
// argument hook then skips them (graphql-js returns false from Directive).
void known_argument_names::enter(const directive_use& use) {
  in_directive_ = true;
  const directive_def* def = ctx_.schema().find_directive(use.node.name.value);
  if (def == nullptr) return;
  for (const auto& argument : use.node.arguments) {
    if (def->find_argument(argument.name.value) != nullptr) continue;
    const auto suggestions = suggestion_list(argument.name.value, argument_names(def->arguments));
    ctx_.report("Unknown argument " + quoted(argument.name.value) + " on directive " +
                    directive_name(def->name) + "." + did_you_mean(suggestions),
                {argument.offset});
  }
}

void known_argument_names::enter(const argument_node& argument) {
  if (in_directive_ || ctx_.types().argument() != nullptr) return;
  const field_def* field = ctx_.types().field();
  const named_type* parent = ctx_.types().parent_type();
  if (field == nullptr || parent == nullptr) return;
  const auto suggestions = suggestion_list(argument.name.value, argument_names(field->arguments));
  ctx_.report("Unknown argument " + quoted(argument.name.value) + " on field " +
                  quoted(std::string(parent->name) + "." + std::string(field->name)) + "." +
                  did_you_mean(suggestions),
              {argument.offset});
}

void unique_argument_names::check(std::span<const argument_node> arguments) {
  report_repeated_names(
      arguments, [](const argument_node& a) -> const name_node& { return a.name; }, ctx_.arena(),
      [&](std::string_view name, std::span<const std::uint32_t> offsets) {
        ctx_.report("There can be only one argument named " + quoted(name) + ".", offsets);
      });
}

void provided_required_arguments::leave(const directive_use& use) {
  const directive_def* def = ctx_.schema().find_directive(use.node.name.value);
  if (def == nullptr) return;
  for (const auto& argument : def->arguments) {
    if (!argument.is_required() || provided(use.node.arguments, argument.name)) continue;
    ctx_.report("Directive " + directive_name(def->name) + " argument " + quoted(argument.name) +
                    " of type " + quoted(argument.type) + " is required, but it was not provided.",
                {use.node.offset});
  }
}

void provided_required_arguments::leave(const field_node& field) {
  const field_def* def = ctx_.types().field();
  if (def == nullptr) return;
  for (const auto& argument : def->arguments) {
    if (!argument.is_required() || provided(field.arguments, argument.name)) continue;
    ctx_.report("Field " + quoted(def->name) + " argument " + quoted(argument.name) + " of type " +
                    quoted(argument.type) + " is required, but it was not provided.",
                {field.offset});
  }
}

}  // namespace streamhub::graphql::detail
