#include "actors/runtime/entity_registry.hpp"

namespace streamhub::actors {

entity_registry::entity_registry(spawner spawn) : spawn_(std::move(spawn)) {}

entity_registry::shard& entity_registry::shard_for(std::string_view id) {
  return shards_[std::hash<std::string_view>{}(id) % kShards];
}

const entity_registry::shard& entity_registry::shard_for(std::string_view id) const {
  return shards_[std::hash<std::string_view>{}(id) % kShards];
}

entity_registry::entry entity_registry::get_or_activate(const std::string& id) {
  auto& s = shard_for(id);
  std::lock_guard<std::mutex> guard{s.mutex};
  auto it = s.entries.find(id);
  if (it != s.entries.end()) return it->second;
  auto stats = std::make_shared<entity_stats>();
  entry e{spawn_(id, stats), stats};
  s.entries.emplace(id, e);
  return e;
}

std::optional<entity_registry::entry> entity_registry::find(const std::string& id) const {
  const auto& s = shard_for(id);
  std::lock_guard<std::mutex> guard{s.mutex};
  auto it = s.entries.find(id);
  if (it == s.entries.end()) return std::nullopt;
  return it->second;
}

bool entity_registry::remove_if_same(const std::string& id, const caf::actor_addr& actor) {
  auto& s = shard_for(id);
  std::lock_guard<std::mutex> guard{s.mutex};
  auto it = s.entries.find(id);
  if (it == s.entries.end() || it->second.actor.address() != actor) return false;
  s.entries.erase(it);
  return true;
}

std::size_t entity_registry::size() const {
  std::size_t n = 0;
  for (const auto& s : shards_) {
    std::lock_guard<std::mutex> guard{s.mutex};
    n += s.entries.size();
  }
  return n;
}

void entity_registry::for_each(
    const std::function<void(const std::string&, const entry&)>& visit) const {
  for (const auto& s : shards_) {
    std::lock_guard<std::mutex> guard{s.mutex};
    for (const auto& [id, e] : s.entries) visit(id, e);
  }
}

}  // namespace streamhub::actors
