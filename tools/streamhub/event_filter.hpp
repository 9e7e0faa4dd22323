#pragma once
// Which events `streamhub log` shows: one stream, some types, a position
// range. Types match exactly, or by prefix when written "chat.*".
//
// Thread-safety: immutable after construction.

#include <optional>
#include <string>
#include <vector>

#include "protocol/event_envelope.hpp"
#include "storage/event_log.hpp"

namespace streamhub::tools {

struct event_filter {
  /// Empty: every stream.
  std::string stream;
  /// Empty: every type.
  std::vector<std::string> types;
  log_position from = 1;
  std::optional<log_position> to;

  bool matches(const event_envelope& e) const;
  bool type_matches(const std::string& type) const;
  /// Whether `position` is past the range: nothing later can match.
  bool past_end(log_position position) const { return to && position > *to; }
};

/// Visits the events of `log` that `filter` matches, in position order,
/// until `visit` returns false or the range ends; reads one stream's index
/// when the filter names a stream. Returns the last position examined (0 if
/// none). Errors: those of the scans (corrupt names the position).
result<log_position> scan_matching(const storage::event_log& log, const event_filter& filter,
                                   const storage::event_log::visitor& visit);

}  // namespace streamhub::tools
