#pragma once
// An event_subscriber that records what it is given, for assertions.

#include <optional>
#include <vector>

#include "actors/runtime/event_subscriber.hpp"

namespace streamhub::actors::testing {

class recording_subscriber final : public event_subscriber {
 public:
  bool on_events(std::span<const published_event_ptr> events) override {
    received.insert(received.end(), events.begin(), events.end());
    return keep_subscribed;
  }
  void on_viewer_count(std::uint64_t viewers) override { viewer_counts.push_back(viewers); }
  void on_closed(const error& reason) override { closed = reason; }

  std::vector<event_number> versions() const {
    std::vector<event_number> out;
    for (const auto& e : received) out.push_back(e->envelope.version);
    return out;
  }

  std::vector<published_event_ptr> received;
  std::vector<std::uint64_t> viewer_counts;
  std::optional<error> closed;
  bool keep_subscribed = true;
};

}  // namespace streamhub::actors::testing
