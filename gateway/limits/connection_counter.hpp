#pragma once
// Counts open connections per key (client IP, user id) against a cap. A
// connection holds a connection_lease; dropping the lease releases its slot.

#include <array>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace streamhub::gateway::limits {

class connection_counter;

/// One counted connection. Move-only; releases on destruction. Empty when
/// default-constructed or moved from.
class connection_lease {
 public:
  connection_lease() = default;
  connection_lease(connection_lease&& other) noexcept;
  connection_lease& operator=(connection_lease&& other) noexcept;
  ~connection_lease();

  explicit operator bool() const noexcept { return counter_ != nullptr; }
  /// The counted key (empty for an empty lease).
  const std::string& key() const noexcept { return key_; }

 private:
  friend class connection_counter;
  connection_lease(connection_counter* counter, std::string key) noexcept
      : counter_(counter), key_(std::move(key)) {}
  void release() noexcept;

  connection_counter* counter_ = nullptr;
  std::string key_;
};

/// Thread-safe (sharded mutexes). Must outlive every lease it hands out.
class connection_counter {
 public:
  /// `cap` connections per key; 0 = unlimited (still counted).
  explicit connection_counter(std::size_t cap) : cap_(cap) {}

  /// A lease, or an empty one when `key` is at the cap.
  connection_lease try_acquire(std::string_view key);

  /// Open connections of `key`.
  std::size_t count(std::string_view key) const;

  std::size_t cap() const noexcept { return cap_; }

 private:
  friend class connection_lease;
  static constexpr std::size_t shard_count = 16;
  struct shard {
    mutable std::mutex mutex;
    std::unordered_map<std::string, std::size_t> counts;
  };
  shard& shard_for(std::string_view key) const;
  void release(const std::string& key) noexcept;

  std::size_t cap_;
  mutable std::array<shard, shard_count> shards_;
};

}  // namespace streamhub::gateway::limits
