#include "gateway/api/read_values.hpp"

#include <memory>
#include <variant>

#include "gateway/api/values.hpp"

namespace streamhub::gateway::api {

using graphql::property_object;
using graphql::value;
namespace rows = projections::read;

value user_value_of(const user_refs& users, const std::string& login) {
  auto it = users.find(login);
  return it != users.end() ? user_value(it->second) : user_value(login);
}

user_ref user_ref_of(const rows::user_row& row, const std::string& viewer) {
  if (row.login == viewer) return user_ref{row.login, row.display_name, nullptr};
  auto view = std::make_shared<user_view>();
  view->exists = true;
  view->id = row.login;
  view->login = row.login_as_typed;
  view->display_name = row.display_name;
  view->bio = row.bio;
  view->email = row.email;
  view->created_at_us = row.created_at_us;
  view->admin = row.is_admin;
  return user_ref{row.login, row.display_name, std::move(view)};
}

value chat_message_value(const rows::chat_message_row& row, const user_refs& users) {
  property_object o;
  o.add("id", value(row.id));
  o.add("sequence", value(row.sequence));
  // The subscription cursor: chatMessages(after:) resumes right after it.
  o.add("cursor", value(cursor_of(row.sequence)));
  o.add("channel", channel_value(row.channel));
  auto sender = users.find(row.sender);
  // The name shown is the one the message was sent with.
  o.add("sender",
        user_value(sender != users.end() ? sender->second : user_ref{row.sender, row.display_name, nullptr}));
  o.add("displayName", value(row.display_name));
  o.add("text", value(row.text));
  o.add("replyTo", row.reply_to ? value(*row.reply_to) : value());
  std::vector<value> badges;
  badges.reserve(row.badges.size());
  for (const auto& b : row.badges) badges.emplace_back(b);
  o.add("badges", value::list(std::move(badges)));
  o.add("sentAt", time_value(row.sent_at_us));
  return value::properties(std::move(o), "ChatMessage");
}

value follow_value(const rows::follow_row& row, const user_refs& users) {
  property_object o;
  o.add("user", user_value_of(users, row.follower));
  o.add("channel", channel_value(row.channel));
  o.add("followedAt", time_value(row.followed_at_us));
  return value::properties(std::move(o), "Follow");
}

namespace {

std::string_view kind_name(rows::notification_kind kind) {
  switch (kind) {
    case rows::notification_kind::stream_live:
      return "STREAM_LIVE";
    case rows::notification_kind::new_follower:
      return "NEW_FOLLOWER";
    case rows::notification_kind::raid_incoming:
      return "RAID_INCOMING";
    case rows::notification_kind::new_subscription:
      return "NEW_SUBSCRIPTION";
  }
  return "STREAM_LIVE";
}

}  // namespace

value notification_value(const rows::notification_row& row, const user_refs& users) {
  // The same shape the notifications subscription delivers.
  property_object o;
  o.add("id", value(row.recipient + ":" + std::to_string(row.position)));
  o.add("kind", value::enum_value(kind_name(row.kind)));
  o.add("channel", channel_value(row.channel));
  o.add("actor", row.actor ? user_value_of(users, *row.actor) : value());
  o.add("text", value(row.text));
  o.add("createdAt", time_value(row.created_at_us));
  o.add("read", value(row.read));
  o.add("position", value(std::to_string(row.position)));
  return value::properties(std::move(o), "Notification");
}

value post_value(const rows::post_row& row, const user_refs& users) {
  property_object o;
  o.add("id", value(row.id));
  o.add("author", user_value_of(users, row.author));
  o.add("text", value(row.text));
  o.add("createdAt", time_value(row.created_at_us));
  return value::properties(std::move(o), "Post");
}

value stream_session_value(const rows::stream_session_row& row) {
  property_object o;
  o.add("id", value(row.id));
  o.add("channel", channel_value(row.channel));
  o.add("title", value(row.title));
  o.add("category", value(row.category));
  o.add("startedAt", time_value(row.started_at_us));
  o.add("endedAt", row.ended_at_us ? time_value(*row.ended_at_us) : value());
  o.add("peakViewers", value(row.peak_viewers));
  o.add("messages", value(row.messages));
  o.add("uniqueChatters", value(row.unique_chatters));
  o.add("newFollowers", value(row.new_followers));
  o.add("subscriptions", value(row.subscriptions));
  return value::properties(std::move(o), "StreamSession");
}

value search_hit_value(const rows::search_hit& hit, const user_refs& users, const std::string& viewer) {
  struct visitor {
    const user_refs& users;
    const std::string& viewer;
    value operator()(const rows::user_row& u) const { return user_value(user_ref_of(u, viewer)); }
    value operator()(const rows::channel_row& c) const { return channel_value(c.login); }
    value operator()(const rows::post_row& p) const { return post_value(p, users); }
  };
  return std::visit(visitor{users, viewer}, hit.node);
}

}  // namespace streamhub::gateway::api
