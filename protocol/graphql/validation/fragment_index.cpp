#include "protocol/graphql/validation/fragment_index.hpp"

#include <algorithm>
#include <utility>

namespace streamhub::graphql::detail {

namespace {

selection_span selection_set_of(const definition_node& def) {
  if (def.kind == definition_kind::operation) {
    return def.as<operation_definition_node>().selection_set;
  }
  return def.as<fragment_definition_node>().selection_set;
}

}  // namespace

fragment_index::fragment_index(const document& doc, std::pmr::memory_resource* arena)
    : doc_(doc), entries_(arena), by_name_(arena) {
  const auto defs = doc.definitions();
  entries_.reserve(defs.size());
  for (std::size_t i = 0; i < defs.size(); ++i) {
    entries_.push_back(entry{std::pmr::vector<const fragment_spread_node*>(arena),
                             std::pmr::vector<std::uint32_t>(arena), 0, 0});
    const definition_node& def = *defs[i];
    if (!def.is_executable()) continue;
    if (def.kind == definition_kind::fragment) {
      const auto [it, added] =
          by_name_.insert_or_assign(def.as<fragment_definition_node>().name.value, static_cast<std::uint32_t>(i));
      has_repeated_names_ = has_repeated_names_ || !added;
    }
    collect_spreads(selection_set_of(def), entries_[i]);
  }
  compute_nesting();
}

const fragment_definition_node* fragment_index::find(std::string_view name) const noexcept {
  const std::uint32_t position = position_of(name);
  return position == none ? nullptr : &at(position);
}

std::size_t fragment_index::index_of(const definition_node& def) const noexcept {
  const auto defs = doc_.definitions();
  const auto it = std::lower_bound(defs.begin(), defs.end(), def.offset,
                                   [](const definition_node* d, std::uint32_t offset) {
                                     return d->offset < offset;
                                   });
  return static_cast<std::size_t>(it - defs.begin());
}

// graphql-js getFragmentSpreads: selection sets on a stack, so nested sets
// are read after their siblings, last pushed first.
void fragment_index::collect_spreads(selection_span top, entry& out) {
  std::pmr::vector<std::pair<selection_span, std::uint32_t>> to_visit(entries_.get_allocator());
  to_visit.emplace_back(top, 1);
  while (!to_visit.empty()) {
    const auto [set, level] = to_visit.back();
    to_visit.pop_back();
    out.own_depth = std::max(out.own_depth, level);
    for (const selection_node* sel : set) {
      switch (sel->kind) {
        case selection_kind::fragment_spread:
          out.spreads.push_back(&sel->as<fragment_spread_node>());
          out.levels.push_back(level);
          break;
        case selection_kind::field: {
          const auto& sub = sel->as<field_node>().selection_set;
          if (!sub.empty()) to_visit.emplace_back(sub, level + 1);
          break;
        }
        case selection_kind::inline_fragment:
          to_visit.emplace_back(sel->as<inline_fragment_node>().selection_set, level + 1);
          break;
      }
    }
  }
}

// Depth-first over the spread graph with an explicit stack: a spread at
// level L into a fragment of nesting N makes a path of L + N. A spread into
// a fragment still on the stack closes a cycle and adds nothing.
void fragment_index::compute_nesting() {
  enum : std::uint8_t { unseen, active, done };
  std::pmr::vector<std::uint8_t> state(entries_.size(), unseen, entries_.get_allocator());
  struct frame {
    std::uint32_t index;
    std::uint32_t next;
  };
  std::pmr::vector<frame> stack(entries_.get_allocator());
  const auto defs = doc_.definitions();
  for (std::uint32_t root = 0; root < entries_.size(); ++root) {
    if (state[root] != unseen || !defs[root]->is_executable()) continue;
    state[root] = active;
    entries_[root].nesting = entries_[root].own_depth;
    stack.push_back({root, 0});
    while (!stack.empty()) {
      frame& f = stack.back();
      entry& e = entries_[f.index];
      if (f.next == e.spreads.size()) {
        state[f.index] = done;
        const std::uint32_t nesting = e.nesting;
        stack.pop_back();
        if (!stack.empty()) {
          entry& parent = entries_[stack.back().index];
          parent.nesting = std::max(parent.nesting, parent.levels[stack.back().next - 1] + nesting);
        }
        continue;
      }
      const std::uint32_t level = e.levels[f.next];
      const auto target = by_name_.find(e.spreads[f.next]->name.value);
      ++f.next;
      if (target == by_name_.end()) continue;
      const std::uint32_t t = target->second;
      if (state[t] == active) {
        has_cycle_ = true;
      } else if (state[t] == done) {
        e.nesting = std::max(e.nesting, level + entries_[t].nesting);
      } else {
        state[t] = active;
        entries_[t].nesting = entries_[t].own_depth;
        stack.push_back({t, 0});  // may move `f` and `e`; both are done with
      }
    }
  }
  for (const entry& e : entries_) max_nesting_ = std::max<std::size_t>(max_nesting_, e.nesting);
}

}  // namespace streamhub::graphql::detail
