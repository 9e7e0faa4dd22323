#include "tools/streamhub/event_filter.hpp"

#include <algorithm>

namespace streamhub::tools {

bool event_filter::type_matches(const std::string& type) const {
  if (types.empty()) return true;
  return std::any_of(types.begin(), types.end(), [&](const std::string& pattern) {
    if (pattern.size() >= 2 && pattern.ends_with(".*"))
      return type.starts_with(std::string_view(pattern).substr(0, pattern.size() - 1));
    return pattern == "*" || pattern == type;
  });
}

bool event_filter::matches(const event_envelope& e) const {
  return e.position >= from && !past_end(e.position) && (stream.empty() || e.stream_id == stream) &&
         type_matches(e.type);
}

result<log_position> scan_matching(const storage::event_log& log, const event_filter& filter,
                                   const storage::event_log::visitor& visit) {
  log_position last = 0;
  const auto examine = [&](const event_envelope& e) {
    if (filter.past_end(e.position)) return false;
    last = e.position;
    return !filter.matches(e) || visit(e);
  };
  auto scanned = filter.stream.empty()
                     ? log.scan_all(filter.from, SIZE_MAX, examine)
                     : log.scan_stream(filter.stream, 1, SIZE_MAX, examine);
  if (!scanned) return std::move(scanned).err();
  return last;
}

}  // namespace streamhub::tools
