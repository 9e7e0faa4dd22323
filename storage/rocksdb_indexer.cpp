#include "storage/rocksdb_indexer.hpp"

#include <algorithm>
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

void index_batch_builder::end_group(log_position first, std::vector<indexed_id>& ids) {
  // RocksDB's memtable inserts ascending keys far more cheaply than random
  // ones.
  std::sort(ids_.begin(), ids_.end(),
            [](const indexed_id& a, const indexed_id& b) { return a.id < b.id; });
  for (const auto& [id, entry] : ids_) {
    value_.clear();
    layout::put_id_entry(value_, entry);
    out().Put(store_.event_ids(), layout::id_key(id), value_);
  }
  ids.clear();
  ids.swap(ids_);
  if (!into_) batch_.Delete(store_.meta(), layout::id_backlog_key(first));
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

void index_batch_builder::clear() {
  if (!into_) batch_.Clear();
  ids_.clear();
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
    auto last = add_group_from_log(store, *first, *sizes, builder);
    if (!last) return std::move(last).err();
    std::vector<indexed_id> ids;
    builder.end_group(*first, ids);
    rocksdb::WriteBatch index = builder.take(*last);
    if (auto s = store.db().Write(rocksdb::WriteOptions{}, &index); !s.ok())
      return status_error(s, "indexing the id backlog");
    *through = *last;
  }
  if (!it->status().ok()) return status_error(it->status(), "reading the id backlog");
  return through;
}

}  // namespace streamhub::storage
