#pragma once
// GraphQL values of read-model rows (projections/read/rows.hpp): connections
// with their edges and page info, and the objects in them. Built on the read
// side's worker threads, so every value owns its data.
//
// Users named by rows (senders, followers, authors) become User values from
// a `user_refs` map, filled for a whole page by one batched load
// (read_queries.hpp): a user found there answers its profile fields without
// asking its actor.

#include <string>
#include <unordered_map>
#include <vector>

#include "gateway/api/entity_views.hpp"
#include "projections/read/page.hpp"
#include "projections/read/rows.hpp"
#include "protocol/graphql/execution/value.hpp"

namespace streamhub::gateway::api {

/// Lower-case login -> what a User value of it carries.
using user_refs = std::unordered_map<std::string, user_ref>;

/// A User value of `login`: the map's reference when present, else the login
/// alone (its fields then read the user actor).
graphql::value user_value_of(const user_refs& users, const std::string& login);

/// The reference a read-model row gives: the full profile, except for
/// `viewer` themself (only the actor knows their block list).
user_ref user_ref_of(const projections::read::user_row& row, const std::string& viewer);

graphql::value chat_message_value(const projections::read::chat_message_row& row, const user_refs& users);
graphql::value follow_value(const projections::read::follow_row& row, const user_refs& users);
graphql::value notification_value(const projections::read::notification_row& row, const user_refs& users);
graphql::value post_value(const projections::read::post_row& row, const user_refs& users);
graphql::value stream_session_value(const projections::read::stream_session_row& row);
/// A User, Channel or Post value, typed for the SearchResult union.
graphql::value search_hit_value(const projections::read::search_hit& hit, const user_refs& users,
                                const std::string& viewer);

/// {edges: [{cursor, node}], pageInfo: {hasNextPage, endCursor}} plus
/// `extra` fields (NotificationConnection.unreadCount). node_of(row) makes
/// each node.
template <class Row, class NodeOf>
graphql::value connection_value(const projections::read::page<Row>& page, NodeOf node_of,
                                graphql::property_object extra = {}) {
  std::vector<graphql::value> edges;
  edges.reserve(page.edges.size());
  for (const auto& e : page.edges) {
    graphql::property_object edge;
    edge.add("cursor", graphql::value(e.cursor));
    edge.add("node", node_of(e.node));
    edges.push_back(graphql::value::properties(std::move(edge)));
  }
  graphql::property_object info;
  info.add("hasNextPage", graphql::value(page.has_next_page));
  const auto end = page.end_cursor();
  info.add("endCursor", end ? graphql::value(*end) : graphql::value());
  extra.add("edges", graphql::value::list(std::move(edges)));
  extra.add("pageInfo", graphql::value::properties(std::move(info)));
  return graphql::value::properties(std::move(extra));
}

}  // namespace streamhub::gateway::api
