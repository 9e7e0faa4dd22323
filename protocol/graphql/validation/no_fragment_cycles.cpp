// NoFragmentCycles: graphql-js's depth-first search from each fragment,
// reporting each spread that closes a cycle with the path that led to it.
// An explicit stack replaces its recursion, so long chains of fragments
// cannot exhaust the thread's stack.

#include "protocol/graphql/validation/rule_support.hpp"
#include "protocol/graphql/validation/rules.hpp"

namespace streamhub::graphql::detail {

void no_fragment_cycles::enter(const fragment_definition_node& root) {
  const fragment_index& index = ctx_.fragments();
  // Without a cycle there is nothing to find. With repeated names the
  // search below, which goes by name as graphql-js's does, may find one
  // the fragment index does not see.
  if (!index.has_cycle() && !index.has_repeated_names()) return;
  struct frame {
    std::string_view name;
    std::span<const fragment_spread_node* const> spreads;
    std::size_t next;
  };
  std::pmr::vector<frame> stack(ctx_.arena());
  std::pmr::vector<const fragment_spread_node*> path(ctx_.arena());
  std::pmr::unordered_map<std::string_view, std::size_t> position(ctx_.arena());

  // Marks `fragment` visited and, when it spreads anything, starts on it.
  const auto start = [&](const fragment_definition_node& fragment) {
    if (!visited_.insert(fragment.name.value).second) return false;
    const auto spreads = index.spreads(index.index_of(fragment));
    if (spreads.empty()) return false;
    position[fragment.name.value] = path.size();
    stack.push_back({fragment.name.value, spreads, 0});
    return true;
  };

  start(root);
  while (!stack.empty() && !ctx_.aborted()) {
    frame& f = stack.back();
    if (f.next == f.spreads.size()) {
      position.erase(f.name);
      stack.pop_back();
      if (!stack.empty()) path.pop_back();  // the spread that led here
      continue;
    }
    const fragment_spread_node* spread = f.spreads[f.next++];
    const std::string_view name = spread->name.value;
    path.push_back(spread);
    const auto cycle = position.find(name);
    if (cycle == position.end()) {
      const fragment_definition_node* target = index.find(name);
      if (target != nullptr && start(*target)) continue;  // `path` keeps the spread
    } else {
      std::string via;
      std::vector<std::uint32_t> offsets;
      for (std::size_t i = cycle->second; i < path.size(); ++i) {
        offsets.push_back(path[i]->offset);
        if (i + 1 == path.size()) break;
        if (!via.empty()) via += ", ";
        via += quoted(path[i]->name.value);
      }
      ctx_.report("Cannot spread fragment " + quoted(name) + " within itself" +
                      (via.empty() ? "." : " via " + via + "."),
                  offsets);
    }
    path.pop_back();
  }
}

}  // namespace streamhub::graphql::detail
