// CollectFields (spec 6.3.2, graphql-js collectFields/collectSubfields)
// and the field plans built from its result.

#include <string>
#include <unordered_map>
#include <vector>

#include "protocol/graphql/execution/input_coercion.hpp"
#include "protocol/graphql/execution/introspection.hpp"
#include "protocol/graphql/execution/plan.hpp"
#include "protocol/graphql/printer.hpp"

namespace streamhub::graphql::detail {

namespace {

constexpr std::size_t npos = static_cast<std::size_t>(-1);

const argument_node* find_argument(std::span<const argument_node> args, std::string_view name) {
  const argument_node* found = nullptr;
  for (const argument_node& a : args) {
    if (a.name.value == name) found = &a;  // the last one wins, as in graphql-js's keyMap
  }
  return found;
}

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

class collector {
 public:
  collector(const operation_plan& op, const named_type& type, const variable_values& variables)
      : op_(op), schema_(op.schema_ref()), type_(type), variables_(variables) {}

  void collect(selection_span set) {
    for (const selection_node* sel : set) {
      if (error_) return;
      switch (sel->kind) {
        case selection_kind::field: {
          if (!included(*sel)) continue;
          const auto& field = sel->as<field_node>();
          group_of(field.response_name()).nodes.push_back(&field);
          break;
        }
        case selection_kind::inline_fragment: {
          const auto& inline_fragment = sel->as<inline_fragment_node>();
          if (!included(*sel) || !applies(inline_fragment.type_condition)) continue;
          collect(inline_fragment.selection_set);
          break;
        }
        case selection_kind::fragment_spread: {
          const std::string_view name = sel->as<fragment_spread_node>().name.value;
          if (visited(name) || !included(*sel)) continue;
          visited_.push_back(name);
          const auto it = op_.fragments.find(name);
          if (it == op_.fragments.end() || !applies(it->second->type_condition)) continue;
          collect(it->second->selection_set);
          break;
        }
      }
    }
  }

  std::unique_ptr<selection_plan> finish() {
    auto plan = std::make_unique<selection_plan>();
    plan->type = &type_;
    plan->error = std::move(error_);
    plan->fields.reserve(groups_.size());
    for (auto& group : groups_) {
      const field_def* def = schema_.find_field(type_, group.nodes.front()->name.value);
      if (def == nullptr) continue;  // graphql-js skips unknown fields
      plan->fields.push_back(make_field(*def, group));
    }
    return plan;
  }

 private:
  struct group {
    std::string_view response_name;
    std::vector<const field_node*> nodes;
  };

  field_plan make_field(const field_def& def, group& g) {
    field_plan f;
    f.nodes = std::move(g.nodes);
    f.info = field_info{&schema_, def.name, g.response_name, &type_, &def, f.nodes};
    f.key.reserve(g.response_name.size() + 4);
    f.key += ",\"";
    f.key += g.response_name;  // a Name: nothing to escape
    f.key += "\":";
    if (def.name == "__typename") {
      f.kind = field_kind::typename_;
    } else if (&def == &schema_.schema_field()) {
      f.kind = field_kind::resolver;
      f.resolver = &schema_meta_resolver();
    } else if (&def == &schema_.type_field()) {
      f.kind = field_kind::resolver;
      f.resolver = &type_meta_resolver();
    } else if (type_.is_introspection_type()) {
      f.resolver = introspection_resolver(type_, def.name);
      f.kind = f.resolver != nullptr ? field_kind::resolver : field_kind::property;
    } else if (const resolver_fn* fn = op_.resolvers->find_resolver(type_, def)) {
      f.kind = field_kind::resolver;
      f.resolver = fn;
    } else if (op_.operation->operation == operation_type::subscription && &type_ == op_.root_type) {
      f.kind = field_kind::event_root;
    } else {
      f.kind = field_kind::property;
    }
    if (def.type.named_type()->is_leaf()) {
      f.leaf_value = true;
      f.leaf_type = def.type.named_type();
      f.leaf = classify_leaf(*f.leaf_type, *op_.resolvers);
    }
    f.arguments = build_argument_plan(op_, def, *f.nodes.front());
    const bool plain_property = f.kind == field_kind::property && f.leaf_value && f.arguments.all_constant;
    const type_ref type = def.type.nullable();
    f.property_leaf = plain_property && type.is_named();
    f.property_leaf_list = plain_property && type.is_list() && type.of_type().nullable().is_named();
    return f;
  }

  // Selection sets have few distinct keys: a linear search beats hashing
  // until they have many.
  group& group_of(std::string_view response_name) {
    if (index_.empty()) {
      for (group& g : groups_) {
        if (g.response_name == response_name) return g;
      }
      if (groups_.size() < 32) return groups_.emplace_back(group{response_name, {}});
      for (std::size_t i = 0; i < groups_.size(); ++i) index_.emplace(groups_[i].response_name, i);
    }
    const auto [it, fresh] = index_.try_emplace(response_name, groups_.size());
    if (fresh) groups_.push_back({response_name, {}});
    return groups_[it->second];
  }

  bool visited(std::string_view name) const {
    for (const auto v : visited_) {
      if (v == name) return true;
    }
    return false;
  }

  // DoesFragmentTypeApply; an empty condition applies to every type.
  bool applies(const name_node& condition) const {
    if (condition.empty()) return true;
    const named_type* t = schema_.find_type(condition.value);
    if (t == &type_) return true;
    return t != nullptr && t->is_abstract() && schema_.is_sub_type(*t, type_);
  }

  // @skip has precedence over @include, as in graphql-js.
  bool included(const selection_node& sel) {
    for (const directive_node& d : sel.directives) {
      if (d.name.value != "skip") continue;
      const auto skip = condition(d);
      if (!skip.has_value()) return false;
      if (*skip == 1) return false;
      break;
    }
    for (const directive_node& d : sel.directives) {
      if (d.name.value != "include") continue;
      const auto include = condition(d);
      if (!include.has_value()) return false;
      if (*include == 0) return false;
      break;
    }
    return true;
  }

  // The `if` argument: 1 true, 0 false, -1 anything else (graphql-js
  // compares with === true / === false); nullopt after reporting an error.
  std::optional<int> condition(const directive_node& d) {
    const argument_node* arg = find_argument(d.arguments, "if");
    if (arg == nullptr) return fail("Argument \"if\" of required type \"Boolean!\" was not provided.", d.offset);
    const value_node& v = arg->value;
    if (v.kind == value_kind::variable) {
      const std::size_t index = op_.variable_index(v.text);
      const value* given = index == npos ? nullptr : variables_.find(v.text);
      if (given == nullptr) {
        return fail("Argument \"if\" of required type \"Boolean!\" was provided the variable \"$" +
                        std::string(v.text) + "\" which was not provided a runtime value.",
                    v.offset);
      }
      if (given->is_null()) return fail("Argument \"if\" of non-null type \"Boolean!\" must not be null.", v.offset);
      const auto b = given->get_bool();
      return b ? (*b ? 1 : 0) : -1;
    }
    if (v.kind == value_kind::null) return fail("Argument \"if\" of non-null type \"Boolean!\" must not be null.", v.offset);
    if (v.kind != value_kind::boolean) return fail("Argument \"if\" has invalid value " + print_value(v) + ".", v.offset);
    return v.boolean ? 1 : 0;
  }

  std::nullopt_t fail(std::string message, std::uint32_t offset) {
    if (!error_) error_.emplace(std::move(message), op_.doc->location(offset));
    return std::nullopt;
  }

  const operation_plan& op_;
  const schema& schema_;
  const named_type& type_;
  const variable_values& variables_;
  std::vector<group> groups_;
  std::unordered_map<std::string_view, std::size_t> index_;  // once groups_ is large
  std::vector<std::string_view> visited_;
  std::optional<graphql_error> error_;
};

argument_source argument_error(argument_source src, std::string message, std::uint32_t offset) {
  src.source = argument_source::kind::error;
  src.error = std::move(message);
  src.error_offset = offset;
  return src;
}

argument_source plan_argument(const operation_plan& op, const input_value_def& def,
                              const field_node& node) {
  const resolver_map& hooks = *op.resolvers;
  argument_source src;
  src.definition = &def;
  if (def.default_value != nullptr) {
    if (auto coerced = value_from_literal(*def.default_value, def.type, hooks, nullptr)) {
      src.constant = std::move(*coerced);
      src.has_default = true;
    }
  }
  const std::string name = quoted(def.name);
  const argument_node* given = find_argument(node.arguments, def.name);
  if (given == nullptr) {
    if (src.has_default) {
      src.source = argument_source::kind::constant;
    } else if (def.type.is_non_null()) {
      return argument_error(std::move(src), "Argument " + name + " of required type \"" +
                                                def.type.to_string() + "\" was not provided.",
                            node.offset);
    }
    return src;
  }
  const value_node& literal = given->value;
  src.literal = &literal;
  if (literal.kind == value_kind::variable) {
    src.source = argument_source::kind::variable;
    src.variable = op.variable_index(literal.text);
    return src;
  }
  if (literal.kind == value_kind::null && def.type.is_non_null()) {
    return argument_error(std::move(src), "Argument " + name + " of non-null type \"" +
                                              def.type.to_string() + "\" must not be null.",
                          literal.offset);
  }
  if (has_variables(literal)) {
    src.source = argument_source::kind::literal;
    return src;
  }
  auto coerced = value_from_literal(literal, def.type, hooks, nullptr);
  if (!coerced) {
    return argument_error(std::move(src), "Argument " + name + " has invalid value " +
                                              print_value(literal) + ".",
                          literal.offset);
  }
  src.source = argument_source::kind::constant;
  src.constant = std::move(*coerced);
  return src;
}

}  // namespace

std::size_t operation_plan::variable_index(std::string_view name) const noexcept {
  for (std::size_t i = 0; i < variables.size(); ++i) {
    if (variables[i].name == name) return i;
  }
  return npos;
}

std::unique_ptr<selection_plan> build_selection_plan(const operation_plan& op,
                                                     const named_type& type,
                                                     std::span<const selection_span> sets,
                                                     const variable_values& variables) {
  collector c(op, type, variables);
  for (const selection_span set : sets) c.collect(set);
  return c.finish();
}

argument_plan build_argument_plan(const operation_plan& op, const field_def& def,
                                  const field_node& node) {
  argument_plan plan;
  plan.sources.reserve(def.arguments.size());
  for (const input_value_def& arg : def.arguments) {
    plan.sources.push_back(plan_argument(op, arg, node));
    const auto kind = plan.sources.back().source;
    if (kind != argument_source::kind::absent && kind != argument_source::kind::constant) {
      plan.all_constant = false;
    }
    if (kind == argument_source::kind::literal) ++plan.literals;
  }
  if (plan.all_constant) {
    for (const argument_source& src : plan.sources) {
      plan.constant_slots.push_back(src.source == argument_source::kind::constant ? &src.constant
                                                                                  : nullptr);
    }
  }
  return plan;
}

}  // namespace streamhub::graphql::detail
