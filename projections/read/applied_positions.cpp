#include "projections/read/applied_positions.hpp"

#include <algorithm>
#include <limits>

namespace streamhub::projections::read {

void applied_positions::publish(read_model model, log_position position) {
  auto& slot = positions_[static_cast<std::size_t>(model)];
  log_position current = slot.load(std::memory_order_relaxed);
  while (current < position &&
         !slot.compare_exchange_weak(current, position, std::memory_order_release,
                                     std::memory_order_relaxed)) {
  }
  if (current >= position) return;
  std::lock_guard lock(listeners_mutex_);
  for (const auto& [id, l] : listeners_) l();
}

log_position applied_positions::position(read_model model) const noexcept {
  return positions_[static_cast<std::size_t>(model)].load(std::memory_order_acquire);
}

log_position applied_positions::min_position(read_model_set models) const noexcept {
  log_position lowest = std::numeric_limits<log_position>::max();
  bool any = false;
  for (std::size_t i = 0; i < read_model_count; ++i) {
    const auto m = static_cast<read_model>(i);
    if (!models.contains(m)) continue;
    any = true;
    lowest = std::min(lowest, position(m));
  }
  return any ? lowest : 0;
}

bool applied_positions::reached(log_position position, read_model_set models) const noexcept {
  return models.empty() || min_position(models) >= position;
}

std::uint64_t applied_positions::add_listener(listener l) {
  std::lock_guard lock(listeners_mutex_);
  const auto id = next_id_++;
  listeners_.emplace(id, std::move(l));
  return id;
}

void applied_positions::remove_listener(std::uint64_t id) {
  std::lock_guard lock(listeners_mutex_);
  listeners_.erase(id);
}

}  // namespace streamhub::projections::read
