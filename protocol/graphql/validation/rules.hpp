#pragma once
// Internal to validation: the rules of spec section 5, one class each,
// named after graphql-js's rules and declared in its order (the order
// validate.cpp runs them in). Each receives the nodes it has hooks for
// from the walker (walker.hpp) and reports through the context. The
// definitions live in files named after the rules or their group.

#include <cstdint>
#include <memory>
#include <memory_resource>
#include <span>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "protocol/graphql/ast.hpp"
#include "protocol/graphql/document.hpp"
#include "protocol/graphql/validation/type_info.hpp"
#include "protocol/graphql/validation/validation_context.hpp"

namespace streamhub::graphql::detail {

/// Not a rule: records each definition's variable usages with the types
/// expected where they are used (graphql-js getVariableUsages), for the
/// variable rules. Runs first so usages are complete when they look.
class variable_usage_collector {
 public:
  variable_usage_collector(validation_context& ctx, type_info& types) : ctx_(ctx), types_(types) {}
  void enter(const operation_definition_node& op) { sink_ = ctx_.usage_sink(op); }
  void leave(const operation_definition_node& op) { finish(op); }
  void enter(const fragment_definition_node& fragment) { sink_ = ctx_.usage_sink(fragment); }
  void leave(const fragment_definition_node& fragment) { finish(fragment); }
  // Variable definitions are not usages, nor is anything inside them.
  void enter(const variable_definition_node&) { in_definition_ = true; }
  void leave(const variable_definition_node&) { in_definition_ = false; }
  void enter(const value_node& value) {
    if (sink_ == nullptr || in_definition_ || value.kind != value_kind::variable) return;
    sink_->push_back({&value, types_.input_type(), types_.default_owner()});
  }

 private:
  void finish(const definition_node& def) {
    if (sink_ != nullptr) ctx_.usages_done(def);
    sink_ = nullptr;
  }
  validation_context& ctx_;
  type_info& types_;
  std::pmr::vector<variable_usage>* sink_ = nullptr;
  bool in_definition_ = false;
};

/// Base of the rules: the context they report to.
class rule {
 public:
  explicit rule(validation_context& ctx) : ctx_(ctx) {}

 protected:
  validation_context& ctx_;
};

// ------------------------------------------- operation_rules.cpp

class executable_definitions : public rule {
 public:
  using rule::rule;
  void enter(const document& doc);
};

class unique_operation_names : public rule {
 public:
  explicit unique_operation_names(validation_context& ctx) : rule(ctx), known_(ctx.arena()) {}
  void enter(const operation_definition_node& op);

 private:
  std::pmr::unordered_map<std::string_view, std::uint32_t> known_;
};

class lone_anonymous_operation : public rule {
 public:
  using rule::rule;
  void enter(const document& doc);
  void enter(const operation_definition_node& op);

 private:
  std::size_t operations_ = 0;
};

// ------------------------------------ single_field_subscriptions.cpp

class single_field_subscriptions : public rule {
 public:
  using rule::rule;
  void enter(const operation_definition_node& op);
};

// ----------------------------------------------------- type_rules.cpp

class known_type_names : public rule {
 public:
  using rule::rule;
  void enter(const named_type_use& use);
};

class fragments_on_composite_types : public rule {
 public:
  using rule::rule;
  void enter(const inline_fragment_node& fragment);
  void enter(const fragment_definition_node& fragment);
};

class variables_are_input_types : public rule {
 public:
  using rule::rule;
  void enter(const variable_definition_node& variable);
};

// ------------------------------------------------ scalar_leafs.cpp

class scalar_leafs : public rule {
 public:
  using rule::rule;
  void enter(const field_node& field);
};

// -------------------------------------- fields_on_correct_type.cpp

class fields_on_correct_type : public rule {
 public:
  using rule::rule;
  void enter(const field_node& field);
};

// ------------------------------------------------- fragment_rules.cpp

class unique_fragment_names : public rule {
 public:
  explicit unique_fragment_names(validation_context& ctx) : rule(ctx), known_(ctx.arena()) {}
  void enter(const fragment_definition_node& fragment);

 private:
  std::pmr::unordered_map<std::string_view, std::uint32_t> known_;
};

class known_fragment_names : public rule {
 public:
  using rule::rule;
  void enter(const fragment_spread_node& spread);
};

class no_unused_fragments : public rule {
 public:
  using rule::rule;
  void leave(const document& doc);
};

class possible_fragment_spreads : public rule {
 public:
  using rule::rule;
  void enter(const inline_fragment_node& fragment);
  void enter(const fragment_spread_node& spread);
};

// --------------------------------------------- no_fragment_cycles.cpp

class no_fragment_cycles : public rule {
 public:
  explicit no_fragment_cycles(validation_context& ctx) : rule(ctx), visited_(ctx.arena()) {}
  void enter(const fragment_definition_node& fragment);

 private:
  std::pmr::unordered_set<std::string_view> visited_;
};

// ------------------------------------------------- variable_rules.cpp

class unique_variable_names : public rule {
 public:
  using rule::rule;
  void enter(const operation_definition_node& op);
};

class no_undefined_variables : public rule {
 public:
  using rule::rule;
  void leave(const operation_definition_node& op);
};

class no_unused_variables : public rule {
 public:
  using rule::rule;
  void leave(const operation_definition_node& op);
};

// ------------------------------------------------ directive_rules.cpp

class known_directives : public rule {
 public:
  using rule::rule;
  void enter(const directive_use& use);
};

class unique_directives_per_location : public rule {
 public:
  using rule::rule;
  void enter(const operation_definition_node& op) { check(op.directives); }
  void enter(const variable_definition_node& variable) { check(variable.directives); }
  void enter(const field_node& field) { check(field.directives); }
  void enter(const fragment_spread_node& spread) { check(spread.directives); }
  void enter(const inline_fragment_node& fragment) { check(fragment.directives); }
  void enter(const fragment_definition_node& fragment) { check(fragment.directives); }

 private:
  void check(std::span<const directive_node> directives);
};

// ------------------------------------------------- argument_rules.cpp

class known_argument_names : public rule {
 public:
  using rule::rule;
  void enter(const directive_use& use);
  void leave(const directive_use&) { in_directive_ = false; }
  void enter(const argument_node& argument);

 private:
  bool in_directive_ = false;
};

class unique_argument_names : public rule {
 public:
  using rule::rule;
  void enter(const field_node& field) { check(field.arguments); }
  void enter(const directive_use& use) { check(use.node.arguments); }

 private:
  void check(std::span<const argument_node> arguments);
};

// ---------------------------------------- values_of_correct_type.cpp

class values_of_correct_type : public rule {
 public:
  using rule::rule;
  void enter(const value_node& value);
  void leave(const value_node& value) {
    if (skipping_ == &value) skipping_ = nullptr;
  }
  void enter(const object_field_node& field);

 private:
  void check_leaf(const value_node& value);
  void check_required_fields(const value_node& object, const named_type& type);
  /// A list or object the rule has reported as a whole; what is inside it
  /// is not looked at (graphql-js returns false from the visitor).
  const value_node* skipping_ = nullptr;
};

// ------------------------------------------------- argument_rules.cpp

class provided_required_arguments : public rule {
 public:
  using rule::rule;
  void leave(const directive_use& use);
  void leave(const field_node& field);
};

// ------------------------------------------------- variable_rules.cpp

class variables_in_allowed_position : public rule {
 public:
  using rule::rule;
  void leave(const operation_definition_node& op);
};

// ---------------------------- overlapping_fields_can_be_merged.cpp

class overlap_checker;

class overlapping_fields_can_be_merged : public rule {
 public:
  explicit overlapping_fields_can_be_merged(validation_context& ctx);
  ~overlapping_fields_can_be_merged();
  void enter(selection_span set);

 private:
  std::unique_ptr<overlap_checker> checker_;
};

// ---------------------------------------- values_of_correct_type.cpp

class unique_input_field_names : public rule {
 public:
  using rule::rule;
  void enter(const value_node& value);
  void leave(const value_node& value);
  void enter(const object_field_node& field);

 private:
  struct object_state {
    const value_node* object;
    std::pmr::vector<std::uint32_t> first;
  };
  std::vector<object_state> objects_;
};

}  // namespace streamhub::graphql::detail
