#pragma once
// Internal to storage/: the index entries of group commits (the streams and
// event_ids families), and their recovery after a crash.
//
// A group commit's own write carries only its events and one small id
// backlog entry, the sizes of its appends. The append writer puts the
// group's index entries into a second batch and writes it once the sync
// thread has the group, while the WAL syncs; the log's head moves past a
// group only once it is synced AND indexed, so a reader never meets an event
// without its index entries.
//
// Why: stream keys arrive interleaved and event ids are random, and
// inserting them into RocksDB's memtables took about half of the writer's
// time while every appender waited for its ack; now that time overlaps the
// sync.
//
// Crash safety: a group's index batch is written after the group, and RocksDB
// recovers a prefix of its WAL, so the indexes never run ahead of the log.
// Each index batch also deletes its groups' backlog entries and moves
// "indexed_through"; after a crash, index_backlog rebuilds what the indexes
// lack from the backlog and the events, at open, before any append.
//
// Thread-safety: an index_batch_builder belongs to one thread.

#include <string>
#include <string_view>
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
  /// Ends the group whose first event is at `first`: puts its event ids in
  /// key order and, without `into`, the deletion of its backlog entry.
  /// `ids` receives the group's ids, in id order.
  void end_group(log_position first, std::vector<indexed_id>& ids);
  /// The index batch of the groups ended since the last take, moving
  /// indexed_through to `last`; with `into`, puts that there and returns an
  /// empty batch.
  rocksdb::WriteBatch take(log_position last);
  /// Drops everything not yet taken (groups that will not be indexed here:
  /// a failed write).
  void clear();

 private:
  rocksdb::WriteBatch& out() { return into_ ? *into_ : batch_; }

  rocksdb_store& store_;
  rocksdb::WriteBatch* into_;
  rocksdb::WriteBatch batch_;
  std::vector<indexed_id> ids_;
  std::string key_, value_;
};

/// At open, before any append: writes the index entries of every group in
/// the id backlog (what a crash left), and returns the position the indexes
/// now cover. Errors: corrupt (a backlog entry, or an event it names, missing
/// or malformed), io_error.
result<log_position> index_backlog(rocksdb_store& store);

}  // namespace streamhub::storage
