#pragma once
// `streamhub log stats`: what a log (or the part an event_filter selects)
// holds: events, streams, bytes, counts by type.
//
// Thread-safety: none (a value type and pure functions).

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include "storage/event_log.hpp"
#include "tools/streamhub/event_filter.hpp"

namespace streamhub::tools {

struct log_stats {
  log_position head_position = 0;
  std::uint64_t events = 0;
  std::uint64_t streams = 0;
  /// Sum of the selected events' payload sizes.
  std::uint64_t payload_bytes = 0;
  /// Size of the store's files on disk (the whole store).
  std::uint64_t disk_bytes = 0;
  std::map<std::string, std::uint64_t> by_type;
};

/// Errors: those of the scan.
result<log_stats> collect_stats(const storage::event_log& log, const event_filter& filter,
                                const std::filesystem::path& store_dir);

/// A table for people.
std::string format_stats_table(const log_stats& stats);
/// One JSON object: {"head_position":..,"events":..,"streams":..,
/// "payload_bytes":..,"disk_bytes":..,"types":{"chat.message":12,...}}.
std::string format_stats_json(const log_stats& stats);

}  // namespace streamhub::tools
