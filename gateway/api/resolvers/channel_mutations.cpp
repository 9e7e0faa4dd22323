// Follows, going live, raids, subscriptions and moderators: commands to a
// channel actor. Owner-only rules are the channel's (actors/entities/
// channel_entity.hpp); the API only needs a logged-in caller.
#include "gateway/api/resolvers/bindings.hpp"
#include "gateway/api/resolvers/resolver_support.hpp"

namespace streamhub::gateway::api {

namespace {

using graphql::field_call;
using graphql::field_result;
using graphql::value;
using actors::command_outcome;

// A command to channel `channel` answering the Channel.
template <class Command>
field_result to_channel(const field_call& c, const std::string& channel, std::string_view mutation,
                        Command cmd, std::string_view key = {}) {
  return run_command(c, channel, context_of(c).command(mutation, key), domain::channel_command{std::move(cmd)},
                     [channel](const command_outcome&) -> field_result { return channel_value(channel); });
}

field_result follow(const field_call& c) {
  if (auto v = require_viewer(c); !v) return to_field_error(v.err());
  auto channel = login_arg(c, "channel");
  if (!channel) return to_field_error(channel.err());
  return to_channel(c, *channel, "followChannel", domain::follow_channel{});
}

field_result unfollow(const field_call& c) {
  if (auto v = require_viewer(c); !v) return to_field_error(v.err());
  auto channel = login_arg(c, "channel");
  if (!channel) return to_field_error(channel.err());
  return to_channel(c, *channel, "unfollowChannel", domain::unfollow_channel{});
}

field_result go_live(const field_call& c) {
  auto channel = require_viewer(c);  // The broadcaster's own channel.
  if (!channel) return to_field_error(channel.err());
  return to_channel(c, *channel, "goLive", domain::go_live{string_arg(c, "title"), string_arg(c, "category")});
}

field_result update_stream(const field_call& c) {
  auto channel = require_viewer(c);  // The broadcaster's own channel.
  if (!channel) return to_field_error(channel.err());
  return to_channel(c, *channel, "updateStream",
                    domain::update_stream{optional_string_arg(c, "title"), optional_string_arg(c, "category")});
}

field_result go_offline(const field_call& c) {
  auto channel = require_viewer(c);  // The broadcaster's own channel.
  if (!channel) return to_field_error(channel.err());
  return to_channel(c, *channel, "goOffline", domain::go_offline{});
}

field_result raid(const field_call& c) {
  auto channel = require_viewer(c);  // The broadcaster's own channel.
  if (!channel) return to_field_error(channel.err());
  return to_channel(c, *channel, "raid", domain::start_raid{string_arg(c, "target")});
}

field_result subscribe(const field_call& c) {
  auto viewer = require_viewer(c);
  if (!viewer) return to_field_error(viewer.err());
  auto channel = login_arg(c, "channel");
  if (!channel) return to_field_error(channel.err());
  const int tier = static_cast<int>(c.args().get_int("tier").value_or(1));
  auto recipient = optional_string_arg(c, "recipient");
  std::string subscriber = *viewer;
  if (recipient) {
    auto r = domain::normalize_login(*recipient);
    if (!r) return to_field_error(r.err());
    subscriber = *r;
  }
  return run_command(c, *channel, context_of(c).command("subscribe", string_arg(c, "idempotencyKey")),
                     domain::channel_command{domain::subscribe_channel{tier, recipient}},
                     [channel = *channel, subscriber](const command_outcome& o) -> field_result {
                       const auto* event = o.event ? std::get_if<domain::channel_event>(&o.event->event) : nullptr;
                       const auto* added = event ? std::get_if<domain::subscription_added>(event) : nullptr;
                       graphql::property_object sub;
                       sub.add("channel", channel_value(channel));
                       sub.add("subscriber", user_value(subscriber));
                       sub.add("tier", value(added ? added->tier : 1));
                       sub.add("cumulativeMonths", value(added ? added->cumulative_months : 1));
                       sub.add("expiresAt", time_value(added ? added->expires_at_us : 0));
                       return value::properties(std::move(sub), "ChannelSubscription");
                     });
}

// addModerator/removeModerator act on the viewer's channel, or (admins) on
// the one named.
template <class Command>
field_result moderator(const field_call& c, std::string_view mutation) {
  auto viewer = require_viewer(c);
  if (!viewer) return to_field_error(viewer.err());
  std::string channel = *viewer;
  if (c.args().get_string("channel")) {
    auto named = login_arg(c, "channel");
    if (!named) return to_field_error(named.err());
    channel = *named;
  }
  return to_channel(c, channel, mutation, Command{string_arg(c, "login")});
}

}  // namespace

result<void> bind_channel_mutations(graphql::resolver_map& map) {
  const result<void> steps[] = {
      map.bind("Mutation", "followChannel", follow),
      map.bind("Mutation", "unfollowChannel", unfollow),
      map.bind("Mutation", "goLive", go_live),
      map.bind("Mutation", "updateStream", update_stream),
      map.bind("Mutation", "goOffline", go_offline),
      map.bind("Mutation", "raid", raid),
      map.bind("Mutation", "subscribe", subscribe),
      map.bind("Mutation", "addModerator",
               [](const field_call& c) { return moderator<domain::add_moderator>(c, "addModerator"); }),
      map.bind("Mutation", "removeModerator",
               [](const field_call& c) { return moderator<domain::remove_moderator>(c, "removeModerator"); }),
  };
  for (const auto& step : steps)
    if (!step) return step;
  return {};
}

}  // namespace streamhub::gateway::api
