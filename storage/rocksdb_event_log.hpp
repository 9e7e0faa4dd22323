#pragma once
// The event log on RocksDB: the system of record. The on-disk layout is
// documented in storage/FORMAT.md (and summarised in rocksdb_layout.hpp).
//
// Appends go through one writer thread that writes everything queued as one
// RocksDB write batch, syncs the WAL once for all batches written since its
// last sync and only then acknowledges them (group commit; see
// rocksdb_append_writer.hpp); an index thread writes their index entries
// while the WAL syncs. While a sync runs, new appends gather. A failed write
// or sync makes every later append fail with io_error until the log is
// reopened, because its outcome is unknown.
//
// Reads go straight to RocksDB and do not wait for the writer. They see
// exactly the acknowledged events: everything up to head_position().
//
// A secondary instance (open_secondary) lets another process read a log
// that a server has open: it sees the primary's writes as of its last
// catch_up(); its wait_for watches the primary's directory and catches up
// when files change. It reads the primary's WAL, so it may see an event a
// moment before the primary has synced and acknowledged it.
//
// Thread-safety: every method may be called from any thread concurrently.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>

#include "storage/event_log.hpp"

namespace streamhub::storage {

struct rocksdb_event_log_options {
  /// When an append is acknowledged; see durability.
  storage::durability durability = storage::durability::sync;
  /// Create an empty store when `dir` holds none (primary only). Off: a
  /// missing store is not_found.
  bool create_if_missing = true;
  /// Block cache shared by every column family.
  std::size_t block_cache_bytes = std::size_t{64} << 20;
  /// Memtable size of the events column family (the others take a quarter).
  std::size_t write_buffer_bytes = std::size_t{64} << 20;
  /// Streams whose current version the writer keeps in memory.
  std::size_t stream_version_cache_entries = 100'000;
  /// Read-ahead of scan_all's iterator.
  std::size_t scan_readahead_bytes = std::size_t{2} << 20;
};

class rocksdb_event_log final : public event_log {
 public:
  /// Opens the log stored in `dir` for reading and appending (one process
  /// at a time). Errors: not_found (no store and !create_if_missing),
  /// unsupported_format (written by a newer build; the message names both
  /// versions), unavailable (another process has it open), corrupt,
  /// io_error.
  static result<std::unique_ptr<rocksdb_event_log>> open(const std::filesystem::path& dir,
                                                         rocksdb_event_log_options options = {});

  /// Opens a read-only follower of the log in `db_dir`, which a primary in
  /// another process may have open. `secondary_dir` holds the follower's own
  /// small files; the caller owns it (creates and removes it). Appends and
  /// snapshot writes answer unavailable. Errors as for open(); a missing
  /// store is not_found.
  static result<std::unique_ptr<rocksdb_event_log>> open_secondary(
      const std::filesystem::path& db_dir, const std::filesystem::path& secondary_dir,
      rocksdb_event_log_options options = {});

  /// Completes every queued append, then closes the store.
  ~rocksdb_event_log() override;

  rocksdb_event_log(const rocksdb_event_log&) = delete;
  rocksdb_event_log& operator=(const rocksdb_event_log&) = delete;

  /// Secondary only: makes the primary's writes so far visible (head
  /// included). On a primary, does nothing. Errors: io_error, corrupt.
  result<void> catch_up();

  bool is_secondary() const noexcept;
  /// The store's format version (layout::kStoreFormatVersion when created by
  /// this build).
  std::uint32_t format_version() const noexcept;
  const std::filesystem::path& dir() const noexcept;

  void append_async(std::string stream_id, expected_version expected,
                    std::vector<proposed_event> events, append_callback done) override;
  result<std::size_t> scan_stream(std::string_view stream_id, event_number from_version,
                                  std::size_t max_count, const visitor& visit) const override;
  result<std::size_t> scan_all(log_position from_position, std::size_t max_count,
                               const visitor& visit) const override;
  log_position head_position() const override;
  result<event_number> stream_version(std::string_view stream_id) const override;
  /// On a secondary: wakes when the primary's files change, catches up and
  /// checks again (re-checking at least every second as a safety net).
  bool wait_for(log_position position, std::chrono::milliseconds timeout) const override;
  std::uint64_t add_listener(append_listener listener) override;
  void remove_listener(std::uint64_t id) override;
  result<void> save_snapshot(std::string_view stream_id, const snapshot& snap) override;
  result<std::optional<snapshot>> load_snapshot(std::string_view stream_id) const override;
  result<void> delete_all_snapshots() override;

  /// Test hook: the next RocksDB write fails as if the disk had failed,
  /// without writing, and the log turns sticky-failed.
  void fail_next_write_for_testing();
  /// Test hook (durability::sync): the next write of index entries fails,
  /// after the events it indexes were written; the log turns sticky-failed.
  void fail_next_index_write_for_testing();
  /// Test hook: while paused, appends queue up unwritten.
  void pause_writes_for_testing(bool paused);

 private:
  struct impl;
  explicit rocksdb_event_log(std::unique_ptr<impl> impl);
  std::unique_ptr<impl> impl_;
};

}  // namespace streamhub::storage
