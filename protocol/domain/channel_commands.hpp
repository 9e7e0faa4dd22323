#pragma once
// Commands a channel actor (channel:<login>) accepts.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

namespace streamhub::domain {

/// Owner only.
struct go_live {
  std::string title;
  std::string category;
};

/// Owner only; while live.
struct update_stream {
  std::optional<std::string> title;
  std::optional<std::string> category;
};

/// Owner only. The peak viewer count comes from the channel's ephemeral
/// presence, filled in by the actor.
struct go_offline {};

/// By the follower (the caller). Idempotent; no self-follow; refused when the
/// owner blocked the caller.
struct follow_channel {};

struct unfollow_channel {};

/// Owner only, while live: sends the current viewers to `target`.
struct start_raid {
  std::string target;
};

/// System only: the second leg of a raid, sent by the source channel.
struct receive_raid {
  std::string raid_id;
  std::string source;
  std::uint64_t viewers = 0;
};

/// System only: the raid's outcome at the target, closing it at the source
/// with raid.outgoing (accepted) or raid.cancelled.
struct complete_raid {
  std::string raid_id;
  bool accepted = false;
  std::string reason;
};

/// The caller subscribes (tier 1, 2 or 3), or gifts to `recipient`.
struct subscribe_channel {
  int tier = 1;
  std::optional<std::string> recipient;
};

/// Owner only.
struct add_moderator {
  std::string user;
};

/// Owner only.
struct remove_moderator {
  std::string user;
};

/// System only: records a viewer-count sample for analytics.
struct sample_viewers {};

using channel_command =
    std::variant<go_live, update_stream, go_offline, follow_channel, unfollow_channel, start_raid,
                 receive_raid, complete_raid, subscribe_channel, add_moderator, remove_moderator, sample_viewers>;

}  // namespace streamhub::domain
