// KnownDirectives, UniqueDirectivesPerLocation.

#include "protocol/graphql/validation/rule_support.hpp"
#include "protocol/graphql/validation/rules.hpp"

namespace streamhub::graphql::detail {

void known_directives::enter(const directive_use& use) {
  const std::string_view name = use.node.name.value;
  const directive_def* def = ctx_.schema().find_directive(name);
  if (def == nullptr) {
    ctx_.report("Unknown directive \"@" + std::string(name) + "\".", {use.node.offset});
  } else if (!def->allows(use.location)) {
    ctx_.report("Directive \"@" + std::string(name) + "\" may not be used on " +
                    std::string(to_string(use.location)) + ".",
                {use.node.offset});
  }
}

void unique_directives_per_location::check(std::span<const directive_node> directives) {
  if (directives.size() < 2) return;
  const auto first = first_occurrences(
      directives, [](const directive_node& d) { return d.name.value; }, ctx_.arena());
  for (std::uint32_t i = 0; i < directives.size(); ++i) {
    if (first[i] == i) continue;
    const std::string_view name = directives[i].name.value;
    const directive_def* def = ctx_.schema().find_directive(name);
    if (def == nullptr || def->repeatable) continue;
    ctx_.report("The directive \"@" + std::string(name) + "\" can only be used once at this location.",
                {directives[first[i]].offset, directives[i].offset});
  }
}

}  // namespace streamhub::graphql::detail
