#include "gateway/api/entity_views.hpp"

namespace streamhub::gateway::api {

user_view user_view::of(std::string_view id, const actors::user_state& s) {
  user_view v;
  v.exists = s.registered;
  v.id = std::string(id);
  v.login = s.login;
  v.display_name = s.display_name;
  v.bio = s.bio;
  v.email = s.email;
  v.created_at_us = s.created_at_us;
  v.admin = s.is_admin();
  v.blocked.assign(s.blocked.begin(), s.blocked.end());
  return v;
}

channel_view channel_view::of(std::string_view id, const actors::channel_state& s,
                              std::string_view viewer, std::int64_t now_us) {
  channel_view v;
  v.exists = s.owner_registered();
  v.id = std::string(id);
  v.live = s.live;
  v.title = s.title;
  v.category = s.category;
  v.started_at_us = s.live_since_us;
  v.viewers = s.presence.viewers;
  v.followers = s.followers.size();
  v.moderators.assign(s.moderators.begin(), s.moderators.end());
  if (!viewer.empty()) {
    v.viewer_follows = s.followed_at(viewer) >= 0;
    if (s.is_subscriber(viewer, now_us)) v.viewer_subscription = s.subscribers.at(std::string(viewer));
  }
  return v;
}

chat_view chat_view::of(std::string_view id, const actors::chat_state& s) {
  chat_view v;
  v.exists = s.chan().owner_registered();
  v.id = std::string(id);
  v.modes = s.mode;
  return v;
}

}  // namespace streamhub::gateway::api
