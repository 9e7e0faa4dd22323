// FieldsOnCorrectType: a selected field exists on the type, with
// graphql-js's suggestions: types to use an inline fragment on (for
// abstract types), else similarly named fields.

#include <algorithm>
#include <unordered_map>

#include "protocol/graphql/suggestions.hpp"
#include "protocol/graphql/validation/rule_support.hpp"
#include "protocol/graphql/validation/rules.hpp"

namespace streamhub::graphql::detail {

namespace {

// V8's Array.prototype.sort for arrays shorter than 64 (TimSort's initial
// run, then binary insertion). graphql-js's comparator below is not a
// consistent order in every schema, so only the same algorithm gives the
// same suggestions.
template <class T, class Compare>
void js_sort(std::vector<T>& items, Compare compare) {
  const std::size_t n = items.size();
  if (n < 2) return;
  if (n >= 64) {
    std::stable_sort(items.begin(), items.end(), [&](const T& a, const T& b) { return compare(a, b) < 0; });
    return;
  }
  std::size_t run = 2;
  const bool descending = compare(items[1], items[0]) < 0;
  for (; run < n; ++run) {
    const int order = compare(items[run], items[run - 1]);
    if (descending ? order >= 0 : order < 0) break;
  }
  if (descending) std::reverse(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(run));
  for (std::size_t start = run; start < n; ++start) {
    const T pivot = items[start];
    std::size_t left = 0, right = start;
    while (left < right) {
      const std::size_t mid = left + ((right - left) >> 1);
      if (compare(pivot, items[mid]) < 0) {
        right = mid;
      } else {
        left = mid + 1;
      }
    }
    for (std::size_t p = start; p > left; --p) items[p] = items[p - 1];
    items[left] = pivot;
  }
}

// graphql-js getSuggestedTypeNames: the possible types defining the field
// and their interfaces defining it, the most used first, super types before
// their sub types, then by name.
std::vector<std::string_view> suggested_type_names(const schema& s, const named_type& type,
                                                   std::string_view field) {
  if (!type.is_abstract()) return {};
  std::vector<const named_type*> suggested;
  std::unordered_map<const named_type*, int> usage;
  for (const named_type* possible : s.possible_types(type)) {
    if (possible->find_field(field) == nullptr) continue;
    if (usage.emplace(possible, 1).second) suggested.push_back(possible);
    for (const named_type* iface : possible->interfaces) {
      if (iface->find_field(field) == nullptr) continue;
      if (usage.emplace(iface, 0).second) suggested.push_back(iface);
      ++usage[iface];
    }
  }
  js_sort(suggested, [&](const named_type* a, const named_type* b) {
    if (usage[a] != usage[b]) return usage[b] - usage[a];
    if (a->kind == type_kind::interface && s.is_sub_type(*a, *b)) return -1;
    if (b->kind == type_kind::interface && s.is_sub_type(*b, *a)) return 1;
    return natural_compare(a->name, b->name);
  });
  std::vector<std::string_view> names;
  for (const named_type* t : suggested) names.push_back(t->name);
  return names;
}

std::vector<std::string_view> suggested_field_names(const named_type& type, std::string_view field) {
  std::vector<std::string_view> names;
  for (const auto& f : type.fields) names.push_back(f.name);
  return suggestion_list(field, names);
}

}  // namespace

void fields_on_correct_type::enter(const field_node& field) {
  const named_type* parent = ctx_.types().parent_type();
  if (parent == nullptr || ctx_.types().field() != nullptr) return;
  const std::string_view name = field.name.value;
  std::string suggestion =
      did_you_mean(suggested_type_names(ctx_.schema(), *parent, name), "to use an inline fragment on");
  if (suggestion.empty()) suggestion = did_you_mean(suggested_field_names(*parent, name));
  ctx_.report("Cannot query field " + quoted(name) + " on type " + quoted(parent->name) + "." + suggestion,
              {field.offset});
}

}  // namespace streamhub::graphql::detail
