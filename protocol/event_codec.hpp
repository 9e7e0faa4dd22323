#pragma once
// Compact, versioned binary encoding of an event_envelope, as stored on disk.
//
//   record        := format:u8 flags:u8 body crc:u32le
//   format        := 1                      (kEventFormatVersion)
//   flags         := bit0 causation present, bit1 correlation present
//   body          := varint(position) string(stream_id) varint(version)
//                    string(type) varint(schema_version) zigzag-varint(timestamp_us)
//                    id[16] [causation[16]] [correlation[16]]
//                    string(actor) string(payload)
//   string        := varint(byte length) bytes
//   varint        := LEB128, at most 10 bytes
//   crc           := CRC-32C (Castagnoli) of every byte before it
//
// A decoder rejects a format above kEventFormatVersion with
// unsupported_format, and any truncation, overrun or checksum mismatch with
// corrupt.

#include <cstdint>
#include <string>
#include <string_view>

#include "protocol/error.hpp"
#include "protocol/event_envelope.hpp"

namespace streamhub {

inline constexpr std::uint8_t kEventFormatVersion = 1;

/// The fields of one record, borrowed: a writer encodes a record from the
/// caller's strings without first copying them into an envelope.
struct event_record_view {
  log_position position = 0;
  std::string_view stream_id;
  event_number version = 0;
  std::string_view type;
  std::uint32_t schema_version = 1;
  std::int64_t timestamp_us = 0;
  event_id id;
  event_id causation_id;
  event_id correlation_id;
  std::string_view actor;
  std::string_view payload;
};

/// Appends the binary record of `event` to `out`.
void encode_event(const event_record_view& event, std::string& out);
void encode_event(const event_envelope& event, std::string& out);
std::string encode_event(const event_envelope& event);

/// Decodes one record into `out` (whose strings are reused, to spare
/// allocations in scans). Errors: corrupt, unsupported_format.
result<void> decode_event(std::string_view record, event_envelope& out);
result<event_envelope> decode_event(std::string_view record);

}  // namespace streamhub
