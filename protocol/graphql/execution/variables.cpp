// CoerceVariableValues after graphql-js 16 (execution/values.js), and the
// JSON decoding of the request's variables.

#include "protocol/graphql/execution/variables.hpp"

#include <nlohmann/json.hpp>

#include "protocol/graphql/execution/input_coercion.hpp"
#include "protocol/graphql/execution/inspect.hpp"
#include "protocol/graphql/execution/plan.hpp"
#include "protocol/graphql/execution/prepared_operation.hpp"
#include "protocol/graphql/printer.hpp"

namespace streamhub::graphql {

namespace {

constexpr std::size_t max_errors = 50;
// Deeper input is refused: the conversions below recurse.
constexpr int max_json_depth = 128;

// JSON to an untyped value; objects keep their key order (ordered_json)
// so that error messages list unknown fields as graphql-js does. Sets
// `too_deep` instead of recursing past max_json_depth.
value from_json(const nlohmann::ordered_json& j, int depth, bool& too_deep) {
  using t = nlohmann::ordered_json::value_t;
  if (depth > max_json_depth) {
    too_deep = true;
    return value();
  }
  switch (j.type()) {
    case t::null: return value();
    case t::boolean: return value(j.get<bool>());
    case t::number_integer: return value(j.get<std::int64_t>());
    case t::number_unsigned: {
      const auto u = j.get<std::uint64_t>();
      if (u <= static_cast<std::uint64_t>(INT64_MAX)) return value(static_cast<std::int64_t>(u));
      return value(static_cast<double>(u));
    }
    case t::number_float: return value(j.get<double>());
    case t::string: return value(j.get<std::string>());
    case t::array: {
      std::vector<value> items;
      items.reserve(j.size());
      for (const auto& item : j) items.push_back(from_json(item, depth + 1, too_deep));
      return value::list(std::move(items));
    }
    case t::object: {
      property_object props;
      for (const auto& [key, item] : j.items()) props.add(key, from_json(item, depth + 1, too_deep));
      return value::properties(std::move(props));
    }
    default: return value();
  }
}

}  // namespace

class variable_coercion {
 public:
  explicit variable_coercion(const prepared_operation& op) : op_(op.plan()) {}

  outcome<std::shared_ptr<const variable_values>> run(const property_object& inputs) {
    auto out = std::make_shared<variable_values>();
    out->names_.reserve(op_.variables.size());
    out->values_.reserve(op_.variables.size());
    for (const detail::variable_plan& var : op_.variables) {
      out->names_.push_back(var.name);
      out->values_.push_back(coerce(var, inputs.find(var.name)));
      if (stopped_) break;
    }
    if (!errors_.empty()) return std::move(errors_);
    return std::shared_ptr<const variable_values>(std::move(out));
  }

 private:
  std::optional<value> coerce(const detail::variable_plan& var, const value* given) {
    const std::string name(var.name);
    const source_location at = op_.doc->location(var.node->offset);
    if (!var.type) {
      report("Variable \"$" + name + "\" expected value of type \"" + print_type(*var.node->type) +
                 "\" which cannot be used as an input type.",
             op_.doc->location(var.node->type->offset));
      return std::nullopt;
    }
    const type_ref type = *var.type;
    if (given == nullptr) {
      if (var.node->default_value != nullptr) return var.default_value;
      if (type.is_non_null()) {
        report("Variable \"$" + name + "\" of required type \"" + type.to_string() +
                   "\" was not provided.",
               at);
      }
      return std::nullopt;
    }
    if (given->is_null() && type.is_non_null()) {
      report("Variable \"$" + name + "\" of non-null type \"" + type.to_string() +
                 "\" must not be null.",
             at);
      return std::nullopt;
    }
    return detail::coerce_input_value(
        *given, type, *op_.resolvers,
        [&](std::span<const path_segment> path, const value& invalid, std::string reason) {
          std::string message = "Variable \"$" + name + "\" got invalid value " + detail::inspect(invalid);
          if (!path.empty()) message += " at \"" + name + detail::print_path(path) + "\"";
          report(message + "; " + reason, at);
          return !stopped_;
        });
  }

  void report(std::string message, source_location at) {
    if (stopped_) return;
    if (errors_.size() >= max_errors) {
      errors_.emplace_back(
          "Too many errors processing variables, error limit reached. Execution aborted.");
      stopped_ = true;
      return;
    }
    errors_.emplace_back(std::move(message), at);
  }

  const detail::operation_plan& op_;
  std::vector<graphql_error> errors_;
  bool stopped_ = false;
};

const value* variable_values::find(std::string_view name) const noexcept {
  for (std::size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == name) return values_[i] ? &*values_[i] : nullptr;
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
  if (json.empty() || json == "null") return coerce_variables(op, no_inputs);
  // Exceptions stop here: a malformed request is a request error.
  auto parsed = nlohmann::ordered_json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return graphql_error("Variables are not valid JSON.");
  if (parsed.is_null()) return coerce_variables(op, no_inputs);
  if (!parsed.is_object()) {
    return graphql_error(
        "Variables must be provided as an Object where each property is a variable value. "
        "Perhaps look to see if an unparsed JSON string was provided.");
  }
  bool too_deep = false;
  const value inputs = from_json(parsed, 0, too_deep);
  if (too_deep) return graphql_error("Variables are nested too deeply.");
  return coerce_variables(op, *inputs.as_properties());
}

}  // namespace streamhub::graphql
