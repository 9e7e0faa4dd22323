// ScalarLeafs: leaf fields have no selection set, others must have one.

#include "protocol/graphql/validation/rule_support.hpp"
#include "protocol/graphql/validation/rules.hpp"

namespace streamhub::graphql::detail {

void scalar_leafs::enter(const field_node& field) {
  const type_ref type = ctx_.types().type();
  if (type.empty()) return;
  const bool leaf = type.named_type()->is_leaf();
  if (leaf == field.selection_set.empty()) return;
  const std::string name(field.name.value);
  if (leaf) {
    ctx_.report("Field " + quoted(name) + " must not have a selection since type " + quoted(type) +
                    " has no subfields.",
                {ctx_.selection_set_offset(field)});
  } else {
    ctx_.report("Field " + quoted(name) + " of type " + quoted(type) +
                    " must have a selection of subfields. Did you mean " + quoted(name + " { ... }") +
                    "?",
                {field.offset});
  }
}

}  // namespace streamhub::graphql::detail
