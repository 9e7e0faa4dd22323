#pragma once
// The in-memory twin of rocksdb_event_log: the same contract (event_log.hpp),
// the same outcomes for the same calls, nothing on disk. It is the log the
// layers above test against.
//
// Thread-safety: every method may be called from any thread concurrently.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "storage/event_log.hpp"

namespace streamhub::storage {

struct memory_event_log_options {
  /// true (default): append_async decides, applies and calls `done` on the
  /// caller's thread before it returns, then notifies listeners and waiters.
  /// A test driving actors with CAF's deterministic test coordinator needs
  /// this: nothing happens behind its back on another thread. Consequence:
  /// `done` must not take a lock its caller holds.
  /// false: appends complete in order on one internal thread, as on disk.
  bool complete_inline = true;
};

class memory_event_log final : public event_log {
 public:
  explicit memory_event_log(memory_event_log_options options = {});
  /// With complete_inline off, completes every queued append first.
  ~memory_event_log() override;

  memory_event_log(const memory_event_log&) = delete;
  memory_event_log& operator=(const memory_event_log&) = delete;

  void append_async(std::string stream_id, expected_version expected,
                    std::vector<proposed_event> events, append_callback done) override;
  result<std::size_t> scan_stream(std::string_view stream_id, event_number from_version,
                                  std::size_t max_count, const visitor& visit) const override;
  result<std::size_t> scan_all(log_position from_position, std::size_t max_count,
                               const visitor& visit) const override;
  log_position head_position() const override;
  result<event_number> stream_version(std::string_view stream_id) const override;
  bool wait_for(log_position position, std::chrono::milliseconds timeout) const override;
  std::uint64_t add_listener(append_listener listener) override;
  void remove_listener(std::uint64_t id) override;
  result<void> save_snapshot(std::string_view stream_id, const snapshot& snap) override;
  result<std::optional<snapshot>> load_snapshot(std::string_view stream_id) const override;
  result<void> delete_all_snapshots() override;

 private:
  struct request {
    std::string stream_id;
    expected_version expected;
    std::vector<proposed_event> events;
    append_callback done;
  };
  /// Where an event id landed, described to the end of its append.
  struct id_entry {
    event_number version;
    log_position position;
    std::size_t remaining;
  };

  /// Decides and applies one append; then completes it and notifies.
  void run(request& req);
  result<append_result> apply(request& req);
  void notify_listeners();
  void work();
  std::vector<event_envelope> select(const std::vector<log_position>& positions) const;

  const memory_event_log_options options_;

  mutable std::mutex mutex_;
  mutable std::condition_variable head_changed_;
  std::vector<event_envelope> events_;  // position p at index p - 1
  std::unordered_map<std::string, std::vector<log_position>> streams_;  // version v at v - 1
  std::unordered_map<event_id, id_entry, event_id_hash> ids_;
  std::unordered_map<std::string, snapshot> snapshots_;

  std::mutex listeners_mutex_;
  std::map<std::uint64_t, append_listener> listeners_;
  std::uint64_t next_listener_id_ = 1;
  log_position notified_head_ = 0;

  // Only with complete_inline off.
  std::mutex queue_mutex_;
  std::condition_variable queue_changed_;
  std::deque<request> queue_;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace streamhub::storage
