#include "protocol/event_codec.hpp"

#include <cstring>

#include "protocol/crc32c.hpp"
#include "protocol/varint.hpp"

namespace streamhub {

namespace {

constexpr std::uint8_t kHasCausation = 1;
constexpr std::uint8_t kHasCorrelation = 2;
constexpr std::size_t kCrcSize = 4;

bool get_string(std::string_view& in, std::string& out) {
  std::uint64_t n;
  if (!varint::get(in, n) || n > in.size()) return false;
  out.assign(in.data(), n);
  in.remove_prefix(n);
  return true;
}

bool get_id(std::string_view& in, event_id& out) {
  if (in.size() < event_id::size) return false;
  event_id::bytes_type b;
  std::memcpy(b.data(), in.data(), event_id::size);
  out = event_id{b};
  in.remove_prefix(event_id::size);
  return true;
}

error corrupt(std::string_view what) {
  return error{error_code::corrupt, "corrupt event record: " + std::string(what)};
}

}  // namespace

void encode_event(const event_record_view& e, std::string& out) {
  std::uint8_t flags = 0;
  if (!e.causation_id.is_nil()) flags |= kHasCausation;
  if (!e.correlation_id.is_nil()) flags |= kHasCorrelation;
  // Sized once and written through a pointer: the writer encodes every
  // event of a group commit while its appenders wait, and appending field by
  // field re-checked the capacity for every byte.
  const std::size_t ids = event_id::size * (1 + (flags & kHasCausation ? 1 : 0) +
                                           (flags & kHasCorrelation ? 1 : 0));
  const std::size_t most = 2 + 8 * varint::kMaxSize + ids + e.stream_id.size() + e.type.size() +
                           e.actor.size() + e.payload.size() + kCrcSize;
  const std::size_t start = out.size();
  out.resize(start + most);
  char* const begin = out.data() + start;
  char* p = begin;
  const auto put_bytes = [&p](std::string_view s) {
    p = varint::encode(p, s.size());
    std::memcpy(p, s.data(), s.size());
    p += s.size();
  };
  const auto put_id_bytes = [&p](const event_id& id) {
    std::memcpy(p, id.bytes().data(), event_id::size);
    p += event_id::size;
  };
  *p++ = static_cast<char>(kEventFormatVersion);
  *p++ = static_cast<char>(flags);
  p = varint::encode(p, e.position);
  put_bytes(e.stream_id);
  p = varint::encode(p, e.version);
  put_bytes(e.type);
  p = varint::encode(p, e.schema_version);
  p = varint::encode(p, varint::zigzag(e.timestamp_us));
  put_id_bytes(e.id);
  if (flags & kHasCausation) put_id_bytes(e.causation_id);
  if (flags & kHasCorrelation) put_id_bytes(e.correlation_id);
  put_bytes(e.actor);
  put_bytes(e.payload);
  const std::uint32_t crc = crc32c(begin, static_cast<std::size_t>(p - begin));
  for (int i = 0; i < 4; ++i) *p++ = static_cast<char>(crc >> (8 * i));
  out.resize(static_cast<std::size_t>(p - out.data()));
}

void encode_event(const event_envelope& e, std::string& out) {
  encode_event(event_record_view{e.position, e.stream_id, e.version, e.type, e.schema_version,
                                 e.timestamp_us, e.id, e.causation_id, e.correlation_id, e.actor,
                                 e.payload},
               out);
}

std::string encode_event(const event_envelope& event) {
  std::string out;
  out.reserve(64 + event.stream_id.size() + event.type.size() + event.actor.size() +
              event.payload.size());
  encode_event(event, out);
  return out;
}

result<void> decode_event(std::string_view record, event_envelope& e) {
  if (record.size() < 2 + kCrcSize) return corrupt("too short");
  const auto format = static_cast<std::uint8_t>(record[0]);
  if (format > kEventFormatVersion || format == 0) {
    if (format > kEventFormatVersion)
      return error{error_code::unsupported_format,
                   "event record format " + std::to_string(format) +
                       " is newer than this build reads (" +
                       std::to_string(kEventFormatVersion) + ")"};
    return corrupt("format 0");
  }
  const std::size_t body_size = record.size() - kCrcSize;
  std::uint32_t stored = 0;
  for (int i = 0; i < 4; ++i)
    stored |= std::uint32_t{static_cast<std::uint8_t>(record[body_size + i])} << (8 * i);
  if (crc32c(record.data(), body_size) != stored) return corrupt("checksum mismatch");

  const auto flags = static_cast<std::uint8_t>(record[1]);
  std::string_view in = record.substr(2, body_size - 2);
  std::uint64_t schema = 0, ts = 0;
  if (!varint::get(in, e.position) || !get_string(in, e.stream_id) ||
      !varint::get(in, e.version) || !get_string(in, e.type) || !varint::get(in, schema) ||
      !varint::get(in, ts) || !get_id(in, e.id))
    return corrupt("truncated header");
  e.schema_version = static_cast<std::uint32_t>(schema);
  e.timestamp_us = varint::unzigzag(ts);
  e.causation_id = event_id{};
  e.correlation_id = event_id{};
  if ((flags & kHasCausation) && !get_id(in, e.causation_id)) return corrupt("truncated causation");
  if ((flags & kHasCorrelation) && !get_id(in, e.correlation_id))
    return corrupt("truncated correlation");
  if (!get_string(in, e.actor) || !get_string(in, e.payload)) return corrupt("truncated body");
  if (!in.empty()) return corrupt("trailing bytes");
  return {};
}

result<event_envelope> decode_event(std::string_view record) {
  event_envelope e;
  if (auto r = decode_event(record, e); !r) return std::move(r).err();
  return e;
}

}  // namespace streamhub
