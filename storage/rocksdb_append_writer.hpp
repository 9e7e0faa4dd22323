#pragma once
// Internal to storage/: the group-commit writer of rocksdb_event_log.
//
// Callers enqueue appends. The writer thread takes everything queued (at
// most kMaxGroupAppends), decides each append (idempotency by first event
// id, expected version against a bounded cache of stream versions), assigns
// dense positions and writes all accepted appends as ONE RocksDB WriteBatch:
// their events and the group's id backlog entry.
// Under durability::sync it then hands the batch to the sync thread, which
// syncs the WAL once for every batch written since its last sync. Meanwhile
// the writer writes the group's index entries (streams, event_ids;
// rocksdb_indexer.hpp) in a second batch, or, when more appends wait, first
// writes those (deciding from memory for the groups not yet indexed). Once a
// group is synced and indexed, the sync thread publishes the new head,
// completes the callbacks in queue order and calls `committed`.
// While a sync runs, the writer already decides and writes the next batch:
// the disk's flush and the CPU work overlap, and one sync covers all of it.
// Before syncing, the sync thread gives the callers it just acknowledged a
// moment (at most half a sync) to append again, so that callers who wait for
// each ack (actors do) share one sync instead of splitting into two
// alternating half-size groups.
// Nothing is acknowledged, and no read sees it (reads stop at the published
// head), before the WAL holding it is synced. Under durability::async the
// writer completes a batch itself right after its write, which then carries
// the index entries too.
//
// A failed write or sync leaves the outcome of the appends in flight
// unknown: they are answered io_error, and so is every later append until
// the log is reopened (sticky error; leveldb's DBImpl::Write makes the same
// choice).
//
// Thread-safety: enqueue and the test hooks may be called from any thread;
// the rest runs on the writer's and the syncer's threads.

#include <array>
#include <atomic>
#include <cstddef>
#include <condition_variable>
#include <deque>
#include <functional>
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
  void pause_writes_for_testing(bool paused);

 private:
  /// Bounds the appends of one group (one write batch, one round of
  /// callbacks), and the groups decided from memory while appends keep
  /// coming.
  static constexpr std::size_t kMaxGroupAppends = 1024;
  static constexpr std::size_t kMaxUnindexedGroups = 8;

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
  void sync_loop();
  void commit(std::vector<request>& batch);
  /// Decides every request of `batch`, adding the accepted ones to batch_.
  /// Returns how many events were accepted.
  std::size_t decide(std::vector<request>& batch);
  void find_existing_ids(std::vector<request>& batch);
  void add_events(request& req, event_number first_version, log_position first_position,
                  std::int64_t now);
  /// `stream_id`'s version before this batch.
  result<event_number> current_version(std::string_view stream_id);
  /// The event id entry of `id` among the groups not yet indexed.
  const layout::id_entry* find_unindexed_id(const event_id& id);
  /// Writes the index entries of the groups written so far.
  void write_index();
  void complete(std::vector<request>& batch, bool published, log_position head);
  std::optional<error> sticky_error();
  void set_sticky(const error& err);

  rocksdb_store& store_;
  const bool sync_;
  std::atomic<log_position>& published_head_;
  committed_fn committed_;
  std::atomic<bool> fail_next_write_{false};

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
  index_batch_builder index_;
  /// Groups written but not yet indexed, oldest first: the writer decides
  /// from these, not from the indexes. Usually one or two: the writer
  /// indexes them whenever it runs out of appends to write.
  std::deque<indexed_group> unindexed_;
  std::array<std::byte, 64 * 1024> arena_buffer_;
  std::pmr::monotonic_buffer_resource arena_{arena_buffer_.data(), arena_buffer_.size()};

  // Enqueued appends.
  std::mutex queue_mutex_;
  std::condition_variable queue_changed_;
  std::vector<request> queue_;
  bool stopping_ = false;
  bool paused_ = false;

  // Written appends waiting for a sync, and the sticky error.
  std::mutex sync_mutex_;
  std::condition_variable sync_changed_;
  std::vector<request> unsynced_;
  log_position written_head_ = 0;
  log_position indexed_through_ = 0;
  bool syncer_awaits_index_ = false;
  std::optional<error> sticky_;
  bool writer_done_ = false;

  // Declared before the threads: they hand it ids until they are joined.
  std::thread syncer_;
  std::thread writer_;
};

}  // namespace streamhub::storage
