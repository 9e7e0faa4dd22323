#pragma once
// Which entity actor owns which entity id in this process: at most one live
// actor per id, activated on first use (virtual actors).
//
// Lookups take one shard's mutex (ids hash to 64 shards), so concurrent
// callers rarely contend and no actor sits on the routing path. An actor
// removes its own entry before it stops (passivation or failure); a message
// that reaches an actor already stopping is dropped, and its sender retries
// through here, which activates a fresh actor that recovers from the log.
//
// Thread-safe.

#include <array>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include <caf/actor.hpp>
#include <caf/actor_addr.hpp>

#include "actors/runtime/entity_stats.hpp"

namespace streamhub::actors {

class entity_registry {
 public:
  struct entry {
    caf::actor actor;
    std::shared_ptr<entity_stats> stats;
  };
  /// Spawns (without running it yet) the actor for an id.
  using spawner = std::function<caf::actor(const std::string& id, std::shared_ptr<entity_stats>)>;

  explicit entity_registry(spawner spawn);

  /// The live actor for `id`, spawning one when none is registered.
  entry get_or_activate(const std::string& id);

  /// The live actor for `id`, if any; never spawns.
  std::optional<entry> find(const std::string& id) const;

  /// Removes `id` if it is still registered to `actor`; returns whether it was.
  bool remove_if_same(const std::string& id, const caf::actor_addr& actor);

  std::size_t size() const;

  /// Visits every entry (one shard locked at a time: a consistent view per
  /// shard, not across shards). `visit` must not call back into the registry.
  void for_each(const std::function<void(const std::string& id, const entry&)>& visit) const;

 private:
  static constexpr std::size_t kShards = 64;
  struct shard {
    mutable std::mutex mutex;
    std::unordered_map<std::string, entry> entries;
  };
  shard& shard_for(std::string_view id);
  const shard& shard_for(std::string_view id) const;

  spawner spawn_;
  std::array<shard, kShards> shards_;
};

}  // namespace streamhub::actors
