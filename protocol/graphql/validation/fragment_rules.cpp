// UniqueFragmentNames, KnownFragmentNames, NoUnusedFragments,
// PossibleFragmentSpreads.

#include <unordered_set>

#include "protocol/graphql/validation/rule_support.hpp"
#include "protocol/graphql/validation/rules.hpp"

namespace streamhub::graphql::detail {

void unique_fragment_names::enter(const fragment_definition_node& fragment) {
  const auto [it, inserted] = known_.emplace(fragment.name.value, fragment.name.offset);
  if (!inserted) {
    ctx_.report("There can be only one fragment named " + quoted(fragment.name.value) + ".",
                {it->second, fragment.name.offset});
  }
}

void known_fragment_names::enter(const fragment_spread_node& spread) {
  if (ctx_.fragments().find(spread.name.value) == nullptr) {
    ctx_.report("Unknown fragment " + quoted(spread.name.value) + ".", {spread.name.offset});
  }
}

void no_unused_fragments::leave(const document& doc) {
  std::pmr::unordered_set<std::string_view> used(ctx_.arena());
  for (const definition_node* def : doc.definitions()) {
    if (def->kind != definition_kind::operation) continue;
    for (const auto* fragment : ctx_.referenced_fragments(def->as<operation_definition_node>())) {
      used.insert(fragment->name.value);
    }
    if (ctx_.aborted()) return;
  }
  for (const definition_node* def : doc.definitions()) {
    if (def->kind != definition_kind::fragment) continue;
    const auto& fragment = def->as<fragment_definition_node>();
    if (!used.contains(fragment.name.value)) {
      ctx_.report("Fragment " + quoted(fragment.name.value) + " is never used.", {fragment.offset});
    }
  }
}

namespace {

std::string never_spread(const named_type& parent, const named_type& fragment) {
  return " cannot be spread here as objects of type " + quoted(parent.name) +
         " can never be of type " + quoted(fragment.name) + ".";
}

}  // namespace

void possible_fragment_spreads::enter(const inline_fragment_node& fragment) {
  const type_ref fragment_type = ctx_.types().type();
  const named_type* parent = ctx_.types().parent_type();
  if (fragment_type.empty() || !is_composite_type(fragment_type) || parent == nullptr) return;
  if (!ctx_.schema().do_types_overlap(*fragment_type.named_type(), *parent)) {
    ctx_.report("Fragment" + never_spread(*parent, *fragment_type.named_type()), {fragment.offset});
  }
}

void possible_fragment_spreads::enter(const fragment_spread_node& spread) {
  const fragment_definition_node* fragment = ctx_.fragments().find(spread.name.value);
  if (fragment == nullptr) return;
  const named_type* fragment_type = ctx_.schema().find_type(fragment->type_condition.value);
  const named_type* parent = ctx_.types().parent_type();
  if (fragment_type == nullptr || !fragment_type->is_composite() || parent == nullptr) return;
  if (!ctx_.schema().do_types_overlap(*fragment_type, *parent)) {
    ctx_.report("Fragment " + quoted(spread.name.value) + never_spread(*parent, *fragment_type),
                {spread.offset});
  }
}

}  // namespace streamhub::graphql::detail
