#pragma once
// A WebSocket connection's outgoing frames, waiting for the one write in
// flight. Entries are small: two shared buffers and a static tail, so a
// `next` frame queued on ten thousand connections shares one payload.
//
// Caps on queued bytes and frames bound what a slow reader can pin; push
// refuses beyond them and the session closes the connection (1013).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace streamhub::gateway {

struct outgoing_frame {
  /// A whole frame, or the per-operation prefix of a next frame.
  std::shared_ptr<const std::string> head;
  /// The shared payload of a next frame; null otherwise.
  std::shared_ptr<const std::string> body;
  /// A constant suffix ("}" for next frames).
  std::string_view tail;
  /// A WebSocket ping control frame instead of a message.
  bool ping = false;

  std::size_t size() const noexcept {
    return (head ? head->size() : 0) + (body ? body->size() : 0) + tail.size();
  }
};

/// Not thread-safe: owned by one session on its I/O thread. The caps are
/// passed to push rather than stored: every connection has the same ones.
class outgoing_queue {
 public:
  /// Appends, or refuses (false) when the frame would pass `max_bytes` or
  /// `max_frames` (0 = unlimited). The first frame of an empty queue is
  /// always accepted.
  bool push(outgoing_frame frame, std::size_t max_bytes, std::size_t max_frames);

  bool empty() const noexcept { return head_ == frames_.size(); }
  std::size_t size() const noexcept { return frames_.size() - head_; }
  std::size_t bytes() const noexcept { return bytes_; }

  /// REQUIRES: !empty().
  const outgoing_frame& front() const noexcept { return frames_[head_]; }
  /// REQUIRES: !empty().
  void pop() noexcept;

  /// Drops every frame but the front one (which may be in flight).
  void drop_waiting() noexcept;

  /// Frees the storage of an empty queue (called when the connection idles,
  /// so steady traffic reuses it and idle connections hold none).
  void release_if_empty() noexcept;

 private:
  std::vector<outgoing_frame> frames_;
  std::size_t head_ = 0;
  std::size_t bytes_ = 0;
};

}  // namespace streamhub::gateway
