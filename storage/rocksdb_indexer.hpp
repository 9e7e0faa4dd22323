#pragma once
// Internal to storage/: writes the index entries of each group commit (the
// streams and event_ids families) on its own thread, while the WAL holding
// the group's events syncs.
//
// A group commit's own write carries only its events and one small id
// backlog entry, the sizes of its appends. The writer puts the group's index
// entries into a second write batch and hands it over here. The log's head
// moves past a group only once the group is synced AND indexed, so a reader
// never meets an event without its index entries; the writer itself answers
// from memory for groups not yet indexed (their versions and event ids).
//
// Why: stream keys arrive interleaved and event ids are random, and
// inserting them into RocksDB's memtables took about half of the writer's
// time, while every appender waited for its ack. Here that time overlaps the
// sync, on the other core.
//
// Crash safety: a group's index batch is written after the group, and RocksDB
// recovers a prefix of its WAL, so the indexes never run ahead of the log.
// Each index batch also deletes its group's backlog entry and moves
// "indexed_through"; after a crash, index_backlog rebuilds what the indexes
// lack from the backlog and the events, at open, before any append.
//
// Thread-safety: every member may be called from any thread.

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <rocksdb/write_batch.h>

#include "protocol/error.hpp"
#include "protocol/event_id.hpp"
#include "storage/event_log.hpp"
#include "storage/rocksdb_layout.hpp"

namespace streamhub::storage {

class rocksdb_store;

/// An event id and where its event landed.
struct indexed_id {
  event_id id;
  layout::id_entry entry;
};

/// Builds the index batch of one group commit; or, given `into`, puts the
/// index entries into the group's own batch (when nothing waits for a sync
/// there is nothing to overlap them with, and one write is cheaper than two).
class index_batch_builder {
 public:
  explicit index_batch_builder(rocksdb_store& store, rocksdb::WriteBatch* into = nullptr)
      : store_(store), into_(into) {}

  void add_event(std::string_view stream_id, event_number version, log_position position,
                 const event_id& id, std::uint64_t rest_of_append);
  /// The group's ids, in the order added.
  const std::vector<indexed_id>& ids() const { return ids_; }
  /// Completes the batch of the group at positions [first, last]: its event
  /// ids in key order, the deletion of its backlog entry (none with
  /// `into`), the new indexed_through. Leaves the builder empty for the next
  /// group; `ids` receives the group's ids, in id order.
  rocksdb::WriteBatch finish(log_position first, log_position last,
                             std::vector<indexed_id>& ids);
  /// Drops what was added since the last finish (a group that was not
  /// written).
  void clear();

 private:
  rocksdb::WriteBatch& out() { return into_ ? *into_ : batch_; }

  rocksdb_store& store_;
  rocksdb::WriteBatch* into_;
  rocksdb::WriteBatch batch_;
  std::vector<indexed_id> ids_;
  std::string key_, value_;
};

class rocksdb_indexer {
 public:
  using failed_fn = std::function<void(const error&)>;

  /// At open, before any append: writes the index entries of every group in
  /// the id backlog (what a crash left), and returns the position the
  /// indexes now cover. Errors: corrupt (a backlog entry, or an event it
  /// names, missing or malformed), io_error.
  static result<log_position> index_backlog(rocksdb_store& store);

  /// Starts the thread. `through` is what index_backlog returned. A failed
  /// write calls `failed` once, from this thread, and stops the indexing.
  rocksdb_indexer(rocksdb_store& store, log_position through, failed_fn failed);
  /// Writes everything handed over, then stops.
  ~rocksdb_indexer();

  rocksdb_indexer(const rocksdb_indexer&) = delete;
  rocksdb_indexer& operator=(const rocksdb_indexer&) = delete;

  /// The index batch of the group ending at `last_position`, handed over in
  /// log order once the group itself is written.
  void hand_over(log_position last_position, rocksdb::WriteBatch index);

  /// Every index entry up to this position is written and readable.
  log_position indexed_through() const { return through_.load(std::memory_order_acquire); }

  /// Waits until indexed_through() >= position. Returns false once the
  /// indexer has failed.
  bool wait_for(log_position position);

  /// Test hooks: while held, nothing handed over is
  /// written; wait_until_holding_for_testing returns true once `groups`
  /// groups wait, false if they do not within a minute.
  void hold_for_testing(bool held);
  bool wait_until_holding_for_testing(std::size_t groups);

 private:
  struct group {
    log_position last_position;
    rocksdb::WriteBatch index;
  };

  void run();
  /// Writes one group's index batch and publishes it; false on failure.
  bool write(group& g);

  rocksdb_store& store_;
  failed_fn failed_;
  std::atomic<log_position> through_;

  std::mutex mutex_;
  std::condition_variable queued_;
  std::condition_variable indexed_;
  std::vector<group> queue_;
  bool stopping_ = false;
  bool failed_once_ = false;
  bool held_ = false;

  std::thread thread_;
};

}  // namespace streamhub::storage
