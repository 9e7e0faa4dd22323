#include "protocol/graphql/directive_location.hpp"

#include <array>

namespace streamhub::graphql {

namespace {

constexpr std::array<std::string_view, directive_location_count> names = {
    "QUERY",
    "MUTATION",
    "SUBSCRIPTION",
    "FIELD",
    "FRAGMENT_DEFINITION",
    "FRAGMENT_SPREAD",
    "INLINE_FRAGMENT",
    "VARIABLE_DEFINITION",
    "SCHEMA",
    "SCALAR",
    "OBJECT",
    "FIELD_DEFINITION",
    "ARGUMENT_DEFINITION",
    "INTERFACE",
    "UNION",
    "ENUM",
    "ENUM_VALUE",
    "INPUT_OBJECT",
    "INPUT_FIELD_DEFINITION",
};

}  // namespace

std::string_view to_string(directive_location location) noexcept {
  return names[static_cast<std::size_t>(location)];
}

std::optional<directive_location> directive_location_from_string(std::string_view name) noexcept {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<directive_location>(i);
  }
  return std::nullopt;
}

}  // namespace streamhub::graphql
