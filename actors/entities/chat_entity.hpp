#pragma once
// The chat room aggregate (chat:<login>): messages, moderation and modes;
// plus a replica of its channel (moderators, followers, subscribers, and the
// owner's blocks through the channel's own owner replica).
//
// Rules, checked in decide():
//  - a room whose owner is not registered answers not_found; sending needs a
//    logged-in caller (unauthenticated).
//  - text: 1-500 characters of valid UTF-8, no control characters.
//  - banned, or blocked by the owner: banned. Timed out: banned with
//    retry_after = the time left.
//  - "privileged" = the owner, a moderator, or an admin: exempt from modes,
//    100 messages per 30 s instead of 20 (rate_limited with retry_after).
//  - modes: slow mode (N s between one user's messages, rate_limited),
//    followers-only with a minimum follow age, subscribers-only (forbidden),
//    emote-only (invalid).
//  - moderation (delete, clear, timeout, ban, unban, modes) is privileged;
//    nobody moderates the owner, and moderators do not moderate moderators.
//  - deleting needs the message among the last 1,000 and not the owner's.

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "actors/entities/channel_entity.hpp"
#include "actors/entities/decision.hpp"
#include "actors/entities/replica.hpp"
#include "protocol/domain/chat_commands.hpp"
#include "protocol/domain/chat_events.hpp"

namespace streamhub::actors {

struct chat_state {
  struct modes {
    std::int64_t slow_mode_s = 0;
    std::int64_t followers_only_min = -1;  ///< -1: off.
    bool subscribers_only = false;
    bool emote_only = false;
    friend bool operator==(const modes&, const modes&) = default;
  };
  struct recent_message {
    std::string id;
    std::string author;
    friend bool operator==(const recent_message&, const recent_message&) = default;
  };

  replica<channel_entity> channel;
  modes mode;
  std::map<std::string, std::string> bans;              ///< Login -> reason.
  std::map<std::string, std::int64_t> timeouts;         ///< Login -> until.
  std::deque<recent_message> recent;                    ///< Oldest first, bounded.
  std::unordered_set<std::string> recent_ids;           ///< Ids in `recent`.
  /// Send times of each user's messages in the rate window (oldest first):
  /// derived from events, so replay rebuilds it exactly.
  std::unordered_map<std::string, std::deque<std::int64_t>> recent_sends;
  std::uint64_t message_count = 0;

  const channel_state& chan() const { return channel.state; }
  /// The owner (`owner` is the room's login), a moderator, or an admin.
  bool is_privileged(std::string_view owner, std::string_view login, bool is_admin) const;

  friend bool operator==(const chat_state&, const chat_state&) = default;
};

struct chat_entity {
  static constexpr domain::entity_kind kind = domain::entity_kind::chat;
  using state = chat_state;
  using command = domain::chat_command;
  using event = domain::chat_event;
  /// The channel (moderators, followers, subscribers) and, inside that
  /// replica, the owner (blocks). Rebuilt in this order.
  struct watch_channel {
    using entity = channel_entity;
    static replica<channel_entity>& of(state& s) { return s.channel; }
  };
  struct watch_owner {
    using entity = user_entity;
    static replica<user_entity>& of(state& s) { return s.channel.state.owner; }
  };
  using watches = std::tuple<watch_channel, watch_owner>;

  static constexpr std::size_t kMaxMessage = 500;
  static constexpr std::size_t kRecentMessages = 1000;
  static constexpr std::int64_t kRateWindowUs = 30 * kMicrosPerSecond;
  static constexpr std::size_t kViewerRate = 20;
  static constexpr std::size_t kPrivilegedRate = 100;

  static result<decision<event>> decide(const state& s, std::string_view self,
                                        const domain::command_context& ctx, const command& cmd);
  static void apply(state& s, const event_meta& meta, const event& e);

  static constexpr std::uint32_t snapshot_schema = 1;
  static std::string encode_state(const state& s);
  static result<state> decode_state(std::string_view text, std::uint32_t schema);
  static std::string inspect_json(const state& s);
};

}  // namespace streamhub::actors
