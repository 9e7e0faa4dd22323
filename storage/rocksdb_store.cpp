#include "storage/rocksdb_store.hpp"

#include <algorithm>
#include <charconv>

#include <rocksdb/cache.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include "protocol/varint.hpp"
#include "storage/rocksdb_layout.hpp"

namespace streamhub::storage {

namespace {

using layout::kEventIdsFamily;
using layout::kEventsFamily;
using layout::kMetaFamily;
using layout::kSnapshotsFamily;
using layout::kStreamsFamily;

rocksdb::DBOptions db_options(bool secondary) {
  rocksdb::DBOptions o;
  o.create_if_missing = true;
  o.create_missing_column_families = true;
  o.max_background_jobs = 2;
  o.bytes_per_sync = 1 << 20;
  // The WAL is the durability point: a torn tail after a crash is cut back
  // to the last complete write batch, never half of one.
  o.wal_recovery_mode = rocksdb::WALRecoveryMode::kPointInTimeRecovery;
  o.manual_wal_flush = false;
  o.keep_log_file_num = 4;
  if (secondary) o.max_open_files = -1;  // required by secondary instances
  return o;
}

/// The part of a streams-family key naming the stream (all but the version):
/// a stream's keys arrive in version order, so the memtable inserts each one
/// right after its stream's previous key instead of searching the whole list.
class stream_prefix_transform final : public rocksdb::SliceTransform {
 public:
  const char* Name() const override { return "streamhub.stream_prefix"; }
  rocksdb::Slice Transform(const rocksdb::Slice& key) const override {
    return {key.data(), key.size() - 8};
  }
  bool InDomain(const rocksdb::Slice& key) const override { return key.size() > 8; }
};

rocksdb::ColumnFamilyOptions family_options(std::string_view name,
                                            const rocksdb_event_log_options& options,
                                            const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::ColumnFamilyOptions o;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = cache;
  table.block_size = 16 * 1024;
  o.level_compaction_dynamic_level_bytes = true;
  o.compression = rocksdb::kLZ4Compression;
  o.write_buffer_size = options.write_buffer_bytes / 4;
  if (name == kEventsFamily) {
    // Keys arrive in order and are never overwritten. Flushes and the upper
    // levels skip compression (cheap writes); the bottom level, where most
    // of the log settles, is LZ4 (fast to read back).
    o.write_buffer_size = options.write_buffer_bytes;
    o.compression = rocksdb::kNoCompression;
    o.bottommost_compression = rocksdb::kLZ4Compression;
  } else if (name == kStreamsFamily) {
    o.memtable_insert_with_hint_prefix_extractor = std::make_shared<stream_prefix_transform>();
  } else if (name == kEventIdsFamily) {
    // Almost every lookup (the idempotency check of an append) misses:
    // bloom filters answer those without reading blocks.
    table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
    table.whole_key_filtering = true;
    o.memtable_whole_key_filtering = true;
    o.memtable_prefix_bloom_size_ratio = 0.05;
    o.compression = rocksdb::kNoCompression;  // random ids do not compress
  }
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return o;
}

}  // namespace

error status_error(const rocksdb::Status& status, std::string_view what) {
  const auto code = status.IsCorruption() ? error_code::corrupt : error_code::io_error;
  return error{code, std::string(what) + ": " + status.ToString()};
}

result<std::unique_ptr<rocksdb_store>> rocksdb_store::open(
    const std::filesystem::path& dir, const std::filesystem::path& secondary_dir,
    const rocksdb_event_log_options& options) {
  const bool secondary = !secondary_dir.empty();
  std::error_code ec;
  const bool exists = std::filesystem::exists(dir / "CURRENT", ec);
  if (!exists && (secondary || !options.create_if_missing))
    return error{error_code::not_found, "no event store at " + dir.string()};

  auto store = std::unique_ptr<rocksdb_store>(new rocksdb_store());
  store->dir_ = dir;
  const auto cache = rocksdb::NewLRUCache(options.block_cache_bytes);
  const auto dbo = db_options(secondary);

  // Open every family the store has, including any a newer build added, so
  // that the format check below, not RocksDB, explains a refusal.
  std::vector<std::string> names{kMetaFamily, kEventsFamily, kStreamsFamily, kEventIdsFamily,
                                 kSnapshotsFamily};
  if (exists) {
    std::vector<std::string> present;
    if (auto s = rocksdb::DB::ListColumnFamilies(dbo, dir.string(), &present); !s.ok())
      return status_error(s, "listing column families of " + dir.string());
    for (auto& name : present)
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const auto& name : names) families.emplace_back(name, family_options(name, options, cache));

  if (!secondary) std::filesystem::create_directories(dir, ec);
  rocksdb::DB* db = nullptr;
  rocksdb::Status s =
      secondary ? rocksdb::DB::OpenAsSecondary(dbo, dir.string(), secondary_dir.string(), families,
                                                &store->handles_, &db)
                : rocksdb::DB::Open(dbo, dir.string(), families, &store->handles_, &db);
  if (!s.ok()) {
    if (s.IsIOError() && s.ToString().find("lock") != std::string::npos)
      return error{error_code::unavailable,
                   "event store at " + dir.string() + " is open in another process (" +
                       s.ToString() + ")"};
    return status_error(s, "opening event store at " + dir.string());
  }
  store->db_.reset(db);
  store->meta_ = store->handles_[0];
  store->events_ = store->handles_[1];
  store->streams_ = store->handles_[2];
  store->event_ids_ = store->handles_[3];
  store->snapshots_ = store->handles_[4];
  if (auto r = store->check_format(!secondary); !r) return std::move(r).err();
  return store;
}

rocksdb_store::~rocksdb_store() {
  if (!db_) return;
  for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h);
  db_->Close().PermitUncheckedError();
}

result<void> rocksdb_store::check_format(bool may_initialise) {
  std::string value;
  auto s = db_->Get(rocksdb::ReadOptions{}, meta_, layout::kFormatVersionKey, &value);
  if (s.IsNotFound()) {
    // A store just created: stamp it. A secondary meets this only while its
    // primary is still stamping, which makes it current.
    if (!may_initialise) {
      format_version_ = layout::kStoreFormatVersion;
      return {};
    }
    return stamp_current_format(0);
  }
  if (!s.ok()) return status_error(s, "reading the format version");
  std::uint32_t version = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), version);
  if (ec != std::errc{} || end != value.data() + value.size() || version == 0)
    return error{error_code::corrupt, "event store at " + dir_.string() +
                                          " has an unreadable format version '" + value + "'"};
  if (version > layout::kStoreFormatVersion)
    return error{error_code::unsupported_format,
                 "event store at " + dir_.string() + " has format version " +
                     std::to_string(version) + "; this build reads up to version " +
                     std::to_string(layout::kStoreFormatVersion) + ": upgrade streamhub"};
  format_version_ = version;
  if (version == 1 && may_initialise) {
    // Version 1 wrote the index entries with their events: all of the log
    // is indexed, and there is no backlog.
    auto head = read_head();
    if (!head) return std::move(head).err();
    return stamp_current_format(*head);
  }
  return {};
}

result<void> rocksdb_store::stamp_current_format(log_position indexed_through) {
  rocksdb::WriteBatch batch;
  batch.Put(meta_, layout::kFormatVersionKey, std::to_string(layout::kStoreFormatVersion));
  std::string through;
  varint::put_fixed64_be(through, indexed_through);
  batch.Put(meta_, layout::kIndexedThroughKey, through);
  rocksdb::WriteOptions w;
  w.sync = true;
  if (auto s = db_->Write(w, &batch); !s.ok()) return status_error(s, "writing the format version");
  format_version_ = layout::kStoreFormatVersion;
  return {};
}

result<log_position> rocksdb_store::read_head() const {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions{}, events_));
  it->SeekToLast();
  if (!it->status().ok()) return status_error(it->status(), "reading the log head");
  if (!it->Valid()) return log_position{0};
  if (it->key().size() != 8)
    return error{error_code::corrupt, "malformed event key of " + std::to_string(it->key().size()) +
                                          " bytes at the end of the log"};
  return layout::decode_position(it->key().ToStringView());
}

result<log_position> rocksdb_store::read_indexed_head() const {
  auto head = read_head();
  if (!head) return head;
  auto through = read_indexed_through();
  if (!through) return std::move(through).err();
  return *through ? std::min(*head, **through) : *head;
}

result<std::optional<log_position>> rocksdb_store::read_indexed_through() const {
  std::string value;
  auto s = db_->Get(rocksdb::ReadOptions{}, meta_, layout::kIndexedThroughKey, &value);
  if (s.IsNotFound()) return std::optional<log_position>{};
  if (!s.ok()) return status_error(s, "reading how far the indexes go");
  if (value.size() != 8)
    return error{error_code::corrupt, "malformed indexed_through of " +
                                          std::to_string(value.size()) + " bytes"};
  return std::optional<log_position>{layout::decode_position(value)};
}

result<event_number> rocksdb_store::read_stream_version(std::string_view stream_id,
                                                        log_position max_position) const {
  const std::string prefix = layout::stream_prefix(stream_id);
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions{}, streams_));
  for (it->SeekForPrev(layout::stream_key(stream_id, ~event_number{0}));
       it->Valid() && it->key().starts_with(prefix); it->Prev()) {
    if (it->key().size() != prefix.size() + 8 || it->value().size() != 8)
      return error{error_code::corrupt,
                   "malformed stream index entry of " + std::string(stream_id)};
    if (layout::decode_position(it->value().ToStringView()) <= max_position)
      return layout::decode_position(it->key().ToStringView().substr(prefix.size()));
  }
  if (!it->status().ok()) return status_error(it->status(), "reading a stream's version");
  return event_number{0};
}

}  // namespace streamhub::storage
