// ExecutableDefinitions, UniqueOperationNames, LoneAnonymousOperation.

#include "protocol/graphql/validation/rule_support.hpp"
#include "protocol/graphql/validation/rules.hpp"

namespace streamhub::graphql::detail {

void executable_definitions::enter(const document& doc) {
  for (const definition_node* def : doc.definitions()) {
    if (def->is_executable()) continue;
    std::string name;
    if (def->kind == definition_kind::schema) {
      name = "schema";
    } else if (def->kind == definition_kind::directive) {
      name = quoted(def->as<directive_definition_node>().name.value);
    } else {
      name = quoted(def->as<type_definition_node>().name.value);
    }
    ctx_.report("The " + name + " definition is not executable.", {def->offset});
  }
}

void unique_operation_names::enter(const operation_definition_node& op) {
  if (op.name.empty()) return;
  const auto [it, inserted] = known_.emplace(op.name.value, op.name.offset);
  if (!inserted) {
    ctx_.report("There can be only one operation named " + quoted(op.name.value) + ".",
                {it->second, op.name.offset});
  }
}

void lone_anonymous_operation::enter(const document& doc) {
  for (const definition_node* def : doc.definitions()) {
    if (def->kind == definition_kind::operation) ++operations_;
  }
}

void lone_anonymous_operation::enter(const operation_definition_node& op) {
  if (op.name.empty() && operations_ > 1) {
    ctx_.report("This anonymous operation must be the only defined operation.", {op.offset});
  }
}

}  // namespace streamhub::graphql::detail
