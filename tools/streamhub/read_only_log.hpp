#pragma once
// The event log of a data directory, opened read-only beside a server that
// may be running (a RocksDB secondary instance whose own files live in a
// private temporary directory, removed on close).
//
// Thread-safety: as rocksdb_event_log.

#include <filesystem>
#include <memory>

#include "protocol/error.hpp"
#include "storage/rocksdb_event_log.hpp"

namespace streamhub::tools {

class read_only_log {
 public:
  /// Errors: not_found (no event store in `events_dir`), unsupported_format,
  /// corrupt, io_error.
  static result<read_only_log> open(const std::filesystem::path& events_dir);

  read_only_log(read_only_log&&) noexcept = default;
  read_only_log& operator=(read_only_log&&) noexcept = default;
  ~read_only_log();

  storage::rocksdb_event_log& log() { return *log_; }

 private:
  read_only_log(std::filesystem::path scratch, std::unique_ptr<storage::rocksdb_event_log> log)
      : scratch_(std::move(scratch)), log_(std::move(log)) {}

  std::filesystem::path scratch_;
  std::unique_ptr<storage::rocksdb_event_log> log_;
};

}  // namespace streamhub::tools
