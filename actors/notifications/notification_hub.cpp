#include "actors/notifications/notification_hub.hpp"

#include <algorithm>

namespace streamhub::actors {

notification_hub::shard& notification_hub::shard_for(std::string_view login) {
  return shards_[std::hash<std::string_view>{}(login) % kShards];
}

std::uint64_t notification_hub::add(std::string_view login,
                                    std::shared_ptr<notification_subscriber> subscriber) {
  const auto id = next_id_.fetch_add(1, std::memory_order_relaxed);
  auto& s = shard_for(login);
  std::lock_guard<std::mutex> guard{s.mutex};
  s.by_login[std::string(login)].push_back({id, std::move(subscriber)});
  return id;
}

void notification_hub::remove(std::string_view login, std::uint64_t id) {
  auto& s = shard_for(login);
  std::lock_guard<std::mutex> guard{s.mutex};
  auto it = s.by_login.find(std::string(login));
  if (it == s.by_login.end()) return;
  std::erase_if(it->second, [id](const entry& e) { return e.id == id; });
  if (it->second.empty()) s.by_login.erase(it);
}

std::size_t notification_hub::deliver(std::string_view login, const published_event_ptr& event) {
  // Copy the receivers out so no subscriber code runs under the shard lock.
  std::vector<entry> receivers;
  auto& s = shard_for(login);
  {
    std::lock_guard<std::mutex> guard{s.mutex};
    auto it = s.by_login.find(std::string(login));
    if (it == s.by_login.end()) return 0;
    receivers = it->second;
  }
  std::vector<std::uint64_t> gone;
  for (auto& r : receivers)
    if (!r.subscriber->on_notification(login, event)) gone.push_back(r.id);
  for (auto id : gone) remove(login, id);
  return receivers.size() - gone.size();
}

std::size_t notification_hub::subscriber_count() const {
  std::size_t n = 0;
  for (const auto& s : shards_) {
    std::lock_guard<std::mutex> guard{s.mutex};
    for (const auto& [login, v] : s.by_login) n += v.size();
  }
  return n;
}

}  // namespace streamhub::actors
