// Lists, history, search and timelines, answered from the read models
// (projections/read/) on the query service's threads; see read_queries.hpp.
// Without read models on this node they answer UNAVAILABLE.
#include "gateway/api/read_queries.hpp"
#include "gateway/api/resolvers/bindings.hpp"
#include "gateway/api/resolvers/resolver_support.hpp"

namespace streamhub::gateway::api {

namespace {

using graphql::completer;
using graphql::field_call;
using graphql::field_result;
using graphql::value;
using projections::read::page;
using projections::read::page_request;
using projections::read::query_service;
using projections::read::read_model;
using login_set = std::unordered_set<std::string>;
namespace rows = projections::read;

/// Binds a connection field: `first` and `after` checked, then
/// body(call, request) answers.
template <class Body>
result<void> connection(graphql::resolver_map& map, std::string_view type, std::string_view field,
                        Body body) {
  return map.bind(type, field, [body](const field_call& c) -> field_result {
    auto request = page_request_of(c);
    if (!request) return to_field_error(request.err());
    return body(c, std::move(*request));
  });
}

/// The connection of `Row`s naming users, each row made a node by
/// node_of(row, user_refs).
template <class Row, class LoginsOf, class NodeOf>
rows::reply<page<Row>> user_page(query_service& reads, completer done, page_users users, LoginsOf logins_of,
                                 NodeOf node_of) {
  return answer_with_users<page<Row>>(reads, std::move(done), std::move(users), std::move(logins_of),
                                      [node_of](const page<Row>& p, const user_refs& refs) {
                                        return connection_value(
                                            p, [&](const Row& row) { return node_of(row, refs); });
                                      });
}

field_result live_streams(const field_call& c, page_request request) {
  auto category = optional_string_arg(c, "category");
  return read_later(c, {read_model::channels}, [request, category](query_service& reads, completer done) {
    reads.live_streams(request, category,
                       answer_with<page<rows::channel_row>>(std::move(done), [](page<rows::channel_row> p) {
                         // Channel fields read the channel actors: live figures, follows.
                         return connection_value(
                             p, [](const rows::channel_row& ch) { return channel_value(ch.login); });
                       }));
  });
}

field_result chat_history(const field_call& c, page_request request) {
  auto channel = login_arg(c, "channel");
  if (!channel) return to_field_error(channel.err());
  return read_later(c, {read_model::chat, read_model::users},
                    [channel = *channel, request, users = page_users_of(context_of(c))](query_service& reads,
                                                                                        completer done) {
                      reads.chat_history(
                          channel, request,
                          user_page<rows::chat_message_row>(
                              reads, std::move(done), users,
                              [](const rows::chat_message_row& m, login_set& out) { out.insert(m.sender); },
                              chat_message_value));
                    });
}

// followers and following: the same rows, read from either end.
field_result follows(const field_call& c, page_request request, std::string_view argument,
                     void (query_service::*query)(std::string, page_request,
                                                  rows::reply<page<rows::follow_row>>)) {
  auto login = login_arg(c, argument);
  if (!login) return to_field_error(login.err());
  return read_later(
      c, {read_model::users},
      [login = *login, request, query, users = page_users_of(context_of(c))](query_service& reads,
                                                                             completer done) {
        (reads.*query)(
            login, request,
            user_page<rows::follow_row>(
                reads, std::move(done), users,
                [](const rows::follow_row& f, login_set& out) { out.insert(f.follower); }, follow_value));
      });
}

field_result notifications(const field_call& c, page_request request) {
  auto viewer = require_viewer(c);
  if (!viewer) return to_field_error(viewer.err());
  const bool unread_only = c.args().get_bool("unreadOnly").value_or(false);
  return read_later(
      c, {read_model::notifications, read_model::users},
      [viewer = *viewer, request, unread_only, users = page_users_of(context_of(c))](query_service& reads,
                                                                                     completer done) {
        reads.notifications(
            viewer, request, unread_only,
            answer_with_users<rows::notification_page>(
                reads, std::move(done), users,
                [](const rows::notification_row& n, login_set& out) {
                  if (n.actor) out.insert(*n.actor);
                },
                [](const rows::notification_page& p, const user_refs& refs) {
                  graphql::property_object extra;
                  extra.add("unreadCount", value(p.unread_count));
                  return connection_value(
                      p, [&](const rows::notification_row& n) { return notification_value(n, refs); },
                      std::move(extra));
                }));
      });
}

field_result home_timeline(const field_call& c, page_request request) {
  auto viewer = require_viewer(c);
  if (!viewer) return to_field_error(viewer.err());
  return read_later(
      c, {read_model::timelines, read_model::users},
      [viewer = *viewer, request, users = page_users_of(context_of(c))](query_service& reads,
                                                                        completer done) {
        reads.home_timeline(
            viewer, request,
            user_page<rows::post_row>(
                reads, std::move(done), users,
                [](const rows::post_row& p, login_set& out) { out.insert(p.author); }, post_value));
      });
}

field_result search(const field_call& c, page_request request) {
  auto text = string_arg(c, "query");
  return read_later(
      c, {read_model::users, read_model::channels, read_model::timelines},
      [text, request, users = page_users_of(context_of(c))](query_service& reads, completer done) {
        const auto viewer = users.viewer;
        reads.search(text, request,
                     user_page<rows::search_hit>(
                         reads, std::move(done), users,
                         [](const rows::search_hit& h, login_set& out) {
                           if (const auto* post = std::get_if<rows::post_row>(&h.node))
                             out.insert(post->author);
                         },
                         [viewer](const rows::search_hit& h, const user_refs& refs) {
                           return search_hit_value(h, refs, viewer);
                         }));
      });
}

field_result stream_sessions(const field_call& c, page_request request) {
  auto channel = login_arg(c, "channel");
  if (!channel) return to_field_error(channel.err());
  return read_later(c, {read_model::channels, read_model::analytics},
                    [channel = *channel, request](query_service& reads, completer done) {
                      reads.stream_sessions(channel, request,
                                            answer_with<page<rows::stream_session_row>>(
                                                std::move(done), [](page<rows::stream_session_row> p) {
                                                  return connection_value(p, stream_session_value);
                                                }));
                    });
}

// User.posts: the parent user is every post's author.
field_result user_posts(const field_call& c, page_request request) {
  const auto& author = *c.parent().as<user_ref>();
  return read_later(c, {read_model::timelines}, [author, request](query_service& reads, completer done) {
    reads.user_posts(author.id, request,
                     answer_with<page<rows::post_row>>(std::move(done), [author](page<rows::post_row> p) {
                       const user_refs refs{{author.id, author}};
                       return connection_value(
                           p, [&](const rows::post_row& post) { return post_value(post, refs); });
                     }));
  });
}

// User.followingCount: batched over every User of the response.
field_result following_count(const field_call& c) {
  auto& ctx = context_of(c);
  if (ctx.services.reads == nullptr) return no_read_models();
  const auto& id = c.parent().as<user_ref>()->id;
  return c.defer([&](completer done) {
    user_rows_of(ctx)->load(id, [done](const user_row_loader::answer& row) {
      if (!row) return done.fail(to_field_error(row.err()));
      // A user the read model does not know yet follows nobody there.
      done.resolve(value(*row ? (*row)->following_count : 0));
    });
  });
}

}  // namespace

result<void> bind_read_model_fields(graphql::resolver_map& map) {
  const result<void> steps[] = {
      connection(map, "Query", "liveStreams", live_streams),
      connection(map, "Query", "chatHistory", chat_history),
      connection(map, "Query", "followers",
                 [](const field_call& c, page_request r) {
                   return follows(c, std::move(r), "channel", &query_service::followers);
                 }),
      connection(map, "Query", "following",
                 [](const field_call& c, page_request r) {
                   return follows(c, std::move(r), "login", &query_service::following);
                 }),
      connection(map, "Query", "notifications", notifications),
      connection(map, "Query", "homeTimeline", home_timeline),
      connection(map, "Query", "search", search),
      connection(map, "Query", "streamSessions", stream_sessions),
      connection(map, "User", "posts", user_posts),
      map.bind("User", "followingCount", following_count),
  };
  for (const auto& step : steps)
    if (!step) return step;
  return {};
}

}  // namespace streamhub::gateway::api
