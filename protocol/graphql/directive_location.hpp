#pragma once
// Where a directive may appear (spec 3.13, ExecutableDirectiveLocation and
// TypeSystemDirectiveLocation), in the spec's order, which is also the order
// of the __DirectiveLocation enum.

#include <cstdint>
#include <optional>
#include <string_view>

namespace streamhub::graphql {

enum class directive_location : std::uint8_t {
  query,
  mutation,
  subscription,
  field,
  fragment_definition,
  fragment_spread,
  inline_fragment,
  variable_definition,
  schema,
  scalar,
  object,
  field_definition,
  argument_definition,
  interface,
  union_,
  enum_,
  enum_value,
  input_object,
  input_field_definition,
};

inline constexpr std::size_t directive_location_count = 19;

/// The spec's name, e.g. "FIELD_DEFINITION".
std::string_view to_string(directive_location location) noexcept;

/// The location named `name`, or nullopt for anything else.
std::optional<directive_location> directive_location_from_string(std::string_view name) noexcept;

}  // namespace streamhub::graphql
