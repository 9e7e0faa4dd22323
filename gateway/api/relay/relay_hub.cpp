#include "gateway/api/relay/relay_hub.hpp"

namespace streamhub::gateway::api {

std::shared_ptr<membership> relay_hub::join(const std::string& stream_id,
                                            topic_relay::join_request r) {
  std::lock_guard lock(mutex_);
  for (;;) {
    auto& relay = relays_[stream_id];
    if (!relay) {
      // The relay tells the hub when it empties; it may have been replaced
      // by then, so the hub checks which relay it is.
      relay = std::make_shared<topic_relay>(
          stream_id, runtime_, [this, stream_id](const topic_relay* self) { remove(stream_id, self); });
    }
    if (auto m = relay->join(r)) return m;
    relays_.erase(stream_id);  // It emptied and closed meanwhile: make a new one.
  }
}

void relay_hub::remove(const std::string& stream_id, const topic_relay* relay) {
  std::lock_guard lock(mutex_);
  auto it = relays_.find(stream_id);
  if (it != relays_.end() && it->second.get() == relay) relays_.erase(it);
}

std::size_t relay_hub::relay_count() const {
  std::lock_guard lock(mutex_);
  return relays_.size();
}

}  // namespace streamhub::gateway::api
