#include "tools/streamhub/log_stats.hpp"

#include <cstdio>
#include <unordered_set>

#include <nlohmann/json.hpp>

namespace streamhub::tools {

result<log_stats> collect_stats(const storage::event_log& log, const event_filter& filter,
                                const std::filesystem::path& store_dir) {
  log_stats stats;
  stats.head_position = log.head_position();
  std::unordered_set<std::string> streams;
  auto scanned = scan_matching(log, filter, [&](const event_envelope& e) {
    ++stats.events;
    stats.payload_bytes += e.payload.size();
    ++stats.by_type[e.type];
    if (!streams.contains(e.stream_id)) streams.insert(e.stream_id);
    return true;
  });
  if (!scanned) return std::move(scanned).err();
  stats.streams = streams.size();
  std::error_code ec;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(store_dir, ec))
    if (entry.is_regular_file(ec)) stats.disk_bytes += entry.file_size(ec);
  return stats;
}

std::string format_stats_table(const log_stats& stats) {
  std::string out;
  char line[256];
  const auto row = [&](const char* name, std::uint64_t value) {
    std::snprintf(line, sizeof line, "%-16s %14llu\n", name, static_cast<unsigned long long>(value));
    out += line;
  };
  row("head position", stats.head_position);
  row("events", stats.events);
  row("streams", stats.streams);
  row("payload bytes", stats.payload_bytes);
  row("disk bytes", stats.disk_bytes);
  if (stats.by_type.empty()) return out;
  std::size_t width = 4;
  for (const auto& [type, count] : stats.by_type) width = std::max(width, type.size());
  std::snprintf(line, sizeof line, "\n%-*s %14s\n", static_cast<int>(width), "type", "events");
  out += line;
  for (const auto& [type, count] : stats.by_type) {
    std::snprintf(line, sizeof line, "%-*s %14llu\n", static_cast<int>(width), type.c_str(),
                  static_cast<unsigned long long>(count));
    out += line;
  }
  return out;
}

std::string format_stats_json(const log_stats& stats) {
  nlohmann::ordered_json types = nlohmann::ordered_json::object();
  for (const auto& [type, count] : stats.by_type) types[type] = count;
  const nlohmann::ordered_json out{{"head_position", stats.head_position},
                           {"events", stats.events},
                           {"streams", stats.streams},
                           {"payload_bytes", stats.payload_bytes},
                           {"disk_bytes", stats.disk_bytes},
                           {"types", types}};
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace streamhub::tools
