#pragma once
// Internal to validation: small helpers several rules share. Lookups by
// name scan linearly while a list is short and hash once it is long, so a
// hostile document with thousands of arguments, fields or variables in one
// place costs linear time, not quadratic.

#include <cstddef>
#include <cstdint>
#include <memory_resource>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "protocol/graphql/ast.hpp"
#include "protocol/graphql/type_ref.hpp"

namespace streamhub::graphql::detail {

/// Lists longer than this are indexed by a hash map.
inline constexpr std::size_t linear_lookup_limit = 16;

/// For each item, the index of the first item with the same name (its own
/// index when it is the first). `name_of(item)` gives a key: a string_view
/// or any other hashable value.
template <class T, class NameOf>
std::pmr::vector<std::uint32_t> first_occurrences(std::span<const T> items, NameOf name_of,
                                                  std::pmr::memory_resource* arena) {
  std::pmr::vector<std::uint32_t> first(items.size(), 0, arena);
  if (items.size() <= linear_lookup_limit) {
    for (std::uint32_t i = 0; i < items.size(); ++i) {
      first[i] = i;
      for (std::uint32_t j = 0; j < i; ++j) {
        if (name_of(items[j]) == name_of(items[i])) {
          first[i] = first[j];
          break;
        }
      }
    }
    return first;
  }
  std::pmr::unordered_map<std::remove_cvref_t<decltype(name_of(items[0]))>, std::uint32_t> seen(arena);
  seen.reserve(items.size());
  for (std::uint32_t i = 0; i < items.size(); ++i) first[i] = seen.emplace(name_of(items[i]), i).first->second;
  return first;
}

/// Calls `report(name, offsets)` once per name used more than once in
/// `items`, in order of first use, with the offsets of every use
/// (graphql-js's groupBy-based uniqueness rules). `name_of(item)` gives a
/// name_node.
template <class T, class NameOf, class Report>
void report_repeated_names(std::span<const T> items, NameOf name_of, std::pmr::memory_resource* arena,
                           Report&& report) {
  if (items.size() < 2) return;
  const auto first = first_occurrences(
      items, [&](const T& item) { return name_of(item).value; }, arena);
  std::pmr::vector<std::uint32_t> count(items.size(), 0, arena);
  for (const std::uint32_t f : first) ++count[f];
  for (std::uint32_t i = 0; i < items.size(); ++i) {
    if (first[i] != i || count[i] < 2) continue;
    std::vector<std::uint32_t> offsets;
    for (std::uint32_t j = i; j < items.size(); ++j) {
      if (first[j] == i) offsets.push_back(name_of(items[j]).offset);
    }
    report(name_of(items[i]).value, std::span<const std::uint32_t>(offsets));
  }
}

/// Items by name, the last one winning, like a JavaScript object filled in
/// order.
template <class T, class NameOf>
class name_index {
 public:
  name_index(std::span<const T> items, NameOf name_of, std::pmr::memory_resource* arena)
      : items_(items), name_of_(name_of), map_(arena) {
    if (items.size() <= linear_lookup_limit) return;
    map_.reserve(items.size());
    for (const T& item : items) map_[name_of(item)] = &item;
  }

  const T* find(std::string_view name) const {
    if (items_.size() > linear_lookup_limit) {
      const auto it = map_.find(name);
      return it == map_.end() ? nullptr : it->second;
    }
    for (std::size_t i = items_.size(); i-- > 0;) {
      if (name_of_(items_[i]) == name) return &items_[i];
    }
    return nullptr;
  }

 private:
  std::span<const T> items_;
  NameOf name_of_;
  std::pmr::unordered_map<std::string_view, const T*> map_;
};

/// graphql-js naturalCompare: digit runs compare as numbers.
int natural_compare(std::string_view a, std::string_view b) noexcept;

/// `"text"`: a name or printed type in double quotes, as messages show them.
std::string quoted(std::string_view text);
std::string quoted(type_ref type);

}  // namespace streamhub::graphql::detail
