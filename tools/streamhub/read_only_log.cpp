#include "tools/streamhub/read_only_log.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace streamhub::tools {

result<read_only_log> read_only_log::open(const std::filesystem::path& events_dir) {
  std::error_code ec;
  if (!std::filesystem::exists(events_dir / "CURRENT", ec))
    return error{error_code::not_found,
                 "no event store at " + events_dir.string() + " (is --data right?)"};
  std::string pattern = (std::filesystem::temp_directory_path() / "streamhub-log-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr)
    return error{error_code::io_error, "cannot create a temporary directory: " +
                                           std::string(std::strerror(errno))};
  const std::filesystem::path scratch = pattern;
  auto log = storage::rocksdb_event_log::open_secondary(events_dir, scratch);
  if (!log) {
    std::filesystem::remove_all(scratch, ec);
    return std::move(log).err();
  }
  return read_only_log(scratch, std::move(*log));
}

read_only_log::~read_only_log() {
  if (!log_) return;  // moved from
  log_.reset();
  std::error_code ec;
  std::filesystem::remove_all(scratch_, ec);
}

}  // namespace streamhub::tools
