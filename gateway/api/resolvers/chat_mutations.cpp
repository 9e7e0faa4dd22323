// Chat messages and moderation: commands to a chat room actor, whose rules
// (actors/entities/chat_entity.hpp) decide who may do what.
#include "gateway/api/resolvers/bindings.hpp"
#include "gateway/api/resolvers/resolver_support.hpp"

namespace streamhub::gateway::api {

namespace {

using graphql::field_call;
using graphql::field_result;
using graphql::value;
using actors::command_outcome;

field_result send_message(const field_call& c) {
  if (auto v = require_viewer(c); !v) return to_field_error(v.err());
  auto channel = login_arg(c, "channel");
  if (!channel) return to_field_error(channel.err());
  domain::send_chat_message cmd{string_arg(c, "text"), optional_string_arg(c, "replyTo")};
  const auto& ctx = context_of(c);
  return run_command(c, *channel, ctx.command("sendChatMessage", string_arg(c, "idempotencyKey")),
                     domain::chat_command{cmd},
                     [channel = *channel, cmd, viewer = ctx.viewer, now = ctx.services.clock(),
                      name = ctx.auth.user ? ctx.auth.user->name : std::string()](const command_outcome& o)
                         -> field_result {
                       if (o.event) return chat_event_value(*o.event);
                       // A retry answered from the log after a restart: what
                       // the command said is what was stored.
                       graphql::property_object m;
                       m.add("id", value(o.first_event_id.to_string()));
                       m.add("sequence", value(o.version));
                       m.add("cursor", value(cursor_of(o.version)));
                       m.add("channel", channel_value(channel));
                       m.add("sender", user_value(viewer));
                       m.add("displayName", value(name.empty() ? viewer : name));
                       m.add("text", value(cmd.text));
                       m.add("replyTo", cmd.reply_to ? value(*cmd.reply_to) : value());
                       m.add("badges", value::list(std::vector<value>{}));
                       m.add("sentAt", time_value(now));
                       return value::properties(std::move(m), "ChatMessage");
                     });
}

// A moderation command answering true when it changed something.
template <class Command>
field_result moderate(const field_call& c, std::string_view mutation, Command cmd) {
  if (auto v = require_viewer(c); !v) return to_field_error(v.err());
  auto channel = login_arg(c, "channel");
  if (!channel) return to_field_error(channel.err());
  return run_command(c, *channel, context_of(c).command(mutation), domain::chat_command{std::move(cmd)},
                     [](const command_outcome& o) -> field_result { return value(o.events > 0); });
}

field_result set_modes(const field_call& c) {
  if (auto v = require_viewer(c); !v) return to_field_error(v.err());
  auto channel = login_arg(c, "channel");
  if (!channel) return to_field_error(channel.err());
  const auto& a = c.args();
  domain::set_chat_modes cmd{a.get_int("slowModeSeconds"), a.get_int("followersOnlyMinutes"),
                             a.get_bool("subscribersOnly"), a.get_bool("emoteOnly")};
  return run_command(c, *channel, context_of(c).command("setChatModes"), domain::chat_command{cmd},
                     [channel = *channel](const command_outcome&) -> field_result {
                       return chat_room_value(channel);
                     });
}

}  // namespace

result<void> bind_chat_mutations(graphql::resolver_map& map) {
  const result<void> steps[] = {
      map.bind("Mutation", "sendChatMessage", send_message),
      map.bind("Mutation", "deleteChatMessage",
               [](const field_call& c) {
                 return moderate(c, "deleteChatMessage", domain::delete_chat_message{string_arg(c, "messageId")});
               }),
      map.bind("Mutation", "clearChat",
               [](const field_call& c) { return moderate(c, "clearChat", domain::clear_chat{}); }),
      map.bind("Mutation", "timeoutUser",
               [](const field_call& c) {
                 return moderate(c, "timeoutUser",
                                 domain::timeout_user{string_arg(c, "login"),
                                                      c.args().get_int("seconds").value_or(600),
                                                      string_arg(c, "reason")});
               }),
      map.bind("Mutation", "banUser",
               [](const field_call& c) {
                 return moderate(c, "banUser", domain::ban_user{string_arg(c, "login"), string_arg(c, "reason")});
               }),
      map.bind("Mutation", "unbanUser",
               [](const field_call& c) { return moderate(c, "unbanUser", domain::unban_user{string_arg(c, "login")}); }),
      map.bind("Mutation", "setChatModes", set_modes),
  };
  for (const auto& step : steps)
    if (!step) return step;
  return {};
}

}  // namespace streamhub::gateway::api
