// OverlappingFieldsCanBeMerged (spec 5.3.2, "Field Selection Merging"),
// graphql-js's algorithm step for step so conflicts and their messages
// match: each selection set compares the fields within it (A), with the
// fragments it spreads (B, D, E) and those fragments with each other (C, F,
// G); two fields with sub-selections compare those (H, I, J). Field maps are
// cached per selection set and fragment pairs once compared are not
// compared again, which keeps the work polynomial; every field pair and
// name lookup also spends from the context's work budget, which bounds it.
//
// Recursion: each step goes one selection set or fragment deeper into one
// of the two sides compared, so with fragments forming a DAG no deeper than
// validation_options::max_nesting it stays within twice that. Only fragment
// cycles (reported by NoFragmentCycles) can go deeper; past the bound the
// rule ends validation as too complex instead of exhausting the stack.

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "protocol/graphql/printer.hpp"
#include "protocol/graphql/validation/rule_support.hpp"
#include "protocol/graphql/validation/rules.hpp"

namespace streamhub::graphql::detail {

namespace {

struct field_entry {
  const named_type* parent;  // may be null or not composite
  const field_node* node;
  const field_def* def;  // own fields only, as graphql-js (no __typename)
};

struct field_group {
  std::string_view response_name;
  std::uint32_t begin;
  std::uint32_t end;
};

/// graphql-js's [fieldMap, fragmentNames] for one selection set: fields by
/// response name (first-seen order, inline fragments flattened) and the
/// fragments spread directly, as positions in the fragment index (spreads
/// of unknown fragments, which every step skips, are left out).
struct field_map {
  explicit field_map(std::pmr::memory_resource* arena)
      : entries(arena), groups(arena), index(arena), fragments(arena) {}

  std::span<const field_entry> find(std::string_view name) const {
    if (!index.empty()) {
      const auto it = index.find(name);
      return it == index.end() ? std::span<const field_entry>() : fields(groups[it->second]);
    }
    for (const auto& g : groups) {
      if (g.response_name == name) return fields(g);
    }
    return {};
  }
  std::span<const field_entry> fields(const field_group& g) const {
    return std::span(entries).subspan(g.begin, g.end - g.begin);
  }

  std::pmr::vector<field_entry> entries;  // grouped by response name
  std::pmr::vector<field_group> groups;
  std::pmr::unordered_map<std::string_view, std::uint32_t> index;  // when many groups
  std::pmr::vector<std::uint32_t> fragments;
};

struct conflict_reason {
  std::string_view response_name;
  std::string message;               // when no sub-reasons
  std::vector<conflict_reason> sub;  // subfields that conflict
};

struct conflict {
  conflict_reason reason;
  std::vector<const field_node*> fields1;
  std::vector<const field_node*> fields2;
};

using conflict_list = std::vector<conflict>;

std::string reason_message(const conflict_reason& reason) {
  if (reason.sub.empty()) return reason.message;
  std::string out;
  for (const auto& sub : reason.sub) {
    if (!out.empty()) out += " and ";
    out += "subfields " + quoted(sub.response_name) + " conflict because " + reason_message(sub);
  }
  return out;
}

// graphql-js doTypesConflict: could a value be of both types at once?
bool types_conflict(type_ref a, type_ref b) {
  if (a.is_list()) return b.is_list() ? types_conflict(a.of_type(), b.of_type()) : true;
  if (b.is_list()) return true;
  if (a.is_non_null()) return b.is_non_null() ? types_conflict(a.of_type(), b.of_type()) : true;
  if (b.is_non_null()) return true;
  if (a.named_type()->is_leaf() || b.named_type()->is_leaf()) return a.named_type() != b.named_type();
  return false;
}

bool same_value_in_order(const value_node& a, const value_node& b) {
  if (a.kind != b.kind || a.text != b.text || a.block != b.block || a.boolean != b.boolean ||
      a.items.size() != b.items.size() || a.fields.size() != b.fields.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    if (!same_value_in_order(a.items[i], b.items[i])) return false;
  }
  for (std::size_t i = 0; i < a.fields.size(); ++i) {
    if (a.fields[i].name.value != b.fields[i].name.value ||
        !same_value_in_order(a.fields[i].value, b.fields[i].value)) {
      return false;
    }
  }
  return true;
}

// print(sortValueNode(value)) up to layout: object fields in natural order.
void append_sorted(std::string& out, const value_node& v) {
  if (v.kind == value_kind::list) {
    out += '[';
    for (std::size_t i = 0; i < v.items.size(); ++i) {
      if (i != 0) out += ", ";
      append_sorted(out, v.items[i]);
    }
    out += ']';
  } else if (v.kind == value_kind::object) {
    std::vector<const object_field_node*> fields;
    for (const auto& f : v.fields) fields.push_back(&f);
    std::stable_sort(fields.begin(), fields.end(), [](const auto* x, const auto* y) {
      return natural_compare(x->name.value, y->name.value) < 0;
    });
    out += '{';
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i != 0) out += ", ";
      out += fields[i]->name.value;
      out += ": ";
      append_sorted(out, fields[i]->value);
    }
    out += '}';
  } else {
    out += print_value(v);
  }
}

bool same_value(const value_node& a, const value_node& b) {
  if (same_value_in_order(a, b)) return true;
  std::string x, y;
  append_sorted(x, a);
  append_sorted(y, b);
  return x == y;
}

// graphql-js sameArguments.
bool same_arguments(const field_node& f1, const field_node& f2) {
  const auto a1 = f1.arguments;
  const auto a2 = f2.arguments;
  if (a1.size() != a2.size()) return false;
  for (const auto& arg1 : a1) {
    const argument_node* arg2 = nullptr;
    for (const auto& candidate : a2) {  // the last of a name wins, as in a Map
      if (candidate.name.value == arg1.name.value) arg2 = &candidate;
    }
    if (arg2 == nullptr || !same_value(arg1.value, arg2->value)) return false;
  }
  return true;
}

/// graphql-js's PairSet over fragments: whether a pair was compared, and
/// whether only as mutually exclusive.
class pair_set {
 public:
  explicit pair_set(std::pmr::memory_resource* arena) : pairs_(arena) {}

  bool has(std::uint32_t a, std::uint32_t b, bool exclusive) const {
    const auto it = pairs_.find(key(a, b));
    if (it == pairs_.end()) return false;
    return exclusive || !it->second;
  }
  void add(std::uint32_t a, std::uint32_t b, bool exclusive) { pairs_[key(a, b)] = exclusive; }

 private:
  static std::uint64_t key(std::uint32_t a, std::uint32_t b) {
    return a < b ? (std::uint64_t{a} << 32) | b : (std::uint64_t{b} << 32) | a;
  }
  std::pmr::unordered_map<std::uint64_t, bool> pairs_;
};

}  // namespace

class overlap_checker {
 public:
  explicit overlap_checker(validation_context& ctx, std::size_t max_depth)
      : ctx_(ctx), arena_(ctx.arena()), max_depth_(max_depth), compared_(arena_), cache_(arena_) {}

  // graphql-js findConflictsWithinSelectionSet, then the reports.
  void check(const named_type* parent, selection_span set) {
    if (only_distinct_fields(set)) return;  // nothing to compare at this level
    conflict_list conflicts;
    const field_map& fields = fields_of(parent, set);
    within(conflicts, fields);
    const auto& spread = fields.fragments;
    for (std::size_t i = 0; i < spread.size() && !ctx_.aborted(); ++i) {
      fields_and_fragment(conflicts, false, fields, spread[i]);
      for (std::size_t j = i + 1; j < spread.size(); ++j) fragments(conflicts, false, spread[i], spread[j]);
    }
    if (ctx_.aborted()) return;
    for (const conflict& c : conflicts) {
      std::vector<std::uint32_t> offsets;
      for (const field_node* f : c.fields1) offsets.push_back(f->offset);
      for (const field_node* f : c.fields2) offsets.push_back(f->offset);
      ctx_.report("Fields " + quoted(c.reason.response_name) + " conflict because " +
                      reason_message(c.reason) +
                      ". Use different aliases on the fields to fetch both if this was intentional.",
                  offsets);
    }
  }

 private:
  // Most selection sets are plain fields with distinct response names: no
  // pair to compare and no fragment to compare them with. (A field map is
  // still built for them if an enclosing comparison needs one.)
  static bool only_distinct_fields(selection_span set) {
    if (set.size() > linear_lookup_limit) return false;
    for (std::size_t i = 0; i < set.size(); ++i) {
      if (set[i]->kind != selection_kind::field) return false;
      const std::string_view name = set[i]->as<field_node>().response_name();
      for (std::size_t j = 0; j < i; ++j) {
        if (set[j]->as<field_node>().response_name() == name) return false;
      }
    }
    return true;
  }

  const field_map& fields_of(const named_type* parent, selection_span set) {
    const auto [it, inserted] = cache_.try_emplace(set.data(), nullptr);
    if (!inserted) return *it->second;
    std::pmr::polymorphic_allocator<> alloc(arena_);
    field_map* map = alloc.new_object<field_map>(arena_);
    it->second = map;
    std::pmr::vector<std::pair<std::string_view, field_entry>> found(arena_);
    collect(parent, set, found, *map);
    group(found, *map);
    // Each fragment once, in first-spread order.
    auto& spread = map->fragments;
    const auto first = first_occurrences(
        std::span<const std::uint32_t>(spread), [](std::uint32_t f) { return f; }, arena_);
    std::size_t kept = 0;
    for (std::size_t i = 0; i < spread.size(); ++i) {
      if (first[i] == i) spread[kept++] = spread[i];
    }
    spread.resize(kept);
    return *map;
  }

  const field_map& fields_of(std::uint32_t fragment) {
    const fragment_definition_node& def = ctx_.fragments().at(fragment);
    if (const auto it = cache_.find(def.selection_set.data()); it != cache_.end()) return *it->second;
    return fields_of(ctx_.schema().find_type(def.type_condition.value), def.selection_set);
  }

  void collect(const named_type* parent, selection_span set,
               std::pmr::vector<std::pair<std::string_view, field_entry>>& found, field_map& map) {
    for (const selection_node* sel : set) {
      switch (sel->kind) {
        case selection_kind::field: {
          const auto& f = sel->as<field_node>();
          const field_def* def = parent != nullptr ? parent->find_field(f.name.value) : nullptr;
          found.emplace_back(f.response_name(), field_entry{parent, &f, def});
          break;
        }
        case selection_kind::fragment_spread: {
          const std::uint32_t fragment = ctx_.fragments().position_of(sel->as<fragment_spread_node>().name.value);
          if (fragment != fragment_index::none) map.fragments.push_back(fragment);
          break;
        }
        case selection_kind::inline_fragment: {
          const auto& fragment = sel->as<inline_fragment_node>();
          const named_type* t = fragment.type_condition.empty()
                                    ? parent
                                    : ctx_.schema().find_type(fragment.type_condition.value);
          collect(t, fragment.selection_set, found, map);
          break;
        }
      }
    }
  }

  // Lays the found fields out by response name, first-seen order kept.
  void group(const std::pmr::vector<std::pair<std::string_view, field_entry>>& found, field_map& map) {
    std::pmr::vector<std::uint32_t> group_of(found.size(), 0, arena_);
    const bool hashed = found.size() > linear_lookup_limit;
    for (std::size_t i = 0; i < found.size(); ++i) {
      const std::string_view name = found[i].first;
      std::uint32_t g = static_cast<std::uint32_t>(map.groups.size());
      if (hashed) {
        g = map.index.emplace(name, g).first->second;
      } else {
        for (std::uint32_t k = 0; k < map.groups.size(); ++k) {
          if (map.groups[k].response_name == name) g = k;
        }
      }
      if (g == map.groups.size()) map.groups.push_back({name, 0, 0});
      group_of[i] = g;
      ++map.groups[g].end;  // a count for now
    }
    std::uint32_t begin = 0;
    for (auto& g : map.groups) {
      const std::uint32_t count = g.end;
      g.begin = g.end = begin;
      begin += count;
    }
    map.entries.resize(found.size(), field_entry{});
    for (std::size_t i = 0; i < found.size(); ++i) {
      map.entries[map.groups[group_of[i]].end++] = found[i].second;
    }
  }

  // (A) Every pair of fields with the same response name in one map.
  void within(conflict_list& out, const field_map& map) {
    for (const auto& g : map.groups) {
      const auto fields = map.fields(g);
      for (std::size_t i = 0; i < fields.size() && !ctx_.aborted(); ++i) {
        for (std::size_t j = i + 1; j < fields.size(); ++j) {
          if (auto c = find_conflict(false, g.response_name, fields[i], fields[j])) out.push_back(std::move(*c));
        }
      }
    }
  }

  // Every pair across two maps with the same response name.
  void between(conflict_list& out, bool exclusive, const field_map& map1, const field_map& map2) {
    for (const auto& g : map1.groups) {
      if (!ctx_.spend(1)) return;
      const auto fields2 = map2.find(g.response_name);
      for (const field_entry& f1 : map1.fields(g)) {
        if (ctx_.aborted()) return;
        for (const field_entry& f2 : fields2) {
          if (auto c = find_conflict(exclusive, g.response_name, f1, f2)) out.push_back(std::move(*c));
        }
      }
    }
  }

  /// Counts one level of recursion for as long as it lives.
  class descent {
   public:
    explicit descent(overlap_checker& c) : c_(c) {
      if (++c_.depth_ > c_.max_depth_) c_.ctx_.give_up();
    }
    ~descent() { --c_.depth_; }
    descent(const descent&) = delete;
    descent& operator=(const descent&) = delete;

   private:
    overlap_checker& c_;
  };

  // (D, E) A map against a fragment and, once per pair, the fragments it
  // spreads.
  void fields_and_fragment(conflict_list& out, bool exclusive, const field_map& map, std::uint32_t fragment) {
    const descent guard(*this);
    if (ctx_.aborted()) return;
    const field_map& fields = fields_of(fragment);
    if (&fields == &map) return;
    between(out, exclusive, map, fields);
    for (const std::uint32_t referenced : fields.fragments) {
      if (!ctx_.spend(1)) return;
      if (compared_.has(referenced, fragment, exclusive)) continue;
      compared_.add(referenced, fragment, exclusive);
      fields_and_fragment(out, exclusive, map, referenced);
    }
  }

  // (F, G) Two fragments and the fragments each spreads, once per pair.
  void fragments(conflict_list& out, bool exclusive, std::uint32_t fragment1, std::uint32_t fragment2) {
    if (!ctx_.spend(1) || fragment1 == fragment2 || compared_.has(fragment1, fragment2, exclusive)) return;
    compared_.add(fragment1, fragment2, exclusive);
    const descent guard(*this);
    if (ctx_.aborted()) return;
    const field_map& map1 = fields_of(fragment1);
    const field_map& map2 = fields_of(fragment2);
    between(out, exclusive, map1, map2);
    for (const std::uint32_t referenced : map2.fragments) fragments(out, exclusive, fragment1, referenced);
    for (const std::uint32_t referenced : map1.fragments) fragments(out, exclusive, referenced, fragment2);
  }

  // (H, I, J) The sub-selections of two fields with the same response name.
  conflict_list sub_selections(bool exclusive, const named_type* parent1, selection_span set1,
                               const named_type* parent2, selection_span set2) {
    conflict_list out;
    const field_map& map1 = fields_of(parent1, set1);
    const field_map& map2 = fields_of(parent2, set2);
    between(out, exclusive, map1, map2);
    for (const std::uint32_t f : map2.fragments) fields_and_fragment(out, exclusive, map1, f);
    for (const std::uint32_t f : map1.fragments) fields_and_fragment(out, exclusive, map2, f);
    for (const std::uint32_t f1 : map1.fragments) {
      for (const std::uint32_t f2 : map2.fragments) fragments(out, exclusive, f1, f2);
    }
    return out;
  }

  // graphql-js findConflict.
  std::optional<conflict> find_conflict(bool parents_exclusive, std::string_view response_name,
                                        const field_entry& f1, const field_entry& f2) {
    if (!ctx_.spend(1)) return std::nullopt;
    // Fields on two different object types can never apply to one object.
    const bool exclusive = parents_exclusive ||
                           (f1.parent != f2.parent && f1.parent != nullptr && f2.parent != nullptr &&
                            f1.parent->kind == type_kind::object && f2.parent->kind == type_kind::object);
    const auto simple = [&](std::string message) {
      return conflict{{response_name, std::move(message), {}}, {f1.node}, {f2.node}};
    };
    if (!exclusive) {
      const std::string_view name1 = f1.node->name.value;
      const std::string_view name2 = f2.node->name.value;
      if (name1 != name2) return simple(quoted(name1) + " and " + quoted(name2) + " are different fields");
      if (!same_arguments(*f1.node, *f2.node)) return simple("they have differing arguments");
    }
    const type_ref type1 = f1.def != nullptr ? f1.def->type : type_ref();
    const type_ref type2 = f2.def != nullptr ? f2.def->type : type_ref();
    if (!type1.empty() && !type2.empty() && types_conflict(type1, type2)) {
      return simple("they return conflicting types " + quoted(type1) + " and " + quoted(type2));
    }
    const auto set1 = f1.node->selection_set;
    const auto set2 = f2.node->selection_set;
    if (set1.empty() || set2.empty()) return std::nullopt;
    const descent guard(*this);
    if (ctx_.aborted()) return std::nullopt;
    conflict_list subs = sub_selections(exclusive, type1.empty() ? nullptr : type1.named_type(), set1,
                                        type2.empty() ? nullptr : type2.named_type(), set2);
    if (subs.empty()) return std::nullopt;
    conflict result{{response_name, {}, {}}, {f1.node}, {f2.node}};
    for (auto& sub : subs) {
      result.reason.sub.push_back(std::move(sub.reason));
      result.fields1.insert(result.fields1.end(), sub.fields1.begin(), sub.fields1.end());
      result.fields2.insert(result.fields2.end(), sub.fields2.begin(), sub.fields2.end());
    }
    return result;
  }

  validation_context& ctx_;
  std::pmr::memory_resource* arena_;
  const std::size_t max_depth_;
  std::size_t depth_ = 0;
  pair_set compared_;
  std::pmr::unordered_map<const void*, field_map*> cache_;
};

overlapping_fields_can_be_merged::overlapping_fields_can_be_merged(validation_context& ctx)
    : rule(ctx), checker_(std::make_unique<overlap_checker>(ctx, 2 * ctx.options().max_nesting + 8)) {}

overlapping_fields_can_be_merged::~overlapping_fields_can_be_merged() = default;

void overlapping_fields_can_be_merged::enter(selection_span set) {
  checker_->check(ctx_.types().parent_type(), set);
}

}  // namespace streamhub::graphql::detail
