#include "actors/runtime/topic.hpp"

#include <algorithm>

namespace streamhub::actors {

void topic::add(std::uint64_t id, std::shared_ptr<event_subscriber> subscriber) {
  subscribers_.push_back({id, std::move(subscriber)});
}

bool topic::remove(std::uint64_t id) {
  auto it = std::find_if(subscribers_.begin(), subscribers_.end(),
                         [id](const entry& e) { return e.id == id; });
  if (it == subscribers_.end()) return false;
  subscribers_.erase(it);
  return true;
}

void topic::publish(std::span<const published_event_ptr> events) {
  if (events.empty()) return;
  if (ring_capacity_ > 0) {
    if (!ring_) ring_.emplace();
    for (const auto& e : events) {
      ring_->push_back(e);
      if (ring_->size() > ring_capacity_) ring_->pop_front();
    }
  }
  std::erase_if(subscribers_, [&](entry& e) { return !e.subscriber->on_events(events); });
}

void topic::publish_viewer_count(std::uint64_t viewers) {
  for (auto& e : subscribers_) e.subscriber->on_viewer_count(viewers);
}

std::optional<std::vector<published_event_ptr>> topic::recent_from(event_number from) const {
  std::vector<published_event_ptr> out;
  if (!ring_ || ring_->empty()) return std::nullopt;
  const event_number oldest = ring_->front()->envelope.version;
  const event_number newest = ring_->back()->envelope.version;
  if (from > newest) return out;
  if (from < oldest) return std::nullopt;
  out.assign(ring_->begin() + static_cast<std::ptrdiff_t>(from - oldest), ring_->end());
  return out;
}

void topic::close_all(const error& reason) {
  auto subscribers = std::move(subscribers_);
  subscribers_.clear();
  for (auto& e : subscribers) e.subscriber->on_closed(reason);
}

}  // namespace streamhub::actors
