#pragma once
// The product schema's resolvers, bound by area. Each function binds its
// fields into the map; errors name a field the schema lacks (a bug).

#include "protocol/error.hpp"
#include "protocol/graphql/execution/resolver_map.hpp"

namespace streamhub::gateway::api {

/// User, Channel, ChatRoom fields read from the entity actors.
result<void> bind_entity_fields(graphql::resolver_map& map);
/// Query root fields.
result<void> bind_query_fields(graphql::resolver_map& map);
/// register, login, refreshToken, logout.
result<void> bind_account_mutations(graphql::resolver_map& map);
/// Profile, blocks, posts, roles, notification marks.
result<void> bind_user_mutations(graphql::resolver_map& map);
/// Follows, going live, raids, subscriptions, moderators.
result<void> bind_channel_mutations(graphql::resolver_map& map);
/// Chat messages and moderation.
result<void> bind_chat_mutations(graphql::resolver_map& map);
/// chatMessages, streamEvents, notifications, viewerCount.
result<void> bind_subscription_fields(graphql::resolver_map& map);
/// Lists, history, search and timelines: from the read models.
result<void> bind_read_model_fields(graphql::resolver_map& map);

}  // namespace streamhub::gateway::api
