#pragma once
// Internal to validation: the fragments of a document and the spread graph
// between its definitions, built once before the rules run.
//
// Spreads are listed in graphql-js's getFragmentSpreads order (its
// depth-first walk with a stack), so rules that follow them report in the
// same order. Nesting counts selection sets plus fragment spreads along the
// deepest path with fragments expanded; it is computed without recursion,
// and the rules that do recurse through fragments are only run when it is
// within validation_options::max_nesting.

#include <cstddef>
#include <cstdint>
#include <memory_resource>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "protocol/graphql/ast.hpp"
#include "protocol/graphql/document.hpp"

namespace streamhub::graphql::detail {

class fragment_index {
 public:
  fragment_index(const document& doc, std::pmr::memory_resource* arena);

  /// The fragment named `name` (the last one when repeated, as graphql-js's
  /// getFragment), or null.
  const fragment_definition_node* find(std::string_view name) const noexcept;

  /// The position in doc.definitions() of the fragment find(name) gives, or
  /// `none`.
  static constexpr std::uint32_t none = ~std::uint32_t{0};
  std::uint32_t position_of(std::string_view name) const noexcept {
    const auto it = by_name_.find(name);
    return it == by_name_.end() ? none : it->second;
  }
  const fragment_definition_node& at(std::uint32_t position) const noexcept {
    return doc_.definitions()[position]->as<fragment_definition_node>();
  }

  /// The position of `def` in doc.definitions(). REQUIRES: def is one of them.
  std::size_t index_of(const definition_node& def) const noexcept;

  /// Every fragment spread under definition `index`, nested ones included.
  std::span<const fragment_spread_node* const> spreads(std::size_t index) const noexcept {
    return entries_[index].spreads;
  }

  /// The deepest nesting of any definition; see the header comment.
  std::size_t max_nesting() const noexcept { return max_nesting_; }

  /// Some fragment spreads itself, directly or through others (following
  /// spreads to the fragment find() gives).
  bool has_cycle() const noexcept { return has_cycle_; }
  /// Two fragments share a name.
  bool has_repeated_names() const noexcept { return has_repeated_names_; }

 private:
  struct entry {
    std::pmr::vector<const fragment_spread_node*> spreads;
    /// Selection sets around each spread, parallel to `spreads`.
    std::pmr::vector<std::uint32_t> levels;
    std::uint32_t own_depth = 0;
    std::uint32_t nesting = 0;
  };

  void collect_spreads(selection_span top, entry& out);
  void compute_nesting();

  const document& doc_;
  std::pmr::vector<entry> entries_;
  std::pmr::unordered_map<std::string_view, std::uint32_t> by_name_;
  std::size_t max_nesting_ = 0;
  bool has_cycle_ = false;
  bool has_repeated_names_ = false;
};

}  // namespace streamhub::graphql::detail
