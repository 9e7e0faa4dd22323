#pragma once
// A 128-bit event id (UUID version 7: time-ordered, so ids written together sit
// together in an index). The nil id (all zero) means "none", e.g. an event
// with no causation.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace streamhub {

class event_id {
 public:
  static constexpr std::size_t size = 16;
  using bytes_type = std::array<std::uint8_t, size>;

  /// The nil id.
  constexpr event_id() noexcept : bytes_{} {}
  explicit constexpr event_id(const bytes_type& bytes) noexcept : bytes_(bytes) {}

  /// A fresh UUIDv7 from the clock and a per-thread random generator.
  /// Thread-safe.
  static event_id generate();

  /// Parses the canonical 8-4-4-4-12 hex form; nullopt when malformed.
  static std::optional<event_id> parse(std::string_view text) noexcept;

  bool is_nil() const noexcept;
  const bytes_type& bytes() const noexcept { return bytes_; }
  /// The canonical lower-case 8-4-4-4-12 form.
  std::string to_string() const;

  friend constexpr auto operator<=>(const event_id&, const event_id&) = default;

 private:
  bytes_type bytes_;
};

struct event_id_hash {
  std::size_t operator()(const event_id& id) const noexcept;
};

}  // namespace streamhub

namespace streamhub {

/// A deterministic id derived from `base` and a `purpose` label: the same
/// inputs always give the same id, so a step retried after a crash (the
/// second leg of a raid) carries the same idempotency key.
event_id derive_event_id(const event_id& base, std::string_view purpose) noexcept;

}  // namespace streamhub
