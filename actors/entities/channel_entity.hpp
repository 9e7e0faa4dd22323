#pragma once
// The channel aggregate (channel:<login>): live status, followers, raids,
// subscriptions and moderators; plus a replica of the owner's user state, for
// blocks and for whether the owner exists at all.
//
// Rules, checked in decide():
//  - owner-only commands (go live, update, offline, raid, moderators) accept
//    the owner, an admin, or the system; others get forbidden.
//  - a channel whose owner is not registered answers not_found.
//  - title 1-140, category 1-50 characters.
//  - follow: by a logged-in caller, not the owner, not blocked by the owner;
//    idempotent. Unfollow: idempotent.
//  - raids: from a live channel to another channel; the target must be live
//    and must not block the source's owner. One raid at a time. The source
//    records raid.started, the target raid.incoming, then the source
//    raid.outgoing or raid.cancelled: never half-done, because on restart a
//    started raid is re-sent (the target recognises its id).
//  - subscriptions: tier 1-3, not to one's own channel, not when blocked;
//    30 days each, extending an active one; cumulative months count up.
//
// Viewer presence is ephemeral: it lives in `presence`, is not event-sourced
// and not snapshotted; its peak is recorded by stream.offline.

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "actors/entities/decision.hpp"
#include "actors/entities/effects.hpp"
#include "actors/entities/replica.hpp"
#include "actors/entities/user_entity.hpp"
#include "protocol/domain/channel_commands.hpp"
#include "protocol/domain/channel_events.hpp"

namespace streamhub::actors {

struct channel_state {
  struct subscription {
    int tier = 1;
    std::int64_t expires_at_us = 0;
    int months = 0;
    friend bool operator==(const subscription&, const subscription&) = default;
  };
  struct pending_raid {
    std::string target;
    std::uint64_t viewers = 0;
    event_id correlation_id;
    friend bool operator==(const pending_raid&, const pending_raid&) = default;
  };
  /// Ephemeral: not in events, not in snapshots.
  struct presence_figures {
    std::uint64_t viewers = 0;
    std::uint64_t peak = 0;
    friend bool operator==(const presence_figures&, const presence_figures&) = default;
  };

  replica<user_entity> owner;
  bool live = false;
  std::string title;
  std::string category;
  std::string session_id;
  std::int64_t live_since_us = 0;
  std::unordered_map<std::string, std::int64_t> followers;  ///< Login -> followed at.
  std::set<std::string> moderators;
  std::map<std::string, subscription> subscribers;
  std::map<std::string, pending_raid> pending_raids;  ///< By raid id (source side).
  std::vector<std::string> recent_incoming_raids;     ///< Raid ids (target side), bounded.
  presence_figures presence;

  bool owner_registered() const { return owner.state.registered; }
  bool is_moderator(std::string_view login) const { return moderators.count(std::string(login)) > 0; }
  bool is_subscriber(std::string_view login, std::int64_t now_us) const;
  /// Follow time, or -1 when not following.
  std::int64_t followed_at(std::string_view login) const;

  /// Equality over persistent state (presence excluded).
  friend bool operator==(const channel_state& a, const channel_state& b);
};

struct channel_entity {
  static constexpr domain::entity_kind kind = domain::entity_kind::channel;
  using state = channel_state;
  using command = domain::channel_command;
  using event = domain::channel_event;
  /// The owner's user stream, replicated into `owner`.
  struct watch_owner {
    using entity = user_entity;
    static replica<user_entity>& of(state& s) { return s.owner; }
  };
  using watches = std::tuple<watch_owner>;

  static result<decision<event>> decide(const state& s, std::string_view self,
                                        const domain::command_context& ctx, const command& cmd);
  static void apply(state& s, const event_meta& meta, const event& e);

  /// Effects of a durable event: notify followers when live, the owner of
  /// follows, raids and subscriptions; send a started raid to its target.
  static void after_commit(entity_effects& fx, const state& s, std::string_view self,
                           const published_event_ptr& published, const event& e);
  /// Re-sends raids started but not finished before a restart.
  static void on_recovered(entity_effects& fx, const state& s, std::string_view self);

  static constexpr std::uint32_t snapshot_schema = 1;
  static std::string encode_state(const state& s);
  static result<state> decode_state(std::string_view text, std::uint32_t schema);
  static std::string inspect_json(const state& s);
};

}  // namespace streamhub::actors
