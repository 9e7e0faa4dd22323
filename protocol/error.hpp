#pragma once
// Errors as values, shared by every layer.
//
// Every failure that crosses a component boundary (storage call, actor reply,
// projection write) is an `error`: a stable code, a human message and, for
// some codes, one structured detail. The gateway maps codes to GraphQL
// `extensions.code`, HTTP status and WebSocket close codes in one place.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace streamhub {

/// Stable numbers: they are written to logs and sent across processes.
/// Never renumber; add new codes at the end.
enum class error_code : std::uint8_t {
  /// Success; never carried by an `error`.
  none = 0,
  /// The named entity, event or resource does not exist.
  not_found = 1,
  /// The caller is known but not allowed to do this.
  forbidden = 2,
  /// The expected version did not match, or the change collides with state
  /// (a login already taken). `error::current_version` may say what is there.
  conflict = 3,
  /// The input breaks a rule: length, UTF-8, range, format.
  invalid = 4,
  /// Too many requests; `error::retry_after` says when to try again.
  rate_limited = 5,
  /// The caller is banned from, or timed out in, this room.
  banned = 6,
  /// No credentials, or credentials that do not verify.
  unauthenticated = 7,
  /// A dependency is down or the component is stopping; retry later.
  unavailable = 8,
  /// A deadline passed before the outcome was known.
  timeout = 9,
  /// Stored data failed its checksum or could not be decoded.
  corrupt = 10,
  /// Stored data was written by a newer format than this build reads.
  unsupported_format = 11,
  /// An I/O operation failed; for a write, its outcome is unknown.
  io_error = 12,
  /// An invariant did not hold: a bug.
  internal = 13,
};

/// The wire name of a code, e.g. "NOT_FOUND" (used as GraphQL extensions.code).
std::string_view to_string(error_code code) noexcept;

/// A failure: code, message and the detail some codes carry.
struct error {
  error_code code = error_code::internal;
  std::string message;
  /// For `conflict` on an append: the entity's version at the time.
  std::optional<std::uint64_t> current_version;
  /// For `rate_limited` and `banned` (timeouts): how long until retrying helps.
  std::chrono::milliseconds retry_after{0};

  error() = default;
  error(error_code c, std::string msg) : code(c), message(std::move(msg)) {}

  friend bool operator==(const error&, const error&) = default;
};

/// Either a value or an error. A small stand-in for C++23 std::expected.
template <class T>
class [[nodiscard]] result {
 public:
  result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  result(error err) : state_(std::in_place_index<1>, std::move(err)) {}
  result(error_code code, std::string message)
      : state_(std::in_place_index<1>, error{code, std::move(message)}) {}

  bool has_value() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  /// REQUIRES: has_value().
  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  /// REQUIRES: !has_value().
  const error& err() const& { return std::get<1>(state_); }
  error&& err() && { return std::get<1>(std::move(state_)); }

 private:
  std::variant<T, error> state_;
};

/// A result that carries no value: success, or an error.
template <>
class [[nodiscard]] result<void> {
 public:
  result() = default;
  result(error err) : error_(std::move(err)) {}
  result(error_code code, std::string message) : error_(error{code, std::move(message)}) {}

  bool has_value() const noexcept { return !error_.has_value(); }
  explicit operator bool() const noexcept { return has_value(); }
  /// REQUIRES: !has_value().
  const error& err() const& { return *error_; }
  error&& err() && { return std::move(*error_); }

 private:
  std::optional<error> error_;
};

}  // namespace streamhub
