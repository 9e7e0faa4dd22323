#pragma once
// Events of a channel stream (channel:<login>): live status, followers,
// raids, subscriptions, moderators. A stream session's id is the id of its
// stream.live event; a follow's time is its event's timestamp.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace streamhub::domain {

struct follower_added {
  static constexpr std::string_view type = "user.new_follower";
  static constexpr std::uint32_t schema_version = 1;
  std::string user;  ///< Follower login.
  friend bool operator==(const follower_added&, const follower_added&) = default;
};

struct follower_removed {
  static constexpr std::string_view type = "user.unfollowed";
  static constexpr std::uint32_t schema_version = 1;
  std::string user;
  friend bool operator==(const follower_removed&, const follower_removed&) = default;
};

struct stream_went_live {
  static constexpr std::string_view type = "stream.live";
  static constexpr std::uint32_t schema_version = 1;
  std::string title;
  std::string category;
  friend bool operator==(const stream_went_live&, const stream_went_live&) = default;
};

struct stream_updated {
  static constexpr std::string_view type = "stream.updated";
  static constexpr std::uint32_t schema_version = 1;
  std::string title;
  std::string category;
  friend bool operator==(const stream_updated&, const stream_updated&) = default;
};

struct stream_went_offline {
  static constexpr std::string_view type = "stream.offline";
  static constexpr std::uint32_t schema_version = 1;
  std::string session_id;  ///< Event id of the stream.live that began it.
  std::int64_t duration_s = 0;
  std::uint64_t peak_viewers = 0;
  friend bool operator==(const stream_went_offline&, const stream_went_offline&) = default;
};

/// A sample of the (ephemeral) viewer count, recorded for analytics.
struct viewers_sampled {
  static constexpr std::string_view type = "stream.viewers";
  static constexpr std::uint32_t schema_version = 1;
  std::uint64_t viewers = 0;
  friend bool operator==(const viewers_sampled&, const viewers_sampled&) = default;
};

/// The source channel committed to a raid; it ends in raid_sent or
/// raid_cancelled, never half-done (see the channel actor).
struct raid_started {
  static constexpr std::string_view type = "raid.started";
  static constexpr std::uint32_t schema_version = 1;
  std::string raid_id;
  std::string target;  ///< Target channel's login.
  std::uint64_t viewers = 0;
  friend bool operator==(const raid_started&, const raid_started&) = default;
};

struct raid_sent {
  static constexpr std::string_view type = "raid.outgoing";
  static constexpr std::uint32_t schema_version = 1;
  std::string raid_id;
  std::string target;
  std::uint64_t viewers = 0;
  friend bool operator==(const raid_sent&, const raid_sent&) = default;
};

struct raid_cancelled {
  static constexpr std::string_view type = "raid.cancelled";
  static constexpr std::uint32_t schema_version = 1;
  std::string raid_id;
  std::string target;
  std::string reason;
  friend bool operator==(const raid_cancelled&, const raid_cancelled&) = default;
};

struct raid_received {
  static constexpr std::string_view type = "raid.incoming";
  static constexpr std::uint32_t schema_version = 1;
  std::string raid_id;
  std::string source;  ///< Raiding channel's login.
  std::uint64_t viewers = 0;
  friend bool operator==(const raid_received&, const raid_received&) = default;
};

struct subscription_added {
  static constexpr std::string_view type = "subscription.new";
  static constexpr std::uint32_t schema_version = 1;
  std::string user;  ///< The subscriber (recipient, when gifted).
  int tier = 1;      ///< 1, 2 or 3.
  bool gifted = false;
  std::optional<std::string> gifter;
  int cumulative_months = 1;
  std::int64_t expires_at_us = 0;
  friend bool operator==(const subscription_added&, const subscription_added&) = default;
};

struct moderator_added {
  static constexpr std::string_view type = "channel.moderator_added";
  static constexpr std::uint32_t schema_version = 1;
  std::string user;
  friend bool operator==(const moderator_added&, const moderator_added&) = default;
};

struct moderator_removed {
  static constexpr std::string_view type = "channel.moderator_removed";
  static constexpr std::uint32_t schema_version = 1;
  std::string user;
  friend bool operator==(const moderator_removed&, const moderator_removed&) = default;
};

using channel_event =
    std::variant<follower_added, follower_removed, stream_went_live, stream_updated,
                 stream_went_offline, viewers_sampled, raid_started, raid_sent, raid_cancelled,
                 raid_received, subscription_added, moderator_added, moderator_removed>;

}  // namespace streamhub::domain
