#pragma once
// The read models, one per projection, named as the projections are. A query
// reads one or more of them; read-your-writes waits until those have applied
// a log position (applied_positions.hpp).

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>

namespace streamhub::projections::read {

/// Stable numbers: they index arrays. Add new models at the end.
enum class read_model : std::uint8_t {
  /// proj_users: profiles with follower/following counts, follows.
  users = 0,
  /// proj_channels: channels, stream sessions, moderators.
  channels = 1,
  /// proj_chat: chat history, moderation log.
  chat = 2,
  /// proj_notifications: notifications per recipient.
  notifications = 3,
  /// proj_timelines: posts and home timelines.
  timelines = 4,
  /// proj_subscriptions: subscriptions per channel and subscriber.
  subscriptions = 5,
  /// proj_analytics: figures per stream session.
  analytics = 6,
};

inline constexpr std::size_t read_model_count = 7;

inline constexpr std::array<std::string_view, read_model_count> read_model_names = {
    "users", "channels", "chat", "notifications", "timelines", "subscriptions", "analytics"};

/// The projection's name, e.g. "chat"; its live tables are in schema proj_<name>.
constexpr std::string_view to_string(read_model model) noexcept {
  return read_model_names[static_cast<std::size_t>(model)];
}

/// The model named `name`, or nullopt.
constexpr std::optional<read_model> read_model_named(std::string_view name) noexcept {
  for (std::size_t i = 0; i < read_model_count; ++i) {
    if (read_model_names[i] == name) return static_cast<read_model>(i);
  }
  return std::nullopt;
}

/// A set of read models (a small bit set).
class read_model_set {
 public:
  constexpr read_model_set() noexcept = default;
  constexpr read_model_set(std::initializer_list<read_model> models) noexcept {
    for (const auto m : models) add(m);
  }
  static constexpr read_model_set all() noexcept {
    read_model_set s;
    s.bits_ = (1u << read_model_count) - 1;
    return s;
  }

  constexpr void add(read_model m) noexcept { bits_ |= bit(m); }
  constexpr bool contains(read_model m) const noexcept { return (bits_ & bit(m)) != 0; }
  constexpr bool empty() const noexcept { return bits_ == 0; }
  friend constexpr bool operator==(read_model_set, read_model_set) = default;

 private:
  static constexpr std::uint32_t bit(read_model m) noexcept {
    return 1u << static_cast<unsigned>(m);
  }
  std::uint32_t bits_ = 0;
};

}  // namespace streamhub::projections::read
