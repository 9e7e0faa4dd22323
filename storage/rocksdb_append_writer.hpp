#pragma once
// Internal to storage/: the group-commit writer of rocksdb_event_log.
//
// Callers enqueue appends; one thread takes everything queued, decides each
// append (idempotency by first event id, expected version against a bounded
// cache of stream versions), assigns dense positions, writes all accepted
// appends as ONE RocksDB WriteBatch with one WAL sync, then publishes the new
// head, completes the callbacks in queue order and calls `committed`. While
// a batch is being written, new appends gather for the next one.
//
// A failed write leaves the outcome of its appends unknown, so the writer
// answers io_error to every later append until the log is reopened (sticky
// error; leveldb's DBImpl::Write makes the same choice).
//
// Thread-safety: enqueue and fail_next_write_for_testing may be called from
// any thread; the rest runs on the writer's own thread.

#include <array>
#include <atomic>
#include <cstddef>
#include <condition_variable>
#include <functional>
#include <memory_resource>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <rocksdb/write_batch.h>

#include "storage/event_log.hpp"
#include "storage/rocksdb_store.hpp"
#include "storage/stream_version_cache.hpp"

namespace streamhub::storage {

class rocksdb_append_writer {
 public:
  /// Called on the writer thread after each durable batch, once its
  /// callbacks ran, with the new head.
  using committed_fn = std::function<void(log_position head)>;

  /// Starts the writer thread. `head` is the last position in `store`;
  /// `published_head` receives each new head before callbacks run.
  /// `store` must outlive the writer.
  rocksdb_append_writer(rocksdb_store& store, const rocksdb_event_log_options& options,
                        log_position head, std::atomic<log_position>& published_head,
                        committed_fn committed);
  /// Completes everything queued, then stops the thread. Appends enqueued
  /// afterwards are answered unavailable on the caller's thread.
  ~rocksdb_append_writer();

  rocksdb_append_writer(const rocksdb_append_writer&) = delete;
  rocksdb_append_writer& operator=(const rocksdb_append_writer&) = delete;

  void enqueue(std::string stream_id, expected_version expected,
               std::vector<proposed_event> events, event_log::append_callback done);

  void fail_next_write_for_testing() { fail_next_write_.store(true); }

 private:
  struct request {
    std::string stream_id;
    expected_version expected = expected_version::any();
    std::vector<proposed_event> events;
    event_log::append_callback done;
    std::optional<result<append_result>> outcome;
    /// A retry of request `duplicate_of` in the same batch.
    std::optional<std::size_t> duplicate_of;
  };

  void run();
  void commit(std::vector<request>& batch);
  /// Decides every request of `batch`, adding the accepted ones to batch_.
  /// Returns how many events were accepted.
  std::size_t decide(std::vector<request>& batch);
  void find_existing_ids(std::vector<request>& batch);
  void add_events(request& req, event_number first_version, log_position first_position,
                  std::int64_t now);
  void fail_batch(std::vector<request>& batch, const error& err);

  rocksdb_store& store_;
  rocksdb::WriteOptions write_options_;
  std::atomic<log_position>& published_head_;
  committed_fn committed_;
  log_position head_;
  stream_version_cache versions_;
  std::optional<error> sticky_;
  std::atomic<bool> fail_next_write_{false};

  // Reused from batch to batch, so a steady stream of appends allocates
  // nothing here: the write batch, scratch strings, lookup arrays, and an
  // arena for the per-batch maps.
  rocksdb::WriteBatch batch_;
  event_envelope envelope_;
  std::string key_, value_, record_;
  std::vector<rocksdb::Slice> id_keys_;
  std::vector<rocksdb::PinnableSlice> id_values_;
  std::vector<rocksdb::Status> id_statuses_;
  std::vector<std::size_t> id_requests_;
  std::array<std::byte, 64 * 1024> arena_buffer_;
  std::pmr::monotonic_buffer_resource arena_{arena_buffer_.data(), arena_buffer_.size()};

  std::mutex mutex_;
  std::condition_variable wakeup_;
  std::vector<request> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace streamhub::storage
