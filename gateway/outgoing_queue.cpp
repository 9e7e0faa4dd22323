#include "gateway/outgoing_queue.hpp"

namespace streamhub::gateway {

bool outgoing_queue::push(outgoing_frame frame, std::size_t max_bytes, std::size_t max_frames) {
  const std::size_t size = frame.size();
  if (!empty()) {
    if (max_frames != 0 && this->size() >= max_frames) return false;
    if (max_bytes != 0 && bytes_ + size > max_bytes) return false;
  }
  // Reclaim the popped slots once they are half the vector, so a connection
  // that never fully drains does not grow its storage forever.
  if (head_ >= 16 && head_ * 2 >= frames_.size()) {
    frames_.erase(frames_.begin(), frames_.begin() + static_cast<std::ptrdiff_t>(head_));
    head_ = 0;
  }
  bytes_ += size;
  frames_.push_back(std::move(frame));
  return true;
}

void outgoing_queue::pop() noexcept {
  bytes_ -= frames_[head_].size();
  frames_[head_] = {};
  if (++head_ == frames_.size()) {
    frames_.clear();
    head_ = 0;
  }
}

void outgoing_queue::drop_waiting() noexcept {
  if (empty()) return;
  for (std::size_t i = head_ + 1; i < frames_.size(); ++i) bytes_ -= frames_[i].size();
  frames_.resize(head_ + 1);
}

void outgoing_queue::release_if_empty() noexcept {
  if (empty()) {
    frames_ = {};
    head_ = 0;
  }
}

}  // namespace streamhub::gateway
