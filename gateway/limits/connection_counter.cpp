#include "gateway/limits/connection_counter.hpp"

#include <functional>
#include <utility>

namespace streamhub::gateway::limits {

connection_lease::connection_lease(connection_lease&& other) noexcept
    : counter_(std::exchange(other.counter_, nullptr)), key_(std::move(other.key_)) {}

connection_lease& connection_lease::operator=(connection_lease&& other) noexcept {
  if (this != &other) {
    release();
    counter_ = std::exchange(other.counter_, nullptr);
    key_ = std::move(other.key_);
  }
  return *this;
}

connection_lease::~connection_lease() { release(); }

void connection_lease::release() noexcept {
  if (counter_ != nullptr) std::exchange(counter_, nullptr)->release(key_);
}

connection_counter::shard& connection_counter::shard_for(std::string_view key) const {
  return shards_[std::hash<std::string_view>{}(key) % shard_count];
}

connection_lease connection_counter::try_acquire(std::string_view key) {
  shard& s = shard_for(key);
  std::lock_guard lock(s.mutex);
  std::size_t& count = s.counts[std::string(key)];
  if (cap_ != 0 && count >= cap_) return {};
  ++count;
  return connection_lease(this, std::string(key));
}

std::size_t connection_counter::count(std::string_view key) const {
  shard& s = shard_for(key);
  std::lock_guard lock(s.mutex);
  const auto it = s.counts.find(std::string(key));
  return it == s.counts.end() ? 0 : it->second;
}

void connection_counter::release(const std::string& key) noexcept {
  shard& s = shard_for(key);
  std::lock_guard lock(s.mutex);
  const auto it = s.counts.find(key);
  if (it != s.counts.end() && --it->second == 0) s.counts.erase(it);
}

}  // namespace streamhub::gateway::limits
