#pragma once
// Waits for files in one directory to be created, written or renamed into
// it (Linux inotify), so a reader following another process's files wakes
// when they change instead of polling.
//
// Thread-safety: one directory_watch per waiting thread.

#include <chrono>
#include <filesystem>
#include <memory>

#include "protocol/error.hpp"

namespace streamhub::storage {

class directory_watch {
 public:
  /// Starts watching `dir`. Changes from this moment on are reported.
  /// Errors: io_error (no such directory, inotify limits).
  static result<std::unique_ptr<directory_watch>> open(const std::filesystem::path& dir);
  ~directory_watch();

  directory_watch(const directory_watch&) = delete;
  directory_watch& operator=(const directory_watch&) = delete;

  /// Blocks until something in the directory changed since the last call
  /// (true) or `timeout` passed (false). An interrupting signal ends the
  /// wait early (false).
  bool wait(std::chrono::milliseconds timeout);

 private:
  explicit directory_watch(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace streamhub::storage
