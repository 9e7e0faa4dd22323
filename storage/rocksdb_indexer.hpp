#pragma once
// Internal to storage/: the index entries of group commits (the streams and
// event_ids families), and their recovery after a crash.
//
// A group commit's own write carries only its events and one small id
// backlog entry, the sizes of its appends. The append writer hands the group
// to its index thread, which puts the group's index entries into a second
// batch and writes it while the writer syncs the WAL; the log's head moves
// past a group only once it is synced AND indexed, so a reader never meets
// an event without its index entries.
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
// Thread-safety: an index_batch_builder belongs to one thread; a sealed
// indexed_group may be read from several.

#include <optional>
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

/// One append of a group commit, as its index entries need it.
struct indexed_append {
  std::string stream_id;
  event_number first_version = 0;
  log_position first_position = 0;
  std::uint64_t events = 0;
};

/// What one group commit wrote, as its index entries need it. The append
/// writer keeps it until those entries are written, and decides later
/// appends from it meanwhile. Once sealed it is read-only, and may be shared
/// between threads.
class indexed_group {
 public:
  /// Records an append of the group: `events` (anything with an `id`) at
  /// consecutive positions and versions.
  template <class Events>
  void add_append(std::string_view stream_id, event_number first_version,
                  log_position first_position, const Events& events) {
    appends_.push_back({std::string(stream_id), first_version, first_position, events.size()});
    std::uint64_t rest = events.size();
    for (std::size_t i = 0; i < events.size(); ++i)
      ids_.push_back({events[i].id, {first_position + i, first_version + i, --rest}});
    sealed_ = false;
  }
  /// Puts the ids in id order: the order RocksDB's memtable inserts most
  /// cheaply, and the one `find` searches.
  void seal();

  log_position first() const { return appends_.empty() ? 0 : appends_.front().first_position; }
  log_position last() const {
    return appends_.empty() ? 0 : appends_.back().first_position + appends_.back().events - 1;
  }
  bool empty() const { return appends_.empty(); }
  bool sealed() const { return sealed_; }
  const std::vector<indexed_append>& appends() const { return appends_; }
  /// In id order once sealed.
  const std::vector<indexed_id>& ids() const { return ids_; }
  /// Where `id` landed, when an event of this (sealed) group has it.
  const layout::id_entry* find(const event_id& id) const;
  /// `stream_id`'s version after this group, when the group appended to it.
  std::optional<event_number> version_of(std::string_view stream_id) const;
  void clear();

 private:
  std::vector<indexed_append> appends_;
  std::vector<indexed_id> ids_;
  bool sealed_ = true;
};

/// Builds the index batch of group commits; or, given `into`, puts the index
/// entries into the group's own batch (when nothing waits for a sync there
/// is nothing to overlap them with, and one write is cheaper than two).
class index_batch_builder {
 public:
  explicit index_batch_builder(rocksdb_store& store, rocksdb::WriteBatch* into = nullptr)
      : store_(store), into_(into) {}

  /// Puts the index entries of `group` (sealed) and, without `into`, the
  /// deletion of its backlog entry.
  void add_group(const indexed_group& group);
  /// The index batch of the groups added since the last take, moving
  /// indexed_through to `last`; with `into`, puts that there and returns an
  /// empty batch.
  rocksdb::WriteBatch take(log_position last);
 private:
  rocksdb::WriteBatch& out() { return into_ ? *into_ : batch_; }

  rocksdb_store& store_;
  rocksdb::WriteBatch* into_;
  rocksdb::WriteBatch batch_;
  std::string key_, value_;
};

/// At open, before any append: writes the index entries of every group in
/// the id backlog (what a crash left), and returns the position the indexes
/// now cover. Errors: corrupt (a backlog entry, or an event it names, missing
/// or malformed), io_error.
result<log_position> index_backlog(rocksdb_store& store);

}  // namespace streamhub::storage
