#include "gateway/api/prepared_cache.hpp"

namespace streamhub::gateway::api {

graphql::outcome<prepared_cache::prepared_ptr> prepared_cache::get(
    std::string_view text, std::string_view operation_name,
    const std::function<graphql::outcome<prepared_ptr>()>& make) {
  std::string key;
  key.reserve(operation_name.size() + 1 + text.size());
  key.append(operation_name).push_back('\0');
  key.append(text);
  auto& s = shards_[std::hash<std::string>{}(key) % kShards];
  {
    std::lock_guard lock(s.mutex);
    if (auto it = s.entries.find(key); it != s.entries.end()) return it->second;
  }
  auto made = make();
  if (!made) return made;
  std::lock_guard lock(s.mutex);
  if (s.entries.size() >= per_shard_) s.entries.clear();
  s.entries.emplace(std::move(key), *made);
  return made;
}

}  // namespace streamhub::gateway::api
