// Profile, blocks, posts, admin roles and notification marks: commands to
// the viewer's own user actor (for roles the named user's, for deletePost the
// post author's).
#include "gateway/api/read_queries.hpp"
#include "gateway/api/resolvers/bindings.hpp"
#include "gateway/api/resolvers/resolver_support.hpp"
#include "protocol/event_json.hpp"

namespace streamhub::gateway::api {

namespace {

using graphql::field_call;
using graphql::field_result;
using graphql::value;
using actors::command_outcome;

field_result answer_user(const std::string& login) { return user_value(login); }

field_result update_profile(const field_call& c) {
  auto viewer = require_viewer(c);
  if (!viewer) return to_field_error(viewer.err());
  domain::update_profile cmd{optional_string_arg(c, "displayName"), optional_string_arg(c, "bio")};
  return run_command(c, *viewer, context_of(c).command("updateProfile"), domain::user_command{cmd},
                     [login = *viewer](const command_outcome&) { return answer_user(login); });
}

template <class Command>
field_result block_or_unblock(const field_call& c, std::string_view mutation) {
  auto viewer = require_viewer(c);
  if (!viewer) return to_field_error(viewer.err());
  auto target = login_arg(c, "login");
  if (!target) return to_field_error(target.err());
  return run_command(c, *viewer, context_of(c).command(mutation), domain::user_command{Command{*target}},
                     [login = *viewer](const command_outcome&) { return answer_user(login); });
}

field_result create_post(const field_call& c) {
  auto viewer = require_viewer(c);
  if (!viewer) return to_field_error(viewer.err());
  auto text = string_arg(c, "text");
  auto key = string_arg(c, "idempotencyKey");
  return run_command(c, *viewer, context_of(c).command("createPost", key),
                     domain::user_command{domain::create_post{text}},
                     [login = *viewer, text](const command_outcome& o) -> field_result {
                       graphql::property_object post;
                       post.add("id", value(o.first_event_id.to_string()));
                       post.add("author", user_value(login));
                       post.add("text", value(text));
                       post.add("createdAt", time_value(o.event ? o.event->envelope.timestamp_us : 0));
                       return value::properties(std::move(post), "Post");
                     });
}

// A post lives in its author's user entity, which decides who may delete it
// (the author or an admin: FORBIDDEN for anyone else). The id alone does not
// name the author, so the timelines read model is asked (after the request's
// minPosition); a post it does not know yet, or a node without read models,
// leaves the caller's own posts to look in (NOT_FOUND when not there).
field_result delete_post(const field_call& c) {
  auto viewer = require_viewer(c);
  if (!viewer) return to_field_error(viewer.err());
  auto id = string_arg(c, "id");
  auto& ctx = context_of(c);
  auto command = ctx.command("deletePost");
  const auto answer = [](const command_outcome& o) -> field_result { return value(o.events > 0); };
  if (ctx.services.reads == nullptr)
    return run_command(c, *viewer, std::move(command), domain::user_command{domain::delete_post{id}}, answer);
  return read_later(c, {projections::read::read_model::timelines},
                    [&ctx, viewer = *viewer, id, command = std::move(command)](
                        projections::read::query_service& reads, graphql::completer done) mutable {
                      reads.posts_by_ids(
                          {id}, [&ctx, viewer = std::move(viewer), id, command = std::move(command),
                                 done](result<std::vector<projections::read::post_row>> rows) mutable {
                            // An id the read side cannot even parse is the caller's to
                            // refuse (NOT_FOUND); the read side failing is its own error.
                            if (!rows && rows.err().code != error_code::invalid)
                              return done.fail(to_field_error(rows.err()));
                            const std::string author = rows && !rows->empty() ? rows->front().author : viewer;
                            ctx.services.runtime.execute(
                                author, std::move(command), domain::user_command{domain::delete_post{id}},
                                [&ctx, author, done](result<actors::command_outcome> r) mutable {
                                  if (!r) return done.fail(to_field_error(r.err()));
                                  ctx.wrote(r->position);
                                  ctx.post([&ctx, author] { ctx.loaders->forget(author); });
                                  done.resolve(value(r->events > 0));
                                });
                          });
                    });
}

field_result set_admin(const field_call& c) {
  const auto& ctx = context_of(c);
  if (!ctx.logged_in()) return unauthenticated();
  if (!ctx.viewer_is_admin) return forbidden("only an admin may change roles");
  auto target = login_arg(c, "login");
  if (!target) return to_field_error(target.err());
  const bool admin = c.args().get_bool("admin").value_or(false);
  domain::user_command cmd = admin ? domain::user_command{domain::grant_role{"admin"}}
                                   : domain::user_command{domain::revoke_role{"admin"}};
  return run_command(c, *target, ctx.command("setAdmin"), std::move(cmd),
                     [login = *target](const command_outcome&) { return answer_user(login); });
}

field_result mark_notifications_read(const field_call& c) {
  auto viewer = require_viewer(c);
  if (!viewer) return to_field_error(viewer.err());
  auto position = parse_cursor(string_arg(c, "position"));
  if (!position) return bad_input("position is not a notification position");
  return run_command(c, *viewer, context_of(c).command("markNotificationsRead"),
                     domain::user_command{domain::mark_notifications_read{*position}},
                     [](const command_outcome&) -> field_result { return value(true); });
}

}  // namespace

result<void> bind_user_mutations(graphql::resolver_map& map) {
  const result<void> steps[] = {
      map.bind("Mutation", "updateProfile", update_profile),
      map.bind("Mutation", "blockUser",
               [](const field_call& c) { return block_or_unblock<domain::block_user>(c, "blockUser"); }),
      map.bind("Mutation", "unblockUser",
               [](const field_call& c) { return block_or_unblock<domain::unblock_user>(c, "unblockUser"); }),
      map.bind("Mutation", "createPost", create_post),
      map.bind("Mutation", "deletePost", delete_post),
      map.bind("Mutation", "setAdmin", set_admin),
      map.bind("Mutation", "markNotificationsRead", mark_notifications_read),
  };
  for (const auto& step : steps)
    if (!step) return step;
  return {};
}

}  // namespace streamhub::gateway::api
