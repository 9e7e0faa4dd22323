#pragma once
// Who is listening for live notifications on this node: user login ->
// subscribers. Sharded so that fan-out to thousands of recipients and
// (un)subscribing sessions rarely contend.
//
// Thread-safe.

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "actors/notifications/notification_subscriber.hpp"

namespace streamhub::actors {

class notification_hub {
 public:
  std::uint64_t add(std::string_view login, std::shared_ptr<notification_subscriber> subscriber);
  void remove(std::string_view login, std::uint64_t id);

  /// Delivers `event` to every subscriber of `login`; returns how many got it.
  std::size_t deliver(std::string_view login, const published_event_ptr& event);

  std::size_t subscriber_count() const;

 private:
  static constexpr std::size_t kShards = 32;
  struct entry {
    std::uint64_t id;
    std::shared_ptr<notification_subscriber> subscriber;
  };
  struct shard {
    mutable std::mutex mutex;
    std::unordered_map<std::string, std::vector<entry>> by_login;
  };
  shard& shard_for(std::string_view login);

  std::array<shard, kShards> shards_;
  std::atomic<std::uint64_t> next_id_{1};
};

}  // namespace streamhub::actors
