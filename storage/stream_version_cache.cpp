#include "storage/stream_version_cache.hpp"

namespace streamhub::storage {

std::optional<event_number> stream_version_cache::find(std::string_view stream_id) {
  auto it = index_.find(stream_id);
  if (it == index_.end()) return std::nullopt;
  order_.splice(order_.begin(), order_, it->second);
  return it->second->second;
}

void stream_version_cache::put(std::string_view stream_id, event_number version) {
  if (auto it = index_.find(stream_id); it != index_.end()) {
    it->second->second = version;
    order_.splice(order_.begin(), order_, it->second);
    return;
  }
  if (index_.size() >= capacity_) {
    // Reuse the evicted node: no allocation once the cache is full.
    auto last = std::prev(order_.end());
    index_.erase(last->first);
    last->first.assign(stream_id);
    last->second = version;
    order_.splice(order_.begin(), order_, last);
  } else {
    order_.emplace_front(std::string(stream_id), version);
  }
  index_.emplace(order_.front().first, order_.begin());
}

}  // namespace streamhub::storage
