#include "tests/projections/random_scenario.hpp"

#include <algorithm>

namespace streamhub::projections::testing {

using namespace domain;

random_scenario::random_scenario(log_writer& w, std::uint32_t seed, int users, std::string prefix)
    : write_(w), random_(seed), max_users_(users), prefix_(std::move(prefix)) {}

bool random_scenario::chance(int percent) {
  return std::uniform_int_distribution<int>(0, 99)(random_) < percent;
}

const std::string& random_scenario::pick(const std::vector<std::string>& from) {
  return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(random_)];
}

appended random_scenario::run(int n) {
  appended last;
  for (int i = 0; i < n; ++i) last = step();
  return last;
}

appended random_scenario::step() {
  ++counter_;
  if (users_.empty() ||
      (static_cast<int>(users_.size()) < max_users_ && chance(10))) {
    return register_user();
  }
  const std::string login = pick(users_);
  const int kind = std::uniform_int_distribution<int>(0, 9)(random_);
  if (kind < 3) return channel_step(login);
  if (kind < 7) return chat_step(login);
  return user_step(login);
}

appended random_scenario::register_user() {
  const std::string login = prefix_ + "user" + std::to_string(users_.size());
  users_.push_back(login);
  return write_.user(login, user_registered{login, login + "@example.com",
                                            "User " + std::to_string(users_.size()), "h"});
}

appended random_scenario::channel_step(const std::string& channel) {
  const std::string& other = pick(users_);
  const std::string actor = "user:" + other;
  const bool live = live_.count(channel) > 0;
  switch (std::uniform_int_distribution<int>(0, 7)(random_)) {
    case 0:
    case 1:
      if (other != channel && follows_.insert({channel, other}).second) {
        return write_.channel(channel, follower_added{other}, actor);
      }
      if (other != channel) {
        follows_.erase({channel, other});
        return write_.channel(channel, follower_removed{other}, actor);
      }
      break;
    case 2:
      if (!live) {
        const auto went = write_.channel(
            channel, stream_went_live{"Stream " + std::to_string(counter_), "Games"},
            "user:" + channel);
        live_[channel] = went.id_text();
        return went;
      } else {
        const std::string session = live_[channel];
        live_.erase(channel);
        return write_.channel(channel, stream_went_offline{session, 60, 10}, "user:" + channel);
      }
    case 3:
      if (live) {
        return write_.channel(channel,
                              viewers_sampled{std::uniform_int_distribution<std::uint64_t>(
                                  0, 500)(random_)});
      }
      break;
    case 4: {
      subscription_added sub;
      sub.user = other;
      sub.tier = std::uniform_int_distribution<int>(1, 3)(random_);
      sub.expires_at_us = write_.now_us + 30LL * 24 * 3600 * 1'000'000;
      return write_.channel(channel, sub, actor);
    }
    case 5:
      if (other != channel) {
        return write_.channel(
            channel, raid_received{"raid-" + std::to_string(counter_), other, 5}, actor);
      }
      break;
    case 6:
      if (live) {
        return write_.channel(channel,
                              stream_updated{"Renamed " + std::to_string(counter_), "Talk"},
                              "user:" + channel);
      }
      break;
    default:
      break;
  }
  return chat_step(channel);
}

appended random_scenario::chat_step(const std::string& room) {
  const std::string& user = pick(users_);
  auto& ids = messages_[room];
  const int kind = std::uniform_int_distribution<int>(0, 19)(random_);
  if (kind == 0 && !ids.empty()) {
    const auto it = ids.begin() + std::uniform_int_distribution<std::ptrdiff_t>(
                                      0, static_cast<std::ptrdiff_t>(ids.size()) - 1)(random_);
    const std::string id = *it;
    ids.erase(it);
    return write_.chat(room, chat_message_deleted{id}, "user:" + room);
  }
  if (kind == 1 && chance(30)) {
    ids.clear();
    return write_.chat(room, chat_cleared{}, "user:" + room);
  }
  if (kind == 2) {
    return write_.chat(room, user_timed_out{user, 60, write_.now_us + 60'000'000, "calm down"},
                       "user:" + room);
  }
  if (kind == 3 && user != room) {
    if (banned_.insert({room, user}).second) {
      return write_.chat(room, user_banned{user, "rude"}, "user:" + room);
    }
    banned_.erase({room, user});
    return write_.chat(room, user_unbanned{user}, "user:" + room);
  }
  std::optional<std::string> reply;
  if (!ids.empty() && chance(20)) reply = ids.back();
  const auto posted = write_.chat(
      room,
      chat_message_posted{user, "User " + user, "message " + std::to_string(counter_), reply,
                          chance(30) ? std::vector<std::string>{"subscriber"}
                                     : std::vector<std::string>{}},
      "user:" + user);
  ids.push_back(posted.id_text());
  return posted;
}

appended random_scenario::user_step(const std::string& login) {
  auto& posts = posts_[login];
  switch (std::uniform_int_distribution<int>(0, 4)(random_)) {
    case 0:
      if (!posts.empty()) {
        const std::string id = posts.front();
        posts.erase(posts.begin());
        return write_.user(login, post_deleted{id});
      }
      [[fallthrough]];
    case 1: {
      const auto posted = write_.user(login, post_created{"post " + std::to_string(counter_)});
      posts.push_back(posted.id_text());
      return posted;
    }
    case 2:
      return write_.user(login, notifications_read{static_cast<std::uint64_t>(counter_)});
    case 3:
      return write_.user(login, profile_updated{"Name " + std::to_string(counter_),
                                                chance(50) ? std::optional<std::string>("bio")
                                                           : std::nullopt});
    default:
      return chat_step(login);
  }
}

}  // namespace streamhub::projections::testing
