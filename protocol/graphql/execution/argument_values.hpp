#pragma once
// The coerced arguments a resolver receives (spec CoerceArgumentValues).
//
// One slot per argument the field defines, in definition order. A slot is
// absent when the argument was neither given nor defaulted; present slots
// hold the coerced value, which may be null ("presence vs null": an
// explicit `null` differs from leaving the argument out). Coercion already
// checked types: an Int argument holds an integer, a Float argument a
// floating value (or, when it came from an Int variable, an integer:
// get_float reads both), String/ID/enum arguments strings, lists lists and
// input objects property_objects.
//
// Lifetime: valid only during the resolver call; copy what a deferred
// resolution needs (values copy cheaply).

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "protocol/graphql/execution/value.hpp"
#include "protocol/graphql/schema.hpp"

namespace streamhub::graphql {

class argument_values {
 public:
  argument_values() = default;
  /// REQUIRES: slots.size() == definitions.size().
  argument_values(std::span<const input_value_def> definitions,
                  std::span<const value* const> slots) noexcept
      : definitions_(definitions), slots_(slots) {}

  /// The argument's value, or null when absent.
  const value* find(std::string_view name) const noexcept;
  /// Given or defaulted (possibly null).
  bool has(std::string_view name) const noexcept { return find(name) != nullptr; }
  /// Given as null (or defaulted to null).
  bool is_null(std::string_view name) const noexcept;

  /// nullopt when absent or null.
  std::optional<bool> get_bool(std::string_view name) const noexcept;
  std::optional<std::int64_t> get_int(std::string_view name) const noexcept;
  std::optional<double> get_float(std::string_view name) const noexcept;
  /// String, ID and enum arguments.
  std::optional<std::string_view> get_string(std::string_view name) const noexcept;
  std::optional<std::string_view> get_enum(std::string_view name) const noexcept {
    return get_string(name);
  }
  /// Lists: the items (empty span for an empty list), nullopt when absent or null.
  std::optional<std::span<const value>> get_list(std::string_view name) const noexcept;
  /// Input objects: null when absent or null.
  const property_object* get_object(std::string_view name) const noexcept;

  /// By definition index. REQUIRES: i < size().
  const value* at(std::size_t i) const noexcept { return slots_[i]; }
  std::size_t size() const noexcept { return slots_.size(); }
  std::span<const input_value_def> definitions() const noexcept { return definitions_; }

 private:
  std::span<const input_value_def> definitions_;
  std::span<const value* const> slots_;
};

}  // namespace streamhub::graphql
