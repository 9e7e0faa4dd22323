#pragma once
// A bounded map from stream id to its current version, least recently used
// out first. The append writer checks expected versions against it and goes
// to the store only on a miss.
//
// Thread-safety: none; owned by one thread (the append writer).

#include <cstddef>
#include <list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "protocol/event_envelope.hpp"

namespace streamhub::storage {

class stream_version_cache {
 public:
  /// REQUIRES: capacity > 0.
  explicit stream_version_cache(std::size_t capacity) : capacity_(capacity) {}

  /// The cached version of `stream_id`, marking it recently used.
  std::optional<event_number> find(std::string_view stream_id);

  /// Sets `stream_id`'s version, evicting the least recently used entry when
  /// full.
  void put(std::string_view stream_id, event_number version);

  std::size_t size() const noexcept { return index_.size(); }

 private:
  using entry = std::pair<std::string, event_number>;
  std::size_t capacity_;
  std::list<entry> order_;  // most recently used first
  // Keys view the strings owned by order_'s nodes, which never move.
  std::unordered_map<std::string_view, std::list<entry>::iterator> index_;
};

}  // namespace streamhub::storage
