// SingleFieldSubscriptions: the spec's CollectFields on the subscription
// root type with no variables must give one field, not an introspection one.

#include <algorithm>
#include <unordered_set>
#include <utility>

#include "protocol/graphql/validation/rule_support.hpp"
#include "protocol/graphql/validation/rules.hpp"

namespace streamhub::graphql::detail {

namespace {

const argument_node* if_argument(std::span<const directive_node> directives, std::string_view name) {
  for (const auto& d : directives) {
    if (d.name.value != name) continue;
    for (const auto& arg : d.arguments) {
      if (arg.name.value == "if") return &arg;
    }
    return nullptr;
  }
  return nullptr;
}

bool literal_true(const argument_node* arg) {
  return arg != nullptr && arg->value.kind == value_kind::boolean && arg->value.boolean;
}

// With no variable values, as the spec's validation runs CollectFields,
// @skip(if: $v) does not skip and @include(if: $v) does not include.
bool should_include(std::span<const directive_node> directives) {
  if (literal_true(if_argument(directives, "skip"))) return false;
  const bool has_include = std::any_of(directives.begin(), directives.end(),
                                       [](const directive_node& d) { return d.name.value == "include"; });
  return !has_include || literal_true(if_argument(directives, "include"));
}

bool condition_matches(const schema& s, const name_node& condition, const named_type& runtime) {
  if (condition.empty()) return true;
  const named_type* t = s.find_type(condition.value);
  if (t == &runtime) return true;
  return t != nullptr && t->is_abstract() && s.is_sub_type(*t, runtime);
}

}  // namespace

void single_field_subscriptions::enter(const operation_definition_node& op) {
  if (op.operation != operation_type::subscription) return;
  const named_type* root = ctx_.schema().subscription_type();
  if (root == nullptr) return;
  auto* arena = ctx_.arena();

  // CollectFields without recursion: a stack of selection sets and the
  // position reached in each.
  std::pmr::vector<std::pmr::vector<const field_node*>> groups(arena);
  std::pmr::unordered_map<std::string_view, std::size_t> group_of(arena);
  std::pmr::unordered_set<std::string_view> visited(arena);
  std::pmr::vector<std::pair<selection_span, std::size_t>> stack(arena);
  stack.emplace_back(op.selection_set, 0);
  while (!stack.empty()) {
    auto& [set, next] = stack.back();
    if (next == set.size()) {
      stack.pop_back();
      continue;
    }
    const selection_node& sel = *set[next++];
    if (!should_include(sel.directives)) continue;
    switch (sel.kind) {
      case selection_kind::field: {
        const auto& field = sel.as<field_node>();
        const auto [it, added] = group_of.emplace(field.response_name(), groups.size());
        if (added) groups.emplace_back();
        groups[it->second].push_back(&field);
        break;
      }
      case selection_kind::inline_fragment: {
        const auto& fragment = sel.as<inline_fragment_node>();
        if (condition_matches(ctx_.schema(), fragment.type_condition, *root)) {
          stack.emplace_back(fragment.selection_set, 0);
        }
        break;
      }
      case selection_kind::fragment_spread: {
        const std::string_view name = sel.as<fragment_spread_node>().name.value;
        if (!visited.insert(name).second) break;
        if (!ctx_.spend(1)) return;
        const fragment_definition_node* fragment = ctx_.fragments().find(name);
        if (fragment != nullptr && condition_matches(ctx_.schema(), fragment->type_condition, *root)) {
          stack.emplace_back(fragment->selection_set, 0);
        }
        break;
      }
    }
  }

  const std::string subject =
      op.name.empty() ? "Anonymous Subscription" : "Subscription " + quoted(op.name.value);
  if (groups.size() > 1) {
    std::vector<std::uint32_t> offsets;
    for (std::size_t g = 1; g < groups.size(); ++g) {
      for (const field_node* f : groups[g]) offsets.push_back(f->offset);
    }
    ctx_.report(subject + " must select only one top level field.", offsets);
  }
  for (const auto& group : groups) {
    if (!group.front()->name.value.starts_with("__")) continue;
    std::vector<std::uint32_t> offsets;
    for (const field_node* f : group) offsets.push_back(f->offset);
    ctx_.report(subject + " must not select an introspection top level field.", offsets);
  }
}

}  // namespace streamhub::graphql::detail
