#pragma once
// The on-disk layout of rocksdb_event_log: column families, keys and values.
// The full description, with the reasons behind it, is storage/FORMAT.md.
//
//   column family  key                                   value
//   default        "format_version"                      decimal ASCII, e.g. "2"
//   default        "indexed_through"                     position:u64be
//   default        "id_backlog/" first_position:u64be    varint(events) per append
//   events         position:u64be                        event record (protocol/event_codec.hpp)
//   streams        varint(len) stream_id version:u64be   position:u64be
//   event_ids      id[16]                                position:u64be varint(version)
//                                                        varint(events after it in its append)
//   snapshots      stream_id                             snapshot record (below)
//
//   snapshot record := format:u8 (=1) varint(version) varint(schema_version)
//                      varint(len) state crc:u32le
//   crc             := CRC-32C of every byte before it
//
// Big-endian fixed-width numbers make byte order equal numeric order, so a
// stream's events and the whole log iterate in order.
//
// Thread-safety: pure functions.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/error.hpp"
#include "protocol/event_envelope.hpp"
#include "storage/event_log.hpp"

namespace streamhub::storage::layout {

/// Bumped when a change would mislead an older build; an older build refuses
/// to open a newer store (error_code::unsupported_format).
/// 2: the streams and event_ids families may lag the events; "indexed_through"
/// and the id backlog say how far they go and how to complete them.
inline constexpr std::uint32_t kStoreFormatVersion = 2;

inline constexpr const char* kMetaFamily = "default";
inline constexpr const char* kEventsFamily = "events";
inline constexpr const char* kStreamsFamily = "streams";
inline constexpr const char* kEventIdsFamily = "event_ids";
inline constexpr const char* kSnapshotsFamily = "snapshots";
inline constexpr const char* kFormatVersionKey = "format_version";
/// default: the last position whose streams and event_ids entries are written.
inline constexpr const char* kIndexedThroughKey = "indexed_through";
inline constexpr std::string_view kIdBacklogPrefix = "id_backlog/";

/// events: the key of `position`.
std::string event_key(log_position position);
/// Appends the key of `position` to `out`.
void put_event_key(std::string& out, log_position position);
/// REQUIRES: key.size() == 8.
log_position decode_position(std::string_view fixed64_be);

/// streams: the key of (`stream_id`, `version`), appended to `out`.
void put_stream_key(std::string& out, std::string_view stream_id, event_number version);
std::string stream_key(std::string_view stream_id, event_number version);
/// The part of a stream key shared by all of `stream_id`'s versions.
std::string stream_prefix(std::string_view stream_id);

/// event_ids: where an event landed, described to the end of its append, so
/// a retried append can be answered with its original result.
struct id_entry {
  log_position position = 0;
  event_number version = 0;
  std::uint64_t remaining = 0;
};
/// event_ids: the key of `id`, its 16 bytes (a view into `id`).
inline std::string_view id_key(const event_id& id) {
  return {reinterpret_cast<const char*>(id.bytes().data()), event_id::size};
}
void put_id_entry(std::string& out, const id_entry& entry);
/// nullopt when malformed.
std::optional<id_entry> decode_id_entry(std::string_view value);

/// default: the id backlog entry of the group commit whose first event is
/// at `first_position`. Its value lists the sizes of the group's appends in
/// log order (put_append_sizes), which is what event_ids entries need beyond
/// the events themselves.
std::string id_backlog_key(log_position first_position);
/// The first position of an id backlog key; nullopt when `key` is not one.
std::optional<log_position> decode_id_backlog_key(std::string_view key);
void put_append_size(std::string& out, std::uint64_t events);
/// nullopt when malformed (empty, a zero size, or a bad varint).
std::optional<std::vector<std::uint64_t>> decode_append_sizes(std::string_view value);

/// snapshots: the record of `snap`.
std::string encode_snapshot(const snapshot& snap);
/// Errors: corrupt, unsupported_format (a newer record format).
result<snapshot> decode_snapshot(std::string_view record);

}  // namespace streamhub::storage::layout
