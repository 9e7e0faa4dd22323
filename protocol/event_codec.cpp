#include "protocol/event_codec.hpp"

#include <cstring>

#include "protocol/crc32c.hpp"
#include "protocol/varint.hpp"

namespace streamhub {

namespace {

constexpr std::uint8_t kHasCausation = 1;
constexpr std::uint8_t kHasCorrelation = 2;
constexpr std::size_t kCrcSize = 4;

void put_string(std::string& out, std::string_view s) {
  varint::put(out, s.size());
  out.append(s);
}

void put_id(std::string& out, const event_id& id) {
  out.append(reinterpret_cast<const char*>(id.bytes().data()), event_id::size);
}

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
  const std::size_t start = out.size();
  std::uint8_t flags = 0;
  if (!e.causation_id.is_nil()) flags |= kHasCausation;
  if (!e.correlation_id.is_nil()) flags |= kHasCorrelation;
  out.push_back(static_cast<char>(kEventFormatVersion));
  out.push_back(static_cast<char>(flags));
  varint::put(out, e.position);
  put_string(out, e.stream_id);
  varint::put(out, e.version);
  put_string(out, e.type);
  varint::put(out, e.schema_version);
  varint::put(out, varint::zigzag(e.timestamp_us));
  put_id(out, e.id);
  if (flags & kHasCausation) put_id(out, e.causation_id);
  if (flags & kHasCorrelation) put_id(out, e.correlation_id);
  put_string(out, e.actor);
  put_string(out, e.payload);
  const std::uint32_t crc = crc32c(out.data() + start, out.size() - start);
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>(crc >> (8 * i)));
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
