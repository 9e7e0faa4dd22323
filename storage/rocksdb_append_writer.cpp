#include "storage/rocksdb_append_writer.hpp"

#include <algorithm>
#include <chrono>
#include <string_view>
#include <unordered_map>

#include <rocksdb/perf_level.h>

#include "protocol/event_codec.hpp"
#include "protocol/varint.hpp"
#include "storage/append_rules.hpp"
#include "storage/rocksdb_layout.hpp"

namespace streamhub::storage {

namespace {

/// Answers `err` to every append of `batch` except those rejected as
/// invalid, whose answer does not depend on the disk.
template <class Request>
void fail_unless_invalid(std::vector<Request>& batch, const error& err) {
  for (auto& req : batch) {
    if (req.outcome && !*req.outcome && req.outcome->err().code == error_code::invalid) continue;
    req.outcome = err;
    req.duplicate_of.reset();
  }
}

}  // namespace

rocksdb_append_writer::rocksdb_append_writer(rocksdb_store& store,
                                             const rocksdb_event_log_options& options,
                                             log_position head, log_position indexed_through,
                                             std::atomic<log_position>& published_head,
                                             committed_fn committed)
    : store_(store),
      sync_(options.durability == durability::sync),
      published_head_(published_head),
      committed_(std::move(committed)),
      head_(head),
      versions_(std::max<std::size_t>(options.stream_version_cache_entries, 1)),
      index_(store, sync_ ? nullptr : &batch_),
      indexed_through_(indexed_through) {
  if (sync_) indexer_ = std::thread([this] { index_loop(); });
  writer_ = std::thread([this] { write_loop(); });
}

rocksdb_append_writer::~rocksdb_append_writer() {
  {
    std::lock_guard lock(queue_mutex_);
    stopping_ = true;
  }
  queue_changed_.notify_one();
  writer_.join();
  if (!indexer_.joinable()) return;
  {
    std::lock_guard lock(index_mutex_);
    writer_done_ = true;
  }
  index_wanted_.notify_one();
  indexer_.join();
}

void rocksdb_append_writer::pause_writes_for_testing(bool paused) {
  {
    std::lock_guard lock(queue_mutex_);
    paused_ = paused;
  }
  queue_changed_.notify_one();
}

void rocksdb_append_writer::enqueue(std::string stream_id, expected_version expected,
                                    std::vector<proposed_event> events,
                                    event_log::append_callback done) {
  std::unique_lock lock(queue_mutex_);
  if (stopping_) {
    lock.unlock();
    done(error{error_code::unavailable, "event log is closing"});
    return;
  }
  const bool was_empty = queue_.empty();
  queue_.push_back(request{std::move(stream_id), expected, std::move(events), std::move(done), {}, {}});
  lock.unlock();
  // A non-empty queue means the writer is busy and will look again.
  if (was_empty) queue_changed_.notify_one();
}

std::optional<error> rocksdb_append_writer::sticky_error() {
  std::lock_guard lock(index_mutex_);
  return sticky_;
}

void rocksdb_append_writer::set_sticky(const error& cause) {
  std::lock_guard lock(index_mutex_);
  if (!sticky_)
    sticky_ = error{error_code::io_error,
                    "event log refuses appends after a failed write (" + cause.message + "); reopen it"};
}

void rocksdb_append_writer::write_loop() {
  using namespace std::chrono;
  // RocksDB counts key comparisons per thread unless told not to: a
  // thread-local increment in the memtable's innermost loop.
  rocksdb::SetPerfLevel(rocksdb::PerfLevel::kDisable);
  std::vector<request> batch, unsynced;
  steady_clock::time_point first_write;
  std::unique_lock lock(queue_mutex_);
  for (;;) {
    if (unsynced.empty()) {
      queue_changed_.wait(lock, [this] { return stopping_ || (!queue_.empty() && !paused_); });
      if (queue_.empty()) return;  // stopping, and everything queued is answered
      first_write = steady_clock::now();
    } else {
      // Callers wait for their acknowledgement and then append again (an
      // actor does), so the appends of the last sync tend to come back now.
      // Give them a moment (at most half a sync) to join this sync, rather
      // than syncing for the first few and making the rest wait a whole
      // sync more: one large group instead of two alternating half-size
      // ones. A lone caller never waits.
      const bool room = unsynced.size() < returning_ && unsynced.size() < kMaxGroupAppends &&
                        !paused_ && !stopping_;
      if (room) {
        const auto deadline = first_write + std::min<nanoseconds>(last_sync_ / 2, milliseconds(1));
        queue_changed_.wait_until(lock, deadline, [this] { return stopping_ || !queue_.empty(); });
      }
      if (!room || queue_.empty() || paused_) {
        lock.unlock();
        sync_and_complete(unsynced);
        lock.lock();
        continue;
      }
    }
    if (queue_.size() <= kMaxGroupAppends) {
      batch.swap(queue_);
    } else {
      const auto end = queue_.begin() + kMaxGroupAppends;
      batch.assign(std::make_move_iterator(queue_.begin()), std::make_move_iterator(end));
      queue_.erase(queue_.begin(), end);
    }
    lock.unlock();
    commit(batch, unsynced);
    batch.clear();
    lock.lock();
  }
}

void rocksdb_append_writer::commit(std::vector<request>& batch, std::vector<request>& unsynced) {
  bool written = false;
  if (auto sticky = sticky_error()) {
    fail_unless_invalid(batch, *sticky);
  } else if (decide(batch) > 0) {
    rocksdb::Status s = fail_next_write_.exchange(false)
                            ? rocksdb::Status::IOError("injected write failure (test hook)")
                            : store_.db().Write(rocksdb::WriteOptions{}, &batch_);
    if (s.ok()) {
      written = true;
      if (sync_) hand_to_indexer();
    } else {
      const error err{error_code::io_error, "append outcome unknown: " + s.ToString()};
      set_sticky(err);
      fail_unless_invalid(batch, err);
      unindexed_.clear();
    }
  }
  for (auto& req : batch) {
    if (!req.duplicate_of) continue;
    const auto [earlier, offset] = *req.duplicate_of;
    const append_result& original = **batch[earlier].outcome;
    req.outcome = make_append_result(original.first_version + offset,
                                      original.first_position + offset,
                                      original.last_position - original.first_position + 1 - offset,
                                      true);
  }
  if (!sync_) {
    if (written) published_head_.store(head_, std::memory_order_release);
    complete(batch, written, head_);
    return;
  }
  for (auto& req : batch) unsynced.push_back(std::move(req));
}

void rocksdb_append_writer::hand_to_indexer() {
  // Sealed here, so that both threads only read it from now on.
  group_.seal();
  auto group = std::make_shared<const indexed_group>(std::exchange(group_, {}));
  unindexed_.push_back(group);
  bool was_idle;
  {
    std::lock_guard lock(index_mutex_);
    was_idle = to_index_.empty();
    to_index_.push_back(std::move(group));
  }
  if (was_idle) index_wanted_.notify_one();
}

void rocksdb_append_writer::sync_and_complete(std::vector<request>& unsynced) {
  using namespace std::chrono;
  const log_position target = head_;
  // Only this thread moves the published head.
  const log_position synced = published_head_.load(std::memory_order_relaxed);
  std::optional<error> failed = sticky_error();
  if (!failed && target > synced) {
    const auto start = steady_clock::now();
    if (auto s = store_.db().SyncWAL(); !s.ok()) {
      failed = error{error_code::io_error, "append outcome unknown: WAL sync failed: " + s.ToString()};
      set_sticky(*failed);
    }
    last_sync_ = steady_clock::now() - start;
    // Published only once readers find the new events through the indexes.
    // The index thread wrote them while the WAL synced, mostly.
    std::unique_lock lock(index_mutex_);
    writer_awaits_index_ = true;
    index_written_.wait(lock, [&] { return indexed_through_ >= target || sticky_; });
    writer_awaits_index_ = false;
    if (!failed && indexed_through_ < target) failed = sticky_;
  }
  unindexed_.clear();  // indexed now, or the log refuses appends from now on
  returning_ = unsynced.size();
  const bool advanced = !failed && target > synced;
  if (failed) {
    fail_unless_invalid(unsynced, *failed);
  } else if (advanced) {
    published_head_.store(target, std::memory_order_release);
  }
  complete(unsynced, advanced, target);
  unsynced.clear();
}

void rocksdb_append_writer::index_loop() {
  rocksdb::SetPerfLevel(rocksdb::PerfLevel::kDisable);
  std::vector<std::shared_ptr<const indexed_group>> taken;
  std::unique_lock lock(index_mutex_);
  for (;;) {
    index_wanted_.wait(lock, [this] { return writer_done_ || !to_index_.empty(); });
    if (to_index_.empty()) return;  // the writer stopped, and everything it wrote is indexed
    taken.swap(to_index_);
    lock.unlock();
    // Several groups' entries share one batch when the writer got ahead.
    for (const auto& group : taken) index_.add_group(*group);
    const log_position last = taken.back()->last();
    rocksdb::WriteBatch index = index_.take(last);
    const rocksdb::Status s =
        fail_next_index_write_.exchange(false)
            ? rocksdb::Status::IOError("injected index write failure (test hook)")
            : store_.db().Write(rocksdb::WriteOptions{}, &index);
    taken.clear();
    if (!s.ok()) set_sticky(status_error(s, "writing index entries"));
    lock.lock();
    if (s.ok()) indexed_through_ = last;
    if (writer_awaits_index_) index_written_.notify_one();
  }
}

void rocksdb_append_writer::complete(std::vector<request>& batch, bool published,
                                     log_position head) {
  for (auto& req : batch) req.done(std::move(*req.outcome));
  if (published) committed_(head);
}

std::size_t rocksdb_append_writer::decide(std::vector<request>& batch) {
  batch_.Clear();
  arena_.release();
  group_.clear();
  append_sizes_.clear();
  // Versions and event ids of the appends accepted so far in this batch:
  // a later append to the same stream checks against the earlier one, and a
  // retry of an earlier one is its duplicate.
  std::pmr::unordered_map<std::string_view, event_number> batch_versions(&arena_);
  std::pmr::unordered_map<event_id, request::earlier_event, event_id_hash> batch_ids(&arena_);

  for (auto& req : batch)
    if (auto valid = validate_append(req.stream_id, req.events); !valid)
      req.outcome = std::move(valid).err();
  find_existing_ids(batch);

  const std::int64_t now = now_us();
  const log_position batch_start = head_;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    request& req = batch[i];
    if (req.outcome) continue;  // invalid, or already in the log
    if (auto it = batch_ids.find(req.events.front().id); it != batch_ids.end()) {
      req.duplicate_of = it->second;
      req.outcome.emplace(append_result{});  // filled in after the write
      continue;
    }
    event_number current = 0;
    if (auto it = batch_versions.find(req.stream_id); it != batch_versions.end()) {
      current = it->second;
    } else if (auto found = current_version(req.stream_id); found) {
      current = *found;
    } else {
      req.outcome = std::move(found).err();
      continue;
    }
    if (!req.expected.matches(current)) {
      req.outcome = conflict_error(req.stream_id, req.expected, current);
      continue;
    }
    add_events(req, current + 1, head_ + 1, now);
    req.outcome = make_append_result(current + 1, head_ + 1, req.events.size());
    head_ += req.events.size();
    batch_versions[req.stream_id] = current + req.events.size();
    for (std::size_t k = 0; k < req.events.size(); ++k)
      batch_ids.emplace(req.events[k].id, request::earlier_event{i, k});
  }
  if (head_ > batch_start && sync_) {
    batch_.Put(store_.meta(), layout::id_backlog_key(batch_start + 1), append_sizes_);
  } else if (head_ > batch_start) {
    group_.seal();
    index_.add_group(group_);  // into batch_
    index_.take(head_);
  }
  // The cache learns the new versions now; if the write fails the log turns
  // sticky and the cache is never consulted again.
  for (const auto& [stream, version] : batch_versions) versions_.put(stream, version);
  return head_ - batch_start;
}

void rocksdb_append_writer::find_existing_ids(std::vector<request>& batch) {
  id_keys_.clear();
  id_requests_.clear();
  for (std::size_t i = 0; i < batch.size(); ++i) {
    request& req = batch[i];
    if (req.outcome) continue;
    if (const auto* entry = find_unindexed_id(req.events.front().id)) {
      req.outcome = make_append_result(entry->version, entry->position, entry->remaining + 1, true);
      continue;
    }
    id_requests_.push_back(i);
  }
  if (id_requests_.empty()) return;
  // In key order, so that RocksDB need not sort them (with its comparator,
  // through a virtual call per comparison).
  std::sort(id_requests_.begin(), id_requests_.end(), [&](std::size_t a, std::size_t b) {
    return batch[a].events.front().id < batch[b].events.front().id;
  });
  for (const std::size_t i : id_requests_)
    id_keys_.push_back(layout::id_key(batch[i].events.front().id));
  if (id_values_.size() < id_keys_.size()) id_values_.resize(id_keys_.size());
  id_statuses_.resize(id_keys_.size());
  rocksdb::ReadOptions options;
  options.ignore_range_deletions = true;  // event_ids is never range-deleted
  store_.db().MultiGet(options, store_.event_ids(), id_keys_.size(), id_keys_.data(),
                       id_values_.data(), id_statuses_.data(), /*sorted_input=*/true);
  for (std::size_t k = 0; k < id_keys_.size(); ++k) {
    request& req = batch[id_requests_[k]];
    const auto& s = id_statuses_[k];
    if (s.IsNotFound()) continue;
    if (!s.ok()) {
      req.outcome = status_error(s, "looking up an event id");
    } else if (auto entry = layout::decode_id_entry(id_values_[k].ToStringView())) {
      req.outcome = make_append_result(entry->version, entry->position, entry->remaining + 1, true);
    } else {
      req.outcome = error{error_code::corrupt, "malformed event id index entry for event " +
                                                   req.events.front().id.to_string()};
    }
    id_values_[k].Reset();
  }
}

void rocksdb_append_writer::add_events(request& req, event_number first_version,
                                       log_position first_position, std::int64_t now) {
  const std::size_t count = req.events.size();
  for (std::size_t i = 0; i < count; ++i) {
    const proposed_event& e = req.events[i];
    const log_position position = first_position + i;
    record_.clear();
    encode_event(event_record_view{position, req.stream_id, first_version + i, e.type,
                                   e.schema_version, e.timestamp_us != 0 ? e.timestamp_us : now,
                                   e.id, e.causation_id, e.correlation_id, e.actor, e.payload},
                 record_);
    key_.clear();
    layout::put_event_key(key_, position);
    batch_.Put(store_.events(), key_, record_);
  }
  group_.add_append(req.stream_id, first_version, first_position, req.events);
  layout::put_append_size(append_sizes_, count);
}

result<event_number> rocksdb_append_writer::current_version(std::string_view stream_id) {
  if (auto cached = versions_.find(stream_id)) return *cached;
  // Evicted from the cache while its index entries are still on their way.
  for (auto group = unindexed_.rbegin(); group != unindexed_.rend(); ++group)
    if (auto version = (*group)->version_of(stream_id)) return *version;
  auto stored = store_.read_stream_version(stream_id, ~log_position{0});
  if (stored) versions_.put(stream_id, *stored);
  return stored;
}

const layout::id_entry* rocksdb_append_writer::find_unindexed_id(const event_id& id) const {
  // Newest first: a later append may have reused the id (only first ids are
  // checked), and event_ids will say what that one wrote.
  for (auto group = unindexed_.rbegin(); group != unindexed_.rend(); ++group)
    if (const auto* entry = (*group)->find(id)) return entry;
  return nullptr;
}

}  // namespace streamhub::storage
