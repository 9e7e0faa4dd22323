#include "storage/append_rules.hpp"

#include <chrono>

namespace streamhub::storage {

result<void> validate_stream_id(std::string_view stream_id) {
  if (stream_id.empty()) return error{error_code::invalid, "empty stream id"};
  if (stream_id.size() > kMaxStreamIdSize)
    return error{error_code::invalid, "stream id longer than " + std::to_string(kMaxStreamIdSize) +
                                          " bytes"};
  return {};
}

result<void> validate_append(std::string_view stream_id, const std::vector<proposed_event>& events) {
  if (events.empty()) return error{error_code::invalid, "an append needs at least one event"};
  if (auto valid = validate_stream_id(stream_id); !valid) return valid;
  for (const auto& e : events)
    if (e.id.is_nil()) return error{error_code::invalid, "an event needs a non-nil id"};
  return {};
}

error conflict_error(std::string_view stream_id, expected_version expected, event_number current) {
  error e{error_code::conflict, "stream " + std::string(stream_id) + " is at version " +
                                    std::to_string(current) + ", expected " + expected.to_string()};
  e.current_version = current;
  return e;
}

void make_envelope(const proposed_event& event, std::string_view stream_id, event_number version,
                   log_position position, std::int64_t now, event_envelope& out) {
  out.position = position;
  out.stream_id.assign(stream_id);
  out.version = version;
  out.type.assign(event.type);
  out.schema_version = event.schema_version;
  out.timestamp_us = event.timestamp_us != 0 ? event.timestamp_us : now;
  out.id = event.id;
  out.causation_id = event.causation_id;
  out.correlation_id = event.correlation_id;
  out.actor.assign(event.actor);
  out.payload.assign(event.payload);
}

std::int64_t now_us() {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace streamhub::storage
