#include "protocol/graphql/execution/prepared_operation.hpp"

#include <algorithm>
#include <string>

#include "protocol/graphql/execution/input_coercion.hpp"
#include "protocol/graphql/execution/plan.hpp"

namespace streamhub::graphql {

namespace {

// The variables whose values @skip/@include read anywhere in the document
// (fragments included): they key the cached plans.
void find_condition_variables(selection_span set, const detail::operation_plan& op,
                              std::vector<std::size_t>& out);

void add_conditions(std::span<const directive_node> directives, const detail::operation_plan& op,
                    std::vector<std::size_t>& out) {
  for (const directive_node& d : directives) {
    if (d.name.value != "skip" && d.name.value != "include") continue;
    for (const argument_node& arg : d.arguments) {
      if (arg.value.kind != value_kind::variable) continue;
      const std::size_t index = op.variable_index(arg.value.text);
      if (index == static_cast<std::size_t>(-1)) continue;
      if (std::find(out.begin(), out.end(), index) == out.end()) out.push_back(index);
    }
  }
}

void find_condition_variables(selection_span set, const detail::operation_plan& op,
                              std::vector<std::size_t>& out) {
  for (const selection_node* sel : set) {
    add_conditions(sel->directives, op, out);
    if (sel->kind == selection_kind::field) {
      find_condition_variables(sel->as<field_node>().selection_set, op, out);
    } else if (sel->kind == selection_kind::inline_fragment) {
      find_condition_variables(sel->as<inline_fragment_node>().selection_set, op, out);
    }
  }
}

}  // namespace

outcome<std::shared_ptr<const prepared_operation>> prepared_operation::prepare(
    std::shared_ptr<const resolver_map> resolvers, std::shared_ptr<const graphql::document> doc,
    std::string_view operation_name) {
  auto plan = std::make_unique<detail::operation_plan>();
  for (const definition_node* def : doc->definitions()) {
    if (def->kind == definition_kind::fragment) {
      const auto& fragment = def->as<fragment_definition_node>();
      plan->fragments[fragment.name.value] = &fragment;  // the last one wins, as in graphql-js
    } else if (def->kind == definition_kind::operation) {
      const auto& op = def->as<operation_definition_node>();
      if (operation_name.empty()) {
        if (plan->operation != nullptr) {
          return graphql_error("Must provide operation name if query contains multiple operations.");
        }
        plan->operation = &op;
      } else if (op.name.value == operation_name) {
        plan->operation = &op;
      }
    }
  }
  if (plan->operation == nullptr) {
    if (!operation_name.empty()) {
      return graphql_error("Unknown operation named \"" + std::string(operation_name) + "\".");
    }
    return graphql_error("Must provide an operation.");
  }

  const graphql::schema& s = resolvers->schema();
  plan->root_type = s.root_type(plan->operation->operation);
  for (const variable_definition_node& var : plan->operation->variable_definitions) {
    detail::variable_plan v;
    v.name = var.variable.value;
    v.node = &var;
    auto type = s.resolve(*var.type);
    if (type && is_input_type(*type)) v.type = *type;
    if (v.type) plan->defaults.add_reachable(*v.type, *resolvers);
    if (v.type && var.default_value != nullptr) {
      v.default_value = detail::value_from_literal(*var.default_value, *v.type, *resolvers, nullptr);
    }
    plan->variables.push_back(std::move(v));
  }
  find_condition_variables(plan->operation->selection_set, *plan, plan->condition_variables);
  for (const auto& [name, fragment] : plan->fragments) {
    find_condition_variables(fragment->selection_set, *plan, plan->condition_variables);
  }
  plan->resolvers = std::move(resolvers);
  plan->doc = std::move(doc);
  return std::shared_ptr<const prepared_operation>(new prepared_operation(std::move(plan)));
}

prepared_operation::prepared_operation(std::unique_ptr<detail::operation_plan> plan) noexcept
    : plan_(std::move(plan)) {}

prepared_operation::~prepared_operation() = default;

operation_type prepared_operation::type() const noexcept { return plan_->operation->operation; }

std::string_view prepared_operation::name() const noexcept { return plan_->operation->name.value; }

const operation_definition_node& prepared_operation::operation() const noexcept {
  return *plan_->operation;
}

const std::shared_ptr<const graphql::document>& prepared_operation::doc() const noexcept {
  return plan_->doc;
}

const resolver_map& prepared_operation::resolvers() const noexcept { return *plan_->resolvers; }

const graphql::schema& prepared_operation::schema() const noexcept { return plan_->resolvers->schema(); }

}  // namespace streamhub::graphql
