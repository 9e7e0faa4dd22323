#pragma once
// GraphQL object values of the product schema: entity references, events as
// the typed objects subscriptions deliver, and small helpers.

#include <cstdint>
#include <memory>
#include <string>

#include "actors/runtime/published_event.hpp"
#include "gateway/api/entity_views.hpp"
#include "protocol/graphql/execution/value.hpp"

namespace streamhub::gateway::api {

graphql::value user_value(user_ref ref);
graphql::value user_value(std::string id);
graphql::value channel_value(std::string id);
graphql::value channel_value(std::shared_ptr<const channel_view> view);
graphql::value chat_room_value(std::string id);
graphql::value chat_room_value(std::shared_ptr<const chat_view> view);

/// A DateTime: RFC 3339 text of microseconds since the epoch.
graphql::value time_value(std::int64_t us);

/// A chat event as its ChatEvent object (ChatMessage, ChatCleared, ...);
/// null for events a chat subscription does not show.
graphql::value chat_event_value(const actors::published_event& event);

/// A channel event as its StreamEvent object (StreamWentLive, NewFollower,
/// ...); null for events streamEvents does not show (samples, raid.started).
graphql::value stream_event_value(const actors::published_event& event);

/// A subscription cursor (the entity version as text), and back.
std::string cursor_of(std::uint64_t version);
std::optional<std::uint64_t> parse_cursor(std::string_view cursor);

}  // namespace streamhub::gateway::api
