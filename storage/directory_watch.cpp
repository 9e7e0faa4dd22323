#include "storage/directory_watch.hpp"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>

namespace streamhub::storage {

result<std::unique_ptr<directory_watch>> directory_watch::open(const std::filesystem::path& dir) {
  const int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0) return error{error_code::io_error, std::string("inotify_init1: ") + std::strerror(errno)};
  if (inotify_add_watch(fd, dir.c_str(), IN_MODIFY | IN_CREATE | IN_MOVED_TO | IN_CLOSE_WRITE) < 0) {
    const int e = errno;
    ::close(fd);
    return error{error_code::io_error, "watching " + dir.string() + ": " + std::strerror(e)};
  }
  return std::unique_ptr<directory_watch>(new directory_watch(fd));
}

directory_watch::~directory_watch() { ::close(fd_); }

bool directory_watch::wait(std::chrono::milliseconds timeout) {
  pollfd p{fd_, POLLIN, 0};
  const auto ms = std::clamp<std::int64_t>(timeout.count(), 0, std::numeric_limits<int>::max());
  const int n = ::poll(&p, 1, static_cast<int>(ms));
  if (n <= 0) return false;
  // Drain every pending event: one wake-up covers all changes so far.
  alignas(inotify_event) char buffer[4096];
  while (::read(fd_, buffer, sizeof buffer) > 0) {
  }
  return true;
}

}  // namespace streamhub::storage
