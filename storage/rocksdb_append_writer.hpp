#pragma once
// Internal to storage/: the group-commit writer of rocksdb_event_log.
//
// Callers enqueue appends. The writer thread takes everything queued (at
// most kMaxGroupAppends), decides each append (idempotency by first event
// id, expected version against a bounded cache of stream versions), assigns
// dense positions and writes all accepted appends as ONE RocksDB WriteBatch:
// their events and the group's id backlog entry. It hands the group to the
// index thread, which writes the group's index entries (streams, event_ids;
// rocksdb_indexer.hpp) in a second batch, and meanwhile syncs the WAL itself
// (durability::sync), once for every batch written since its last sync.
// Once the group's index entries are written too, it publishes the new head,
// completes the callbacks in queue order and calls `committed`.
// Until a group is indexed the writer decides later appends from its memory
// of the group, not from the indexes.
// Before syncing, the writer gives the callers it acknowledged last a moment
// (at most half a sync) to append again, so that callers who wait for each
// ack (actors do) share one sync instead of splitting into two alternating
// half-size groups.
// Nothing is acknowledged, and no read sees it (reads stop at the published
// head), before the WAL holding it is synced. Under durability::async the
// writer completes a batch itself right after its write, which then carries
// the index entries too; there is no index thread.
//
// Why the writer syncs, not a thread of its own: on a small virtual machine
// every hand-over between threads costs tens of microseconds, and the sync's
// hand-over sat on every acknowledgement's path; the index write, which the
// sync hides, is handed over instead.
//
// A failed write or sync leaves the outcome of the appends in flight
// unknown: they are answered io_error, and so is every later append until
// the log is reopened (sticky error; leveldb's DBImpl::Write makes the same
// choice).
//
// Thread-safety: enqueue and the test hooks may be called from any thread;
// the rest runs on the writer's and the index thread.

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <condition_variable>
#include <functional>
#include <memory>
#include <memory_resource>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <rocksdb/write_batch.h>

#include "storage/event_log.hpp"
#include "storage/rocksdb_indexer.hpp"
#include "storage/rocksdb_store.hpp"
#include "storage/stream_version_cache.hpp"

namespace streamhub::storage {

class rocksdb_append_writer {
 public:
  /// Called after each durable group of appends, once its callbacks ran,
  /// with the new head.
  using committed_fn = std::function<void(log_position head)>;

  /// Starts the threads. `head` is the last position in `store`, and
  /// `indexed_through` how far its indexes go (index_backlog);
  /// `published_head` receives each new head before
  /// callbacks run. `store` must outlive the writer.
  rocksdb_append_writer(rocksdb_store& store, const rocksdb_event_log_options& options,
                        log_position head, log_position indexed_through,
                        std::atomic<log_position>& published_head, committed_fn committed);
  /// Completes everything queued, then stops the threads. Appends enqueued
  /// afterwards are answered unavailable on the caller's thread.
  ~rocksdb_append_writer();

  rocksdb_append_writer(const rocksdb_append_writer&) = delete;
  rocksdb_append_writer& operator=(const rocksdb_append_writer&) = delete;

  void enqueue(std::string stream_id, expected_version expected,
               std::vector<proposed_event> events, event_log::append_callback done);

  void fail_next_write_for_testing() { fail_next_write_.store(true); }
  void fail_next_index_write_for_testing() { fail_next_index_write_.store(true); }
  void pause_writes_for_testing(bool paused);

 private:
  /// Bounds the appends of one write batch, and of one sync's round of
  /// callbacks.
  static constexpr std::size_t kMaxGroupAppends = 1024;

  struct request {
    std::string stream_id;
    expected_version expected = expected_version::any();
    std::vector<proposed_event> events;
    event_log::append_callback done;
    std::optional<result<append_result>> outcome;
    /// A retry of an append earlier in the same batch: which request, and
    /// which of its events has this append's first id.
    struct earlier_event {
      std::size_t request;
      std::size_t offset;
    };
    std::optional<earlier_event> duplicate_of;
  };

  void write_loop();
  void index_loop();
  /// Decides and writes `batch`; its appends join `unsynced`.
  void commit(std::vector<request>& batch, std::vector<request>& unsynced);
  /// Syncs the WAL, waits for the index entries of what it covers, publishes
  /// the head and answers `unsynced`.
  void sync_and_complete(std::vector<request>& unsynced);
  /// Decides every request of `batch`, adding the accepted ones to batch_.
  /// Returns how many events were accepted.
  std::size_t decide(std::vector<request>& batch);
  void find_existing_ids(std::vector<request>& batch);
  void add_events(request& req, event_number first_version, log_position first_position,
                  std::int64_t now);
  /// `stream_id`'s version before this batch.
  result<event_number> current_version(std::string_view stream_id);
  /// The event id entry of `id` among the groups not yet indexed.
  const layout::id_entry* find_unindexed_id(const event_id& id) const;
  /// Hands the group just written to the index thread.
  void hand_to_indexer();
  void complete(std::vector<request>& batch, bool published, log_position head);
  std::optional<error> sticky_error();
  void set_sticky(const error& err);

  rocksdb_store& store_;
  const bool sync_;
  std::atomic<log_position>& published_head_;
  committed_fn committed_;
  std::atomic<bool> fail_next_write_{false};
  std::atomic<bool> fail_next_index_write_{false};

  // Writer thread only.
  log_position head_;
  stream_version_cache versions_;
  // Reused from batch to batch, so a steady stream of appends allocates
  // nothing here: the write batch, scratch strings, lookup arrays, and an
  // arena for the per-batch maps.
  rocksdb::WriteBatch batch_;
  std::string key_, record_;
  std::vector<rocksdb::Slice> id_keys_;
  std::vector<rocksdb::PinnableSlice> id_values_;
  std::vector<rocksdb::Status> id_statuses_;
  std::vector<std::size_t> id_requests_;
  /// What the group being decided appends, for its index entries, and the
  /// sizes of its appends (its id backlog entry).
  indexed_group group_;
  std::string append_sizes_;
  /// Groups written since the last sync, not yet known to be indexed,
  /// oldest first: the writer decides from these, not from the indexes.
  std::vector<std::shared_ptr<const indexed_group>> unindexed_;
  std::chrono::nanoseconds last_sync_{0};
  /// Appends expected for the next sync: as many as the last one answered.
  std::size_t returning_ = 1;
  // The index thread's under durability::sync, the writer's under async.
  index_batch_builder index_;
  std::array<std::byte, 64 * 1024> arena_buffer_;
  std::pmr::monotonic_buffer_resource arena_{arena_buffer_.data(), arena_buffer_.size()};

  // Enqueued appends.
  std::mutex queue_mutex_;
  std::condition_variable queue_changed_;
  std::vector<request> queue_;
  bool stopping_ = false;
  bool paused_ = false;

  // Groups handed to the index thread, how far the indexes go, and the
  // sticky error.
  std::mutex index_mutex_;
  std::condition_variable index_wanted_;
  std::condition_variable index_written_;
  std::vector<std::shared_ptr<const indexed_group>> to_index_;
  log_position indexed_through_ = 0;
  bool writer_awaits_index_ = false;
  std::optional<error> sticky_;
  bool writer_done_ = false;

  // Declared last: they use everything above until they are joined.
  std::thread indexer_;
  std::thread writer_;
};

}  // namespace streamhub::storage
