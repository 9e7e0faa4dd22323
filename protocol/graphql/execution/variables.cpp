// CoerceVariableValues after graphql-js 16 (execution/values.js).

#include "protocol/graphql/execution/variables.hpp"

#include "protocol/graphql/execution/input_coercion.hpp"
#include "protocol/graphql/execution/inspect.hpp"
#include "protocol/graphql/execution/json_input.hpp"
#include "protocol/graphql/execution/json_variables.hpp"
#include "protocol/graphql/execution/plan.hpp"
#include "protocol/graphql/execution/prepared_operation.hpp"
#include "protocol/graphql/printer.hpp"

namespace streamhub::graphql {

namespace {
constexpr std::size_t max_errors = 50;
}  // namespace

class variable_coercion {
 public:
  explicit variable_coercion(const prepared_operation& op) : op_(op.plan()) {}

  /// The one-pass path (json_variables.hpp); null when it declines.
  std::shared_ptr<const variable_values> decode(std::string_view json) {
    auto out = std::make_shared<variable_values>();
    out->entries_.reserve(op_.variables.size());
    for (const detail::variable_plan& var : op_.variables) out->entries_.emplace_back(var.name, std::nullopt);
    if (!detail::decode_variables(op_, json, out->entries_)) return nullptr;
    return out;
  }

  outcome<std::shared_ptr<const variable_values>> run(const property_object& inputs) {
    auto out = std::make_shared<variable_values>();
    out->entries_.reserve(op_.variables.size());
    for (const detail::variable_plan& var : op_.variables) {
      out->entries_.emplace_back(var.name, coerce(var, inputs.find(var.name)));
      if (stopped_) break;
    }
    if (!errors_.empty()) return std::move(errors_);
    return std::shared_ptr<const variable_values>(std::move(out));
  }

 private:
  std::optional<value> coerce(const detail::variable_plan& var, const value* given) {
    if (!var.type) {
      report("Variable " + quoted(var) + " expected value of type \"" + print_type(*var.node->type) +
                 "\" which cannot be used as an input type.",
             var.node->type->offset);
      return std::nullopt;
    }
    const type_ref type = *var.type;
    if (given == nullptr) {
      if (var.node->default_value != nullptr) return var.default_value;
      if (type.is_non_null()) {
        report("Variable " + quoted(var) + " of required type \"" + type.to_string() +
                   "\" was not provided.",
               var.node->offset);
      }
      return std::nullopt;
    }
    if (given->is_null() && type.is_non_null()) {
      report("Variable " + quoted(var) + " of non-null type \"" + type.to_string() +
                 "\" must not be null.",
             var.node->offset);
      return std::nullopt;
    }
    return detail::coerce_input_value(
        *given, type, *op_.resolvers, op_.defaults,
        [&](std::span<const path_segment> path, const value& invalid, std::string reason) {
          std::string message = "Variable " + quoted(var) + " got invalid value " + detail::inspect(invalid);
          if (!path.empty()) {
            message += " at \"" + std::string(var.name) + detail::print_path(path) + "\"";
          }
          report(message + "; " + reason, var.node->offset);
          return !stopped_;
        });
  }

  static std::string quoted(const detail::variable_plan& var) {
    return "\"$" + std::string(var.name) + "\"";
  }

  void report(std::string message, std::uint32_t offset) {
    if (stopped_) return;
    if (errors_.size() >= max_errors) {
      errors_.emplace_back(
          "Too many errors processing variables, error limit reached. Execution aborted.");
      stopped_ = true;
      return;
    }
    errors_.emplace_back(std::move(message), op_.doc->location(offset));
  }

  const detail::operation_plan& op_;
  std::vector<graphql_error> errors_;
  bool stopped_ = false;
};

const value* variable_values::find(std::string_view name) const noexcept {
  for (const auto& [n, v] : entries_) {
    if (n == name) return v ? &*v : nullptr;
  }
  return nullptr;
}

outcome<std::shared_ptr<const variable_values>> coerce_variables(const prepared_operation& op,
                                                                 const property_object& inputs) {
  return variable_coercion(op).run(inputs);
}

outcome<std::shared_ptr<const variable_values>> coerce_variables(const prepared_operation& op,
                                                                 std::string_view json) {
  static const property_object no_inputs;
  if (json.empty()) return coerce_variables(op, no_inputs);
  // Usually the variables coerce without a problem, in one pass; otherwise
  // two steps, untyped values first, find and word every problem.
  if (auto coerced = variable_coercion(op).decode(json)) return coerced;
  auto decoded = detail::decode_json(json);
  if (!decoded.decoded) {
    if (decoded.failure == detail::json_failure::too_deep) {
      return graphql_error("Variables are nested too deeply.");
    }
    return graphql_error("Variables are not valid JSON.");
  }
  const value& inputs = *decoded.decoded;
  if (inputs.is_null()) return coerce_variables(op, no_inputs);
  if (inputs.as_properties() == nullptr) {
    return graphql_error(
        "Variables must be provided as an Object where each property is a variable value. "
        "Perhaps look to see if an unparsed JSON string was provided.");
  }
  return coerce_variables(op, *inputs.as_properties());
}

}  // namespace streamhub::graphql
