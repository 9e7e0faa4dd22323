#include "protocol/graphql/execution/argument_values.hpp"

namespace streamhub::graphql {

const value* argument_values::find(std::string_view name) const noexcept {
  for (std::size_t i = 0; i < definitions_.size(); ++i) {
    if (definitions_[i].name == name) return slots_[i];
  }
  return nullptr;
}

bool argument_values::is_null(std::string_view name) const noexcept {
  const value* v = find(name);
  return v != nullptr && v->is_null();
}

std::optional<bool> argument_values::get_bool(std::string_view name) const noexcept {
  const value* v = find(name);
  return v != nullptr ? v->get_bool() : std::nullopt;
}

std::optional<std::int64_t> argument_values::get_int(std::string_view name) const noexcept {
  const value* v = find(name);
  return v != nullptr ? v->get_int() : std::nullopt;
}

std::optional<double> argument_values::get_float(std::string_view name) const noexcept {
  const value* v = find(name);
  return v != nullptr ? v->get_float() : std::nullopt;
}

std::optional<std::string_view> argument_values::get_string(std::string_view name) const noexcept {
  const value* v = find(name);
  return v != nullptr ? v->get_string() : std::nullopt;
}

std::optional<std::span<const value>> argument_values::get_list(
    std::string_view name) const noexcept {
  const value* v = find(name);
  if (v == nullptr || !v->is_list()) return std::nullopt;
  return v->as_list();
}

const property_object* argument_values::get_object(std::string_view name) const noexcept {
  const value* v = find(name);
  return v != nullptr ? v->as_properties() : nullptr;
}

}  // namespace streamhub::graphql
