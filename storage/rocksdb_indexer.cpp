#include "storage/rocksdb_indexer.hpp"

#include <algorithm>
#include <chrono>
#include <memory>

#include "protocol/event_codec.hpp"
#include "protocol/varint.hpp"
#include "storage/rocksdb_store.hpp"

namespace streamhub::storage {

namespace {

rocksdb::Slice id_slice(const event_id& id) {
  return {reinterpret_cast<const char*>(id.bytes().data()), event_id::size};
}

result<log_position> read_indexed_through(rocksdb_store& store) {
  std::string value;
  auto s = store.db().Get(rocksdb::ReadOptions{}, store.meta(), layout::kIndexedThroughKey, &value);
  if (!s.ok()) return status_error(s, "reading how far the indexes go");
  if (value.size() != 8)
    return error{error_code::corrupt, "malformed indexed_through of " +
                                          std::to_string(value.size()) + " bytes"};
  return varint::get_fixed64_be(value);
}

error corrupt_backlog(log_position first, const std::string& what) {
  return error{error_code::corrupt,
               "id backlog entry of the group at position " + std::to_string(first) + ": " + what};
}

/// Adds to `builder` the events of the group at `first` whose appends have
/// `sizes` events, read back from the log. Returns the group's last position.
result<log_position> add_group_from_log(rocksdb_store& store, log_position first,
                                        const std::vector<std::uint64_t>& sizes,
                                        index_batch_builder& builder) {
  std::string record;
  event_envelope envelope;
  log_position position = first;
  for (const std::uint64_t size : sizes) {
    for (std::uint64_t i = 0; i < size; ++i, ++position) {
      auto s = store.db().Get(rocksdb::ReadOptions{}, store.events(), layout::event_key(position),
                              &record);
      if (s.IsNotFound()) return corrupt_backlog(first, "no event at " + std::to_string(position));
      if (!s.ok()) return status_error(s, "reading the event at " + std::to_string(position));
      if (auto decoded = decode_event(record, envelope); !decoded)
        return corrupt_backlog(first, decoded.err().message);
      builder.add_event(envelope.stream_id, envelope.version, position, envelope.id, size - 1 - i);
    }
  }
  return position - 1;
}

}  // namespace

void index_batch_builder::add_event(std::string_view stream_id, event_number version,
                                    log_position position, const event_id& id,
                                    std::uint64_t rest_of_append) {
  key_.clear();
  layout::put_stream_key(key_, stream_id, version);
  value_.clear();
  varint::put_fixed64_be(value_, position);
  out().Put(store_.streams(), key_, value_);
  ids_.push_back({id, {position, version, rest_of_append}});
}

rocksdb::WriteBatch index_batch_builder::finish(log_position first, log_position last,
                                                std::vector<indexed_id>& ids) {
  // RocksDB's memtable inserts ascending keys far more cheaply than random
  // ones.
  std::sort(ids_.begin(), ids_.end(),
            [](const indexed_id& a, const indexed_id& b) { return a.id < b.id; });
  for (const auto& [id, entry] : ids_) {
    value_.clear();
    layout::put_id_entry(value_, entry);
    out().Put(store_.event_ids(), id_slice(id), value_);
  }
  ids.clear();
  ids.swap(ids_);
  if (!into_) batch_.Delete(store_.meta(), layout::id_backlog_key(first));
  value_.clear();
  varint::put_fixed64_be(value_, last);
  out().Put(store_.meta(), layout::kIndexedThroughKey, value_);
  rocksdb::WriteBatch done = std::move(batch_);
  batch_.Clear();
  return done;
}

void index_batch_builder::clear() {
  if (!into_) batch_.Clear();
  ids_.clear();
}

result<log_position> rocksdb_indexer::index_backlog(rocksdb_store& store) {
  auto through = read_indexed_through(store);
  if (!through) return through;
  index_batch_builder builder(store);
  std::unique_ptr<rocksdb::Iterator> it(store.db().NewIterator(rocksdb::ReadOptions{}, store.meta()));
  for (it->Seek(layout::kIdBacklogPrefix);
       it->Valid() && it->key().starts_with(layout::kIdBacklogPrefix); it->Next()) {
    const auto first = layout::decode_id_backlog_key(it->key().ToStringView());
    if (!first) return error{error_code::corrupt, "malformed id backlog key"};
    const auto sizes = layout::decode_append_sizes(it->value().ToStringView());
    if (!sizes) return corrupt_backlog(*first, "malformed append sizes");
    auto last = add_group_from_log(store, *first, *sizes, builder);
    if (!last) return std::move(last).err();
    std::vector<indexed_id> ids;
    rocksdb::WriteBatch index = builder.finish(*first, *last, ids);
    if (auto s = store.db().Write(rocksdb::WriteOptions{}, &index); !s.ok())
      return status_error(s, "indexing the id backlog");
    *through = *last;
  }
  if (!it->status().ok()) return status_error(it->status(), "reading the id backlog");
  return through;
}

rocksdb_indexer::rocksdb_indexer(rocksdb_store& store, log_position through, failed_fn failed)
    : store_(store), failed_(std::move(failed)), through_(through) {
  thread_ = std::thread([this] { run(); });
}

rocksdb_indexer::~rocksdb_indexer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  queued_.notify_all();
  thread_.join();
}

void rocksdb_indexer::hand_over(log_position last_position, rocksdb::WriteBatch index) {
  std::unique_lock lock(mutex_);
  const bool was_empty = queue_.empty();
  queue_.push_back(group{last_position, std::move(index)});
  const bool held = held_;
  lock.unlock();
  if (held) queued_.notify_all();  // wait_until_holding_for_testing
  else if (was_empty) queued_.notify_one();
}

bool rocksdb_indexer::wait_for(log_position position) {
  if (indexed_through() >= position) return true;
  std::unique_lock lock(mutex_);
  indexed_.wait(lock, [&] { return failed_once_ || indexed_through() >= position; });
  return indexed_through() >= position;
}

void rocksdb_indexer::run() {
  std::vector<group> taken;
  std::unique_lock lock(mutex_);
  for (;;) {
    queued_.wait(lock, [this] { return stopping_ || (!queue_.empty() && !held_); });
    if (queue_.empty()) return;  // stopping, and everything handed over is written
    taken.swap(queue_);
    lock.unlock();
    for (auto& g : taken) {
      if (!write(g)) {
        // Stopped: the log is sticky now; a reopen indexes the backlog.
        lock.lock();
        queue_.clear();
        queued_.wait(lock, [this] { return stopping_; });
        return;
      }
    }
    taken.clear();
    lock.lock();
  }
}

void rocksdb_indexer::hold_for_testing(bool held) {
  {
    std::lock_guard lock(mutex_);
    held_ = held;
  }
  queued_.notify_all();
}

bool rocksdb_indexer::wait_until_holding_for_testing(std::size_t groups) {
  std::unique_lock lock(mutex_);
  return queued_.wait_for(lock, std::chrono::minutes(1), [&] { return queue_.size() >= groups; });
}

bool rocksdb_indexer::write(group& g) {
  {
    std::lock_guard lock(mutex_);
    if (failed_once_) return false;
  }
  if (auto s = store_.db().Write(rocksdb::WriteOptions{}, &g.index); !s.ok()) {
    failed_(status_error(s, "writing index entries"));
    {
      std::lock_guard lock(mutex_);
      failed_once_ = true;
    }
    indexed_.notify_all();
    return false;
  }
  {
    // Under the lock, so that a waiter cannot miss the change.
    std::lock_guard lock(mutex_);
    through_.store(g.last_position, std::memory_order_release);
  }
  indexed_.notify_all();
  return true;
}

}  // namespace streamhub::storage
