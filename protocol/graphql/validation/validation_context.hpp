#pragma once
// Internal to validation: what the rules share during one validate() call
// (graphql-js's ValidationContext): the schema and document, the TypeInfo
// of the walk, the fragment index, per-definition caches (variable usages,
// fragments referenced by an operation), error collection with the error
// cap and the work budget that bound hostile documents.
//
// Scratch memory comes from one arena freed when validation ends. Not
// thread-safe; one per validate() call.

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory_resource>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "protocol/graphql/document.hpp"
#include "protocol/graphql/graphql_error.hpp"
#include "protocol/graphql/schema.hpp"
#include "protocol/graphql/validation/fragment_index.hpp"
#include "protocol/graphql/validation/type_info.hpp"
#include "protocol/graphql/validation/validate.hpp"

namespace streamhub::graphql::detail {

/// A variable used in a value, with what the position expects
/// (graphql-js's VariableUsage).
struct variable_usage {
  const value_node* node = nullptr;
  /// The input type expected where it is used; empty when unknown.
  type_ref type;
  /// The argument or input field it is the value of (for its default);
  /// null for list items.
  const input_value_def* location = nullptr;
};

class validation_context {
 public:
  validation_context(const schema& s, const document& doc, const validation_options& options);
  validation_context(const validation_context&) = delete;
  validation_context& operator=(const validation_context&) = delete;

  const graphql::schema& schema() const noexcept { return schema_; }
  const document& doc() const noexcept { return doc_; }
  const validation_options& options() const noexcept { return options_; }
  /// The TypeInfo of the main walk.
  type_info& types() noexcept { return types_; }
  const fragment_index& fragments() const noexcept { return fragments_; }
  std::pmr::memory_resource* arena() noexcept { return &arena_; }

  /// Adds an error located at each of `offsets` (bytes into the source).
  /// Past options.max_errors, adds the abort error instead and aborts.
  /// Ignored once aborted.
  void report(std::string message, std::span<const std::uint32_t> offsets);
  void report(std::string message, std::initializer_list<std::uint32_t> offsets) {
    report(std::move(message), std::span<const std::uint32_t>(offsets.begin(), offsets.size()));
  }
  /// Set once validation ends early (error cap, nesting limit, work budget).
  bool aborted() const noexcept { return aborted_; }
  /// Takes `units` of work from the budget. Returns false, and aborts with
  /// the "too complex" error, when it is exhausted.
  bool spend(std::size_t units);
  /// Aborts with the "too complex" error (a bound other than the budget).
  void give_up();
  /// Checks the nesting limit before the rules run; false (with its error
  /// reported) when the document is too deep to validate.
  bool check_nesting();
  std::vector<graphql_error> take_errors() { return std::move(errors_); }

  /// graphql-js getRecursivelyReferencedFragments, in its order: every
  /// fragment `op` spreads, directly or through other fragments.
  std::span<const fragment_definition_node* const> referenced_fragments(
      const operation_definition_node& op);

  /// The usages under `def` (graphql-js getVariableUsages). Operations'
  /// usages are recorded by the main walk (REQUIRES: it has left `def`);
  /// fragments are walked on demand when the main walk has not reached them.
  std::span<const variable_usage> variable_usages(const definition_node& def);
  /// Where the main walk records the usages of `def`; null when they are
  /// known already (a fragment walked on demand).
  std::pmr::vector<variable_usage>* usage_sink(const definition_node& def);
  void usages_done(const definition_node& def) { defs_[fragments_.index_of(def)].usages_ready = true; }

  /// Calls `fn(usage)` for the usages of `op` and of every fragment it
  /// references (graphql-js getRecursiveVariableUsages), spending one unit
  /// of work per usage; stops when the budget runs out.
  template <class Fn>
  void for_each_usage(const operation_definition_node& op, Fn&& fn) {
    const auto visit = [&](const definition_node& def) {
      const auto usages = variable_usages(def);
      if (!spend(usages.size())) return false;
      for (const variable_usage& usage : usages) fn(usage);
      return true;
    };
    if (!visit(op)) return;
    for (const fragment_definition_node* fragment : referenced_fragments(op)) {
      if (!visit(*fragment)) return;
    }
  }

  /// A type defined by a type-system definition in the document itself.
  bool defines_type(std::string_view name) const noexcept { return defined_types_.contains(name); }
  std::span<const std::string_view> defined_types() const noexcept { return defined_type_list_; }

  /// Offset of the "{" opening `field`'s selection set.
  /// REQUIRES: !field.selection_set.empty().
  std::uint32_t selection_set_offset(const field_node& field) const;

 private:
  struct definition_state {
    std::pmr::vector<variable_usage> usages;
    bool usages_ready = false;
    std::pmr::vector<const fragment_definition_node*> referenced;
    bool referenced_ready = false;
  };

  source_location locate(std::uint32_t offset);

  const graphql::schema& schema_;
  const document& doc_;
  const validation_options& options_;
  std::pmr::monotonic_buffer_resource arena_;
  type_info types_;
  fragment_index fragments_;
  std::pmr::vector<definition_state> defs_;
  std::pmr::vector<std::string_view> defined_type_list_;
  std::pmr::unordered_set<std::string_view> defined_types_;
  std::vector<graphql_error> errors_;
  /// Offsets where lines start, built on the first error.
  std::vector<std::uint32_t> line_starts_;
  source_location last_{0, 0};
  std::uint32_t last_offset_ = 0;
  std::size_t work_ = 0;
  bool aborted_ = false;
};

}  // namespace streamhub::graphql::detail
