#pragma once
// One line of the crash test's side file: an event the child's append was
// acknowledged for.

#include <cstdint>
#include <cstdio>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

namespace streamhub::testing {

inline constexpr const char* kSharedStream = "crash:shared";

inline std::uint64_t fnv1a64(std::string_view bytes) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
  return h;
}

struct crash_record {
  std::string stream;
  std::uint64_t version = 0;
  std::uint64_t position = 0;
  std::string event_id;
  std::uint64_t payload_hash = 0;
  std::size_t payload_size = 0;

  std::string to_line() const {
    char hash[17];
    std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(payload_hash));
    return stream + ' ' + std::to_string(version) + ' ' + std::to_string(position) + ' ' +
           event_id + ' ' + hash + ' ' + std::to_string(payload_size) + '\n';
  }

  /// nullopt when `line` is not a well-formed record.
  static std::optional<crash_record> parse(const std::string& line) {
    std::istringstream in(line);
    crash_record r;
    std::string hash;
    if (!(in >> r.stream >> r.version >> r.position >> r.event_id >> hash >> r.payload_size))
      return std::nullopt;
    r.payload_hash = std::stoull(hash, nullptr, 16);
    return r;
  }
};

}  // namespace streamhub::testing
