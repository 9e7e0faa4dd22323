#pragma once
// Rules every event_log implementation applies to an append the same way, so
// the disk log and its in-memory twin cannot drift apart: input validation,
// the conflict error, the shape of an append_result and of a stored envelope.
//
// Thread-safety: pure functions.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storage/event_log.hpp"

namespace streamhub::storage {

/// Checks a stream id. Errors: invalid (empty or longer than kMaxStreamIdSize).
result<void> validate_stream_id(std::string_view stream_id);

/// Checks an append's input. Errors: invalid (no events, empty or oversized
/// stream id, a nil event id).
result<void> validate_append(std::string_view stream_id, const std::vector<proposed_event>& events);

/// The conflict answered when `stream_id` is at `current` and the append
/// expected something else; carries `current_version`.
error conflict_error(std::string_view stream_id, expected_version expected, event_number current);

/// The result of an append of `count` events whose first event got
/// `first_version` and `first_position`.
inline append_result make_append_result(event_number first_version, log_position first_position,
                                        std::size_t count, bool duplicate = false) {
  return append_result{first_version, first_version + count - 1, first_position,
                       first_position + count - 1, duplicate};
}

/// Fills `out` (reusing its strings' capacity) with `event` as stored: its
/// position, stream and version, and `now_us` when it carries no timestamp.
void make_envelope(const proposed_event& event, std::string_view stream_id, event_number version,
                   log_position position, std::int64_t now_us, event_envelope& out);

/// Microseconds since the Unix epoch, by the system clock.
std::int64_t now_us();

}  // namespace streamhub::storage
