#pragma once
// What an append expects of its entity's current version (optimistic
// concurrency). Entity versions count events: a stream with no events is at
// version 0, its first event is version 1.

#include <cstdint>
#include <string>

namespace streamhub {

class expected_version {
 public:
  /// Append whatever the current version is.
  static constexpr expected_version any() noexcept { return expected_version{kind::any, 0}; }
  /// Append only if the entity has no events yet.
  static constexpr expected_version no_stream() noexcept { return expected_version{kind::exact, 0}; }
  /// Append only if the entity is exactly at version `n` (0 == no_stream).
  static constexpr expected_version exact(std::uint64_t n) noexcept { return expected_version{kind::exact, n}; }

  constexpr bool is_any() const noexcept { return kind_ == kind::any; }
  /// REQUIRES: !is_any().
  constexpr std::uint64_t version() const noexcept { return version_; }

  /// True when an entity at `current` satisfies this expectation.
  constexpr bool matches(std::uint64_t current) const noexcept {
    return kind_ == kind::any || version_ == current;
  }

  std::string to_string() const {
    if (kind_ == kind::any) return "any";
    if (version_ == 0) return "no_stream";
    return "exact(" + std::to_string(version_) + ")";
  }

  friend constexpr bool operator==(expected_version, expected_version) = default;

 private:
  enum class kind : std::uint8_t { any, exact };
  constexpr expected_version(kind k, std::uint64_t v) noexcept : kind_(k), version_(v) {}
  kind kind_;
  std::uint64_t version_;
};

}  // namespace streamhub
