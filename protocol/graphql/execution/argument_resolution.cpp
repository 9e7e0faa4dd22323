// CoerceArgumentValues per call (graphql-js getArgumentValues): the parts
// of a field's argument plan that depend on the variables.

#include <string>

#include "protocol/graphql/execution/input_coercion.hpp"
#include "protocol/graphql/execution/plan.hpp"
#include "protocol/graphql/printer.hpp"

namespace streamhub::graphql::detail {

namespace {

constexpr std::size_t npos = static_cast<std::size_t>(-1);

argument_failure failure(const argument_source& src, std::string what) {
  return {"Argument \"" + std::string(src.definition->name) + "\" " + std::move(what),
          src.literal->offset};
}

}  // namespace

std::optional<argument_failure> resolve_arguments(const field_plan& f,
                                                  const variable_values& variables,
                                                  const resolver_map& hooks, argument_slots& slots,
                                                  std::vector<value>& temps, argument_values& out) {
  const argument_plan& plan = f.arguments;
  const auto& definitions = f.info.definition->arguments;
  if (plan.all_constant) {
    out = argument_values(definitions, plan.constant_slots);
    return std::nullopt;
  }
  slots.clear();
  temps.clear();
  if (plan.literals != 0) temps.reserve(plan.literals);  // slots point into temps: no reallocation
  for (const argument_source& src : plan.sources) {
    const type_ref type = src.definition->type;
    switch (src.source) {
      case argument_source::kind::absent: slots.push_back(nullptr); break;
      case argument_source::kind::constant: slots.push_back(&src.constant); break;
      case argument_source::kind::error: return argument_failure{src.error, src.error_offset};
      case argument_source::kind::variable: {
        const value* given = nullptr;
        if (src.variable != npos && src.variable < variables.size() && variables.at(src.variable)) {
          given = &*variables.at(src.variable);
        }
        if (given == nullptr) {
          if (src.has_default) {
            slots.push_back(&src.constant);
          } else if (type.is_non_null()) {
            return failure(src, "of required type \"" + type.to_string() +
                                    "\" was provided the variable \"$" +
                                    std::string(src.literal->text) +
                                    "\" which was not provided a runtime value.");
          } else {
            slots.push_back(nullptr);
          }
          break;
        }
        if (given->is_null() && type.is_non_null()) {
          return failure(src, "of non-null type \"" + type.to_string() + "\" must not be null.");
        }
        slots.push_back(given);
        break;
      }
      case argument_source::kind::literal: {
        auto coerced = value_from_literal(*src.literal, type, hooks, &variables);
        if (!coerced) return failure(src, "has invalid value " + print_value(*src.literal) + ".");
        temps.push_back(std::move(*coerced));
        slots.push_back(&temps.back());
        break;
      }
    }
  }
  out = argument_values(definitions, slots.items());
  return std::nullopt;
}

}  // namespace streamhub::graphql::detail
