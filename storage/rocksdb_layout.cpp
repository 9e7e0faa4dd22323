#include "storage/rocksdb_layout.hpp"

#include "protocol/crc32c.hpp"
#include "protocol/varint.hpp"

namespace streamhub::storage::layout {

namespace {
constexpr std::uint8_t kSnapshotFormat = 1;
}  // namespace

std::string event_key(log_position position) {
  std::string key;
  put_event_key(key, position);
  return key;
}

void put_event_key(std::string& out, log_position position) {
  varint::put_fixed64_be(out, position);
}

log_position decode_position(std::string_view fixed64_be) {
  return varint::get_fixed64_be(fixed64_be);
}

void put_stream_key(std::string& out, std::string_view stream_id, event_number version) {
  varint::put(out, stream_id.size());
  out.append(stream_id);
  varint::put_fixed64_be(out, version);
}

std::string stream_key(std::string_view stream_id, event_number version) {
  std::string key;
  put_stream_key(key, stream_id, version);
  return key;
}

std::string stream_prefix(std::string_view stream_id) {
  std::string key;
  varint::put(key, stream_id.size());
  key.append(stream_id);
  return key;
}

void put_id_entry(std::string& out, const id_entry& entry) {
  varint::put_fixed64_be(out, entry.position);
  varint::put(out, entry.version);
  varint::put(out, entry.remaining);
}

std::optional<id_entry> decode_id_entry(std::string_view value) {
  if (value.size() < 8) return std::nullopt;
  id_entry entry;
  entry.position = varint::get_fixed64_be(value);
  value.remove_prefix(8);
  if (!varint::get(value, entry.version) || !varint::get(value, entry.remaining) || !value.empty())
    return std::nullopt;
  return entry;
}

std::string id_backlog_key(log_position first_position) {
  std::string key(kIdBacklogPrefix);
  varint::put_fixed64_be(key, first_position);
  return key;
}

std::optional<log_position> decode_id_backlog_key(std::string_view key) {
  if (!key.starts_with(kIdBacklogPrefix) || key.size() != kIdBacklogPrefix.size() + 8)
    return std::nullopt;
  return varint::get_fixed64_be(key.substr(kIdBacklogPrefix.size()));
}

void put_append_size(std::string& out, std::uint64_t events) { varint::put(out, events); }

std::optional<std::vector<std::uint64_t>> decode_append_sizes(std::string_view value) {
  std::vector<std::uint64_t> sizes;
  while (!value.empty()) {
    std::uint64_t size = 0;
    if (!varint::get(value, size) || size == 0) return std::nullopt;
    sizes.push_back(size);
  }
  if (sizes.empty()) return std::nullopt;
  return sizes;
}

std::string encode_snapshot(const snapshot& snap) {
  std::string out;
  out.reserve(snap.state.size() + 24);
  out.push_back(static_cast<char>(kSnapshotFormat));
  varint::put(out, snap.version);
  varint::put(out, snap.schema_version);
  varint::put(out, snap.state.size());
  out.append(snap.state);
  const std::uint32_t crc = crc32c(out.data(), out.size());
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>(crc >> (8 * i)));
  return out;
}

result<snapshot> decode_snapshot(std::string_view record) {
  const auto corrupt = [](std::string_view why) {
    return error{error_code::corrupt, "corrupt snapshot record: " + std::string(why)};
  };
  if (record.size() < 5) return corrupt("too short");
  const auto format = static_cast<std::uint8_t>(record[0]);
  if (format == 0) return corrupt("format 0");
  if (format > kSnapshotFormat)
    return error{error_code::unsupported_format,
                 "snapshot record format " + std::to_string(format) + " is newer than this build reads"};
  const std::size_t body = record.size() - 4;
  std::uint32_t stored = 0;
  for (int i = 0; i < 4; ++i)
    stored |= std::uint32_t{static_cast<std::uint8_t>(record[body + i])} << (8 * i);
  if (crc32c(record.data(), body) != stored) return corrupt("checksum mismatch");
  std::string_view in = record.substr(1, body - 1);
  snapshot snap;
  std::uint64_t schema = 0, size = 0;
  if (!varint::get(in, snap.version) || !varint::get(in, schema) || !varint::get(in, size) ||
      size != in.size())
    return corrupt("bad fields");
  snap.schema_version = static_cast<std::uint32_t>(schema);
  snap.state.assign(in);
  return snap;
}

}  // namespace streamhub::storage::layout
