#include "storage/rocksdb_indexer.hpp"

#include <algorithm>
#include <cassert>
#include <memory>

#include "protocol/event_codec.hpp"
#include "protocol/varint.hpp"
#include "storage/rocksdb_store.hpp"

namespace streamhub::storage {

namespace {

error corrupt_backlog(log_position first, const std::string& what) {
  return error{error_code::corrupt,
               "id backlog entry of the group at position " + std::to_string(first) + ": " + what};
}

/// Adds to `group` the appends of the group at `first` whose sizes are
/// `sizes`, read back from the log.
result<void> read_group_from_log(rocksdb_store& store, log_position first,
                                 const std::vector<std::uint64_t>& sizes, indexed_group& group) {
  struct logged_event {
    event_id id;
  };
  std::string record;
  event_envelope envelope;
  std::vector<logged_event> events;
  log_position position = first;
  for (const std::uint64_t size : sizes) {
    events.clear();
    std::string stream_id;
    event_number first_version = 0;
    for (std::uint64_t i = 0; i < size; ++i, ++position) {
      auto s = store.db().Get(rocksdb::ReadOptions{}, store.events(), layout::event_key(position),
                              &record);
      if (s.IsNotFound()) return corrupt_backlog(first, "no event at " + std::to_string(position));
      if (!s.ok()) return status_error(s, "reading the event at " + std::to_string(position));
      if (auto decoded = decode_event(record, envelope); !decoded)
        return corrupt_backlog(first, decoded.err().message);
      if (i == 0) {
        stream_id = envelope.stream_id;
        first_version = envelope.version;
      } else if (envelope.stream_id != stream_id || envelope.version != first_version + i) {
        return corrupt_backlog(first, "the append at " + std::to_string(position - i) +
                                          " is not one stream's consecutive versions");
      }
      events.push_back({envelope.id});
    }
    group.add_append(stream_id, first_version, position - size, events);
  }
  return {};
}

}  // namespace

void indexed_group::seal() {
  if (sealed_) return;
  std::sort(ids_.begin(), ids_.end(),
            [](const indexed_id& a, const indexed_id& b) { return a.id < b.id; });
  sealed_ = true;
}

const layout::id_entry* indexed_group::find(const event_id& id) const {
  assert(sealed_);
  const auto it = std::lower_bound(ids_.begin(), ids_.end(), id,
                                   [](const indexed_id& a, const event_id& b) { return a.id < b; });
  return it != ids_.end() && it->id == id ? &it->entry : nullptr;
}

std::optional<event_number> indexed_group::version_of(std::string_view stream_id) const {
  for (auto it = appends_.rbegin(); it != appends_.rend(); ++it)
    if (it->stream_id == stream_id) return it->first_version + it->events - 1;
  return std::nullopt;
}

void indexed_group::clear() {
  appends_.clear();
  ids_.clear();
  sealed_ = true;
}

void index_batch_builder::add_group(const indexed_group& group) {
  assert(group.sealed());
  for (const auto& append : group.appends()) {
    for (std::uint64_t i = 0; i < append.events; ++i) {
      key_.clear();
      layout::put_stream_key(key_, append.stream_id, append.first_version + i);
      value_.clear();
      varint::put_fixed64_be(value_, append.first_position + i);
      out().Put(store_.streams(), key_, value_);
    }
  }
  // RocksDB's memtable inserts ascending keys far more cheaply than random
  // ones.
  for (const auto& [id, entry] : group.ids()) {
    value_.clear();
    layout::put_id_entry(value_, entry);
    out().Put(store_.event_ids(), layout::id_key(id), value_);
  }
  if (!into_) batch_.Delete(store_.meta(), layout::id_backlog_key(group.first()));
}

rocksdb::WriteBatch index_batch_builder::take(log_position last) {
  value_.clear();
  varint::put_fixed64_be(value_, last);
  out().Put(store_.meta(), layout::kIndexedThroughKey, value_);
  if (into_) return rocksdb::WriteBatch();
  rocksdb::WriteBatch taken = std::move(batch_);
  batch_.Clear();
  return taken;
}

result<log_position> index_backlog(rocksdb_store& store) {
  auto stored = store.read_indexed_through();
  if (!stored) return std::move(stored).err();
  // Every store of this format has it: written when the store is stamped.
  if (!*stored) return error{error_code::corrupt, "the store says nothing of how far its indexes go"};
  result<log_position> through = **stored;
  index_batch_builder builder(store);
  std::unique_ptr<rocksdb::Iterator> it(store.db().NewIterator(rocksdb::ReadOptions{}, store.meta()));
  for (it->Seek(layout::kIdBacklogPrefix);
       it->Valid() && it->key().starts_with(layout::kIdBacklogPrefix); it->Next()) {
    const auto first = layout::decode_id_backlog_key(it->key().ToStringView());
    if (!first) return error{error_code::corrupt, "malformed id backlog key"};
    const auto sizes = layout::decode_append_sizes(it->value().ToStringView());
    if (!sizes) return corrupt_backlog(*first, "malformed append sizes");
    indexed_group group;
    if (auto read = read_group_from_log(store, *first, *sizes, group); !read)
      return std::move(read).err();
    group.seal();
    builder.add_group(group);
    rocksdb::WriteBatch index = builder.take(group.last());
    if (auto s = store.db().Write(rocksdb::WriteOptions{}, &index); !s.ok())
      return status_error(s, "indexing the id backlog");
    *through = group.last();
  }
  if (!it->status().ok()) return status_error(it->status(), "reading the id backlog");
  return through;
}

}  // namespace streamhub::storage
