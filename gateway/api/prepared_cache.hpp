#pragma once
// Prepared operations by (document text, operation name), so a document sent
// again is executed without preparing it again. Bounded; when a shard fills
// it starts over (documents a server sees are few and repeat).
//
// Thread-safety: every method from any thread.

#include <array>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "protocol/graphql/execution/prepared_operation.hpp"

namespace streamhub::gateway::api {

class prepared_cache {
 public:
  using prepared_ptr = std::shared_ptr<const graphql::prepared_operation>;

  explicit prepared_cache(std::size_t max_entries = 4096) : per_shard_(max_entries / kShards + 1) {}

  /// The cached operation, or make() cached (make() runs outside any lock).
  graphql::outcome<prepared_ptr> get(std::string_view text, std::string_view operation_name,
                                     const std::function<graphql::outcome<prepared_ptr>()>& make);

 private:
  static constexpr std::size_t kShards = 16;
  struct shard {
    std::mutex mutex;
    std::unordered_map<std::string, prepared_ptr> entries;
  };
  std::size_t per_shard_;
  std::array<shard, kShards> shards_;
};

}  // namespace streamhub::gateway::api
