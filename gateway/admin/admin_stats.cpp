#include "gateway/admin/admin_stats.hpp"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "actors/runtime.hpp"

namespace streamhub::gateway::admin {

using json = nlohmann::ordered_json;

void append_rate::sample(clock::time_point now, log_position head) {
  std::lock_guard lock(mutex_);
  if (samples_.empty()) first_ = now;
  samples_.emplace_back(now, head);
  while (samples_.size() > 2 && now - samples_.front().first > std::chrono::minutes(1)) samples_.pop_front();
}

double append_rate::per_second() const {
  std::lock_guard lock(mutex_);
  if (samples_.size() < 2) return 0;
  const auto& [t0, h0] = samples_.front();
  const auto& [t1, h1] = samples_.back();
  const double seconds = std::chrono::duration<double>(t1 - t0).count();
  return seconds > 0 ? static_cast<double>(h1 - h0) / seconds : 0;
}

append_rate::clock::duration append_rate::uptime(clock::time_point now) const {
  std::lock_guard lock(mutex_);
  return samples_.empty() ? clock::duration{} : now - first_;
}

json stats_json(actors::runtime& rt, const append_rate& rate) {
  const auto s = rt.stats();
  std::int64_t total = 0;
  const actors::active_entity* deepest = nullptr;
  const auto entities = rt.active_entities();
  for (const auto& e : entities) {
    total += e.mailbox;
    if (deepest == nullptr || e.mailbox > deepest->mailbox) deepest = &e;
  }
  const double rate_now = std::round(rate.per_second() * 10) / 10;
  return json{
      {"uptime_s", std::chrono::duration_cast<std::chrono::seconds>(rate.uptime(append_rate::clock::now())).count()},
      {"actors", {{"user", s.active_users}, {"channel", s.active_channels}, {"chat", s.active_chats}}},
      {"mailboxes",
       {{"total", total},
        {"deepest", deepest != nullptr ? deepest->mailbox : 0},
        {"deepest_id", deepest != nullptr ? deepest->id : std::string()}}},
      {"log", {{"head", rt.log().head_position()}, {"append_rate_per_s", rate_now}}},
      {"runtime",
       {{"activations", s.activations},
        {"passivations", s.passivations},
        {"commands", s.commands},
        {"appends", s.appends},
        {"append_failures", s.append_failures},
        {"events_published", s.events_published}}},
      {"subscriptions",
       {{"entity", s.subscriptions}, {"notifications", s.notification_subscribers}}},
  };
}

void add_sessions(json& stats, const std::vector<session_info>& sessions) {
  std::size_t http = 0, ws = 0, operations = 0;
  for (const auto& x : sessions) {
    (x.transport == "ws" ? ws : http) += 1;
    operations += x.operations;
  }
  stats["connections"] = json{{"http", http}, {"ws", ws}};
  stats["subscriptions"]["graphql"] = operations;
}

}  // namespace streamhub::gateway::admin
