#pragma once
// The node's relays, one per entity topic with subscribers: created by the
// first subscription to a topic, dropped (and the entity left to passivate)
// when the last one leaves.
//
// Thread-safety: every method from any thread.

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "gateway/api/relay/topic_relay.hpp"

namespace streamhub::gateway::api {

class relay_hub {
 public:
  explicit relay_hub(actors::runtime& runtime) : runtime_(runtime) {}

  /// Joins the relay of `stream_id` (making it if needed). REQUIRES: on
  /// r.thread. Never null.
  std::shared_ptr<membership> join(const std::string& stream_id, topic_relay::join_request r);

  std::size_t relay_count() const;

 private:
  void remove(const std::string& stream_id, const topic_relay* relay);

  actors::runtime& runtime_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<topic_relay>> relays_;
};

}  // namespace streamhub::gateway::api
