#pragma once
// Internal to storage/: the RocksDB database behind rocksdb_event_log, its
// column families, tuning and format check, and the reads shared by the log
// and its append writer. Includes RocksDB; only storage's .cpp files include
// it (rocksdb_event_log.hpp stays free of RocksDB).
//
// Thread-safety: a rocksdb_store is safe for concurrent reads and writes
// (RocksDB's own guarantee); opening and closing are not concurrent with use.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <rocksdb/db.h>

#include "protocol/error.hpp"
#include "storage/rocksdb_event_log.hpp"

namespace streamhub::storage {

class rocksdb_store {
 public:
  /// Opens (creating when allowed) the store at `dir` as the primary, or as
  /// a secondary following it when `secondary_dir` is non-empty. Checks the
  /// format version. Errors: not_found (no store), unsupported_format,
  /// unavailable (locked by another process), corrupt, io_error.
  static result<std::unique_ptr<rocksdb_store>> open(const std::filesystem::path& dir,
                                                     const std::filesystem::path& secondary_dir,
                                                     const rocksdb_event_log_options& options);
  ~rocksdb_store();

  rocksdb::DB& db() { return *db_; }
  const rocksdb::DB& db() const { return *db_; }
  rocksdb::ColumnFamilyHandle* meta() const { return meta_; }
  rocksdb::ColumnFamilyHandle* events() const { return events_; }
  rocksdb::ColumnFamilyHandle* streams() const { return streams_; }
  rocksdb::ColumnFamilyHandle* event_ids() const { return event_ids_; }
  rocksdb::ColumnFamilyHandle* snapshots() const { return snapshots_; }
  const std::filesystem::path& dir() const { return dir_; }
  std::uint32_t format_version() const { return format_version_; }

  /// The position of the last event in the events family; 0 when empty.
  result<log_position> read_head() const;
  /// read_head, capped by how far the indexes go: what a secondary may read
  /// while its primary indexes each group just after writing it.
  result<log_position> read_indexed_head() const;
  /// How far the streams and event_ids entries go ("indexed_through");
  /// nullopt in a version-1 store, whose index entries came with their
  /// events.
  result<std::optional<log_position>> read_indexed_through() const;
  /// `stream_id`'s version from the streams family, counting only events at
  /// positions up to `max_position`; 0 when it has none.
  result<event_number> read_stream_version(std::string_view stream_id,
                                           log_position max_position) const;

 private:
  rocksdb_store() = default;
  result<void> check_format(bool may_initialise);
  /// Writes the current format version, and how far the indexes go.
  result<void> stamp_current_format(log_position indexed_through);

  std::filesystem::path dir_;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  rocksdb::ColumnFamilyHandle* meta_ = nullptr;
  rocksdb::ColumnFamilyHandle* events_ = nullptr;
  rocksdb::ColumnFamilyHandle* streams_ = nullptr;
  rocksdb::ColumnFamilyHandle* event_ids_ = nullptr;
  rocksdb::ColumnFamilyHandle* snapshots_ = nullptr;
  std::uint32_t format_version_ = 0;
};

/// The error for a failed RocksDB call: corrupt for corruption, io_error
/// otherwise; `what` says what was being done.
error status_error(const rocksdb::Status& status, std::string_view what);

}  // namespace streamhub::storage
