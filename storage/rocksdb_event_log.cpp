#include "storage/rocksdb_event_log.hpp"

#include <condition_variable>
#include <map>
#include <mutex>

#include "protocol/event_codec.hpp"
#include "storage/append_rules.hpp"
#include "storage/directory_watch.hpp"
#include "storage/rocksdb_append_writer.hpp"
#include "storage/rocksdb_indexer.hpp"
#include "storage/rocksdb_layout.hpp"
#include "storage/rocksdb_store.hpp"

namespace streamhub::storage {

struct rocksdb_event_log::impl {
  rocksdb_event_log_options options;
  std::unique_ptr<rocksdb_store> store;
  bool secondary = false;
  std::atomic<log_position> head{0};

  mutable std::mutex head_mutex;
  mutable std::condition_variable head_changed;

  std::mutex listeners_mutex;
  std::map<std::uint64_t, append_listener> listeners;
  std::uint64_t next_listener_id = 1;

  std::mutex catch_up_mutex;

  /// Secondary: reads the primary's new writes and publishes the new head
  /// (under the lock, so heads only grow and listeners hear them in order).
  result<void> catch_up() {
    std::lock_guard lock(catch_up_mutex);
    if (auto s = store->db().TryCatchUpWithPrimary(); !s.ok())
      return status_error(s, "catching up with the primary");
    auto new_head = store->read_indexed_head();
    if (!new_head) return std::move(new_head).err();
    if (head.exchange(*new_head) < *new_head) committed(*new_head);
    return {};
  }

  // Last member: stopped (and drained) before anything above goes away.
  std::unique_ptr<rocksdb_append_writer> writer;

  /// After `new_head` became visible: listeners, then wait_for waiters.
  void committed(log_position new_head) {
    {
      std::lock_guard lock(listeners_mutex);
      for (auto& [id, listener] : listeners) listener(new_head);
    }
    // Taking the lock orders the head's update before any waiter's check.
    { std::lock_guard lock(head_mutex); }
    head_changed.notify_all();
  }
};

namespace {

error unavailable_on_secondary() {
  return error{error_code::unavailable, "event log opened read-only (secondary instance)"};
}

error corrupt_at(log_position position, std::string_view why) {
  return error{error_code::corrupt,
               "corrupt event at log position " + std::to_string(position) + ": " + std::string(why)};
}

/// Decodes the record stored under `position` into `out`, checking that it
/// is the record of that position.
result<void> decode_at(log_position position, std::string_view record, event_envelope& out) {
  if (auto r = decode_event(record, out); !r) {
    error e = std::move(r).err();
    if (e.code == error_code::corrupt) return corrupt_at(position, e.message);
    e.message = "event at log position " + std::to_string(position) + ": " + e.message;
    return e;
  }
  if (out.position != position)
    return corrupt_at(position, "record says position " + std::to_string(out.position));
  return {};
}

}  // namespace

rocksdb_event_log::rocksdb_event_log(std::unique_ptr<impl> impl) : impl_(std::move(impl)) {}

rocksdb_event_log::~rocksdb_event_log() = default;

result<std::unique_ptr<rocksdb_event_log>> rocksdb_event_log::open(
    const std::filesystem::path& dir, rocksdb_event_log_options options) {
  auto store = rocksdb_store::open(dir, {}, options);
  if (!store) return std::move(store).err();
  auto head = (*store)->read_head();
  if (!head) return std::move(head).err();
  auto indexed_through = index_backlog(**store);
  if (!indexed_through) return std::move(indexed_through).err();
  auto state = std::make_unique<impl>();
  state->options = options;
  state->store = std::move(*store);
  state->head.store(*head);
  impl* raw = state.get();
  state->writer = std::make_unique<rocksdb_append_writer>(
      *raw->store, options, *head, *indexed_through, raw->head,
      [raw](log_position h) { raw->committed(h); });
  return std::unique_ptr<rocksdb_event_log>(new rocksdb_event_log(std::move(state)));
}

result<std::unique_ptr<rocksdb_event_log>> rocksdb_event_log::open_secondary(
    const std::filesystem::path& db_dir, const std::filesystem::path& secondary_dir,
    rocksdb_event_log_options options) {
  auto store = rocksdb_store::open(db_dir, secondary_dir, options);
  if (!store) return std::move(store).err();
  auto head = (*store)->read_indexed_head();
  if (!head) return std::move(head).err();
  auto state = std::make_unique<impl>();
  state->options = options;
  state->store = std::move(*store);
  state->secondary = true;
  state->head.store(*head);
  return std::unique_ptr<rocksdb_event_log>(new rocksdb_event_log(std::move(state)));
}

result<void> rocksdb_event_log::catch_up() {
  if (!impl_->secondary) return {};
  return impl_->catch_up();
}

bool rocksdb_event_log::is_secondary() const noexcept { return impl_->secondary; }

std::uint32_t rocksdb_event_log::format_version() const noexcept {
  return impl_->store->format_version();
}

const std::filesystem::path& rocksdb_event_log::dir() const noexcept { return impl_->store->dir(); }

void rocksdb_event_log::append_async(std::string stream_id, expected_version expected,
                                     std::vector<proposed_event> events, append_callback done) {
  if (impl_->secondary) {
    done(unavailable_on_secondary());
    return;
  }
  impl_->writer->enqueue(std::move(stream_id), expected, std::move(events), std::move(done));
}

result<std::size_t> rocksdb_event_log::scan_stream(std::string_view stream_id,
                                                   event_number from_version,
                                                   std::size_t max_count,
                                                   const visitor& visit) const {
  if (max_count == 0) return std::size_t{0};
  auto& store = *impl_->store;
  const log_position head = impl_->head.load(std::memory_order_acquire);
  const event_number first = std::max<event_number>(from_version, 1);
  const event_number end = max_count > ~event_number{0} - first ? ~event_number{0} : first + max_count;
  const std::string prefix = layout::stream_prefix(stream_id);
  // Bounded to the versions wanted: at the stream's end the iterator stops
  // by itself instead of loading the next stream's keys to see it ended.
  const std::string upper = layout::stream_key(stream_id, end);
  const rocksdb::Slice upper_slice(upper);
  // Only snapshots are ever range-deleted: the other families skip the
  // per-key range tombstone checks.
  rocksdb::ReadOptions event_options;
  event_options.ignore_range_deletions = true;
  rocksdb::ReadOptions index_options = event_options;
  index_options.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> index(store.db().NewIterator(index_options, store.streams()));
  // One append's events sit at consecutive positions: one iterator over the
  // events family steps from one to the next, seeking only across a gap.
  std::unique_ptr<rocksdb::Iterator> events;
  log_position at = 0;  // where `events` stands
  std::string key;
  event_envelope e;
  std::size_t visited = 0;
  for (index->Seek(layout::stream_key(stream_id, first)); index->Valid(); index->Next()) {
    const auto k = index->key().ToStringView();
    const auto v = index->value().ToStringView();
    if (k.size() != prefix.size() + 8 || v.size() != 8 || !k.starts_with(prefix))
      return error{error_code::corrupt, "malformed stream index entry of " + std::string(stream_id)};
    const log_position position = layout::decode_position(v);
    if (position > head) break;  // written, not yet acknowledged
    if (!events) events.reset(store.db().NewIterator(event_options, store.events()));
    if (at != 0 && position == at + 1) {
      events->Next();
    } else {
      key.clear();
      layout::put_event_key(key, position);
      events->Seek(key);
    }
    at = position;
    if (!events->Valid() || events->key().size() != 8 ||
        layout::decode_position(events->key().ToStringView()) != position) {
      if (!events->status().ok())
        return status_error(events->status(), "reading log position " + std::to_string(position));
      return corrupt_at(position, "missing, but indexed for " + std::string(stream_id));
    }
    if (auto r = decode_at(position, events->value().ToStringView(), e); !r) return std::move(r).err();
    const event_number version = layout::decode_position(k.substr(prefix.size()));
    if (e.stream_id != stream_id || e.version != version)
      return corrupt_at(position, "indexed as " + std::string(stream_id) + " version " +
                                      std::to_string(version) + ", holds " + e.stream_id +
                                      " version " + std::to_string(e.version));
    ++visited;
    if (!visit(e)) break;
  }
  if (!index->status().ok()) return status_error(index->status(), "scanning " + std::string(stream_id));
  return visited;
}

result<std::size_t> rocksdb_event_log::scan_all(log_position from_position, std::size_t max_count,
                                                const visitor& visit) const {
  auto& store = *impl_->store;
  const log_position head = impl_->head.load(std::memory_order_acquire);
  log_position expected = std::max<log_position>(from_position, 1);
  if (expected > head || max_count == 0) return std::size_t{0};

  const std::string upper = layout::event_key(head + 1);
  const rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions ro;
  ro.readahead_size = impl_->options.scan_readahead_bytes;
  ro.iterate_upper_bound = &upper_slice;
  ro.fill_cache = false;  // a full scan would evict the working set
  std::unique_ptr<rocksdb::Iterator> it(store.db().NewIterator(ro, store.events()));
  event_envelope e;
  std::size_t visited = 0;
  for (it->Seek(layout::event_key(expected)); it->Valid() && visited < max_count; it->Next()) {
    if (it->key().size() != 8) return corrupt_at(expected, "malformed key");
    const log_position position = layout::decode_position(it->key().ToStringView());
    if (position != expected) return corrupt_at(expected, "missing from the log");
    if (auto r = decode_at(position, it->value().ToStringView(), e); !r) return std::move(r).err();
    ++expected;
    ++visited;
    if (!visit(e)) return visited;
  }
  if (!it->status().ok()) return status_error(it->status(), "scanning the log");
  if (visited < max_count && expected <= head) return corrupt_at(expected, "missing from the log");
  return visited;
}

log_position rocksdb_event_log::head_position() const {
  return impl_->head.load(std::memory_order_acquire);
}

result<event_number> rocksdb_event_log::stream_version(std::string_view stream_id) const {
  return impl_->store->read_stream_version(stream_id, head_position());
}

bool rocksdb_event_log::wait_for(log_position position, std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  if (!impl_->secondary) {
    std::unique_lock lock(impl_->head_mutex);
    return impl_->head_changed.wait_until(lock, deadline, [&] { return head_position() >= position; });
  }
  // Watch first, then catch up: a write between the two still wakes us.
  auto watch = directory_watch::open(impl_->store->dir());
  for (;;) {
    (void)impl_->catch_up();  // a failed catch-up leaves the head; the deadline still holds
    if (head_position() >= position) return true;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    const auto slice = std::min(left, std::chrono::milliseconds{1000});
    if (watch) {
      (*watch)->wait(slice);
    } else {
      std::unique_lock lock(impl_->head_mutex);  // no inotify: re-check once a slice
      impl_->head_changed.wait_for(lock, slice);
    }
  }
}

std::uint64_t rocksdb_event_log::add_listener(append_listener listener) {
  std::lock_guard lock(impl_->listeners_mutex);
  const auto id = impl_->next_listener_id++;
  impl_->listeners.emplace(id, std::move(listener));
  return id;
}

void rocksdb_event_log::remove_listener(std::uint64_t id) {
  std::lock_guard lock(impl_->listeners_mutex);
  impl_->listeners.erase(id);
}

result<void> rocksdb_event_log::save_snapshot(std::string_view stream_id, const snapshot& snap) {
  if (impl_->secondary) return unavailable_on_secondary();
  if (auto valid = validate_stream_id(stream_id); !valid) return valid;
  auto& store = *impl_->store;
  // Not synced: losing a snapshot in a machine crash costs only start-up time.
  auto s = store.db().Put(rocksdb::WriteOptions{}, store.snapshots(), stream_id,
                          layout::encode_snapshot(snap));
  if (!s.ok()) return status_error(s, "saving the snapshot of " + std::string(stream_id));
  return {};
}

result<std::optional<snapshot>> rocksdb_event_log::load_snapshot(std::string_view stream_id) const {
  auto& store = *impl_->store;
  rocksdb::PinnableSlice value;
  auto s = store.db().Get(rocksdb::ReadOptions{}, store.snapshots(), stream_id, &value);
  if (s.IsNotFound()) return std::optional<snapshot>{};
  if (!s.ok()) return status_error(s, "loading the snapshot of " + std::string(stream_id));
  auto snap = layout::decode_snapshot(value.ToStringView());
  if (!snap) {
    error e = std::move(snap).err();
    e.message = "snapshot of " + std::string(stream_id) + ": " + e.message;
    return e;
  }
  return std::optional<snapshot>{std::move(*snap)};
}

result<void> rocksdb_event_log::delete_all_snapshots() {
  if (impl_->secondary) return unavailable_on_secondary();
  auto& store = *impl_->store;
  // Every key is a stream id of at most kMaxStreamIdSize bytes, so this
  // range covers them all.
  const std::string end(kMaxStreamIdSize + 1, '\xff');
  rocksdb::WriteOptions w;
  w.sync = true;
  auto s = store.db().DeleteRange(w, store.snapshots(), "", end);
  if (!s.ok()) return status_error(s, "deleting snapshots");
  return {};
}

void rocksdb_event_log::fail_next_write_for_testing() {
  if (impl_->writer) impl_->writer->fail_next_write_for_testing();
}

void rocksdb_event_log::fail_next_index_write_for_testing() {
  if (impl_->writer) impl_->writer->fail_next_index_write_for_testing();
}

void rocksdb_event_log::pause_writes_for_testing(bool paused) {
  if (impl_->writer) impl_->writer->pause_writes_for_testing(paused);
}

}  // namespace streamhub::storage
