#pragma once
// The append-only event log: the system of record.
//
// Entities ("streams") are named by id ("user:alice"). Each append adds one or
// more events to one stream atomically, checks the stream's version first
// (optimistic concurrency), and assigns every event the next dense global
// log position. Implementations: rocksdb_event_log (disk), memory_event_log
// (tests), faulty_event_log (a wrapper that injects failures). All three pass
// tests/storage/event_log_contract.hpp.
//
// Thread-safety: every method may be called from any thread concurrently.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/error.hpp"
#include "protocol/event_envelope.hpp"
#include "protocol/expected_version.hpp"

namespace streamhub::storage {

/// An event as the caller proposes it. The log assigns position, version and
/// (when zero) timestamp.
struct proposed_event {
  /// Unique per event; also the idempotency key of the append it starts.
  event_id id;
  std::string type;
  std::uint32_t schema_version = 1;
  /// 0: the log stamps the time of the append.
  std::int64_t timestamp_us = 0;
  event_id causation_id;
  event_id correlation_id;
  std::string actor;
  std::string payload;
};

/// Where an acknowledged append landed. Positions and versions of one append
/// are contiguous: first..last.
struct append_result {
  event_number first_version = 0;
  event_number last_version = 0;
  log_position first_position = 0;
  log_position last_position = 0;
  /// True when the append was a retry of one already in the log: nothing was
  /// written, and the fields above describe the original.
  bool duplicate = false;

  friend bool operator==(const append_result&, const append_result&) = default;
};

struct snapshot {
  /// The entity version the state reflects.
  event_number version = 0;
  /// Version of the state's encoding, owned by the entity type.
  std::uint32_t schema_version = 1;
  std::string state;

  friend bool operator==(const snapshot&, const snapshot&) = default;
};

/// When an append is acknowledged.
enum class durability : std::uint8_t {
  /// After the write-ahead log is synced to disk (default). Concurrent appends
  /// share one write and one sync (group commit).
  sync,
  /// After the write reaches the OS; a machine crash may lose the last appends
  /// (a process crash does not).
  async,
};

class event_log {
 public:
  using append_callback = std::function<void(result<append_result>)>;
  /// Called with the new head position after events became durable.
  using append_listener = std::function<void(log_position head)>;
  /// Visits one event; return false to stop the scan early.
  using visitor = std::function<bool(const event_envelope&)>;

  virtual ~event_log() = default;

  /// Appends `events` (at least one) to `stream_id` if the stream's version
  /// matches `expected`. `done` is called exactly once, once the outcome is
  /// durable under the log's durability policy, from an internal thread (a
  /// memory_event_log in its default mode calls it on the caller's thread
  /// before returning; faulty_event_log answers injected faults there too);
  /// it must not block. Appends are answered in the order they were made.
  ///
  /// Outcomes:
  ///  - success: where the events landed.
  ///  - the first event's id is already in the log: success with `duplicate`
  ///    set, describing the original append (no version check, no write).
  ///  - conflict: the stream's version does not match; `current_version` set.
  ///  - invalid: empty `events`, empty or oversized stream id, a nil event
  ///    id.
  ///  - io_error: the write's outcome is unknown. The log refuses further
  ///    appends (sticky error) until reopened; the caller must re-read state.
  ///  - unavailable: the log is closing or read-only.
  virtual void append_async(std::string stream_id, expected_version expected,
                            std::vector<proposed_event> events, append_callback done) = 0;

  /// Blocking form of append_async.
  result<append_result> append(std::string stream_id, expected_version expected,
                               std::vector<proposed_event> events);

  /// Visits `stream_id`'s events with version >= `from_version`, in order, at
  /// most `max_count` of them. Returns how many were visited.
  /// Errors: corrupt (naming the position), io_error.
  virtual result<std::size_t> scan_stream(std::string_view stream_id, event_number from_version,
                                          std::size_t max_count, const visitor& visit) const = 0;

  /// Visits the whole log from `from_position` (inclusive), in position order,
  /// at most `max_count` events. Returns how many were visited.
  /// Errors: corrupt (naming the position), io_error.
  virtual result<std::size_t> scan_all(log_position from_position, std::size_t max_count,
                                       const visitor& visit) const = 0;

  /// Collecting forms of the scans.
  result<std::vector<event_envelope>> read_stream(std::string_view stream_id,
                                                  event_number from_version,
                                                  std::size_t max_count) const;
  result<std::vector<event_envelope>> read_all(log_position from_position,
                                               std::size_t max_count) const;

  /// Position of the last durable event; 0 when the log is empty.
  virtual log_position head_position() const = 0;

  /// The stream's current version; 0 when it has no events.
  virtual result<event_number> stream_version(std::string_view stream_id) const = 0;

  /// Blocks until head_position() >= `position` or `timeout` passes; returns
  /// whether the position was reached. Wakes on appends, never polls.
  virtual bool wait_for(log_position position, std::chrono::milliseconds timeout) const = 0;

  /// Registers `listener`, called after each group of appends becomes durable
  /// (from an internal thread; it must not block). Returns an id for
  /// remove_listener.
  virtual std::uint64_t add_listener(append_listener listener) = 0;
  virtual void remove_listener(std::uint64_t id) = 0;

  /// Stores the latest snapshot of a stream, replacing any older one. A
  /// snapshot is an optimisation only: deleting it must change nothing but
  /// the time to rebuild the entity.
  virtual result<void> save_snapshot(std::string_view stream_id, const snapshot& snap) = 0;
  /// The latest snapshot, or nullopt. Errors: corrupt, io_error.
  virtual result<std::optional<snapshot>> load_snapshot(std::string_view stream_id) const = 0;
  /// Deletes every snapshot of every stream.
  virtual result<void> delete_all_snapshots() = 0;
};

/// Longest accepted stream id, in bytes.
inline constexpr std::size_t kMaxStreamIdSize = 256;

}  // namespace streamhub::storage
