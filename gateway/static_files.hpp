#pragma once
// Maps request paths to files under the web app's directory, safely: the
// path is percent-decoded, ".." segments, backslashes and NULs are refused,
// and the resolved file (symlinks followed) must lie inside the root.
// Paths without a file extension that name no file resolve to index.html, so
// the web app's client-side routes load the app.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "protocol/error.hpp"

namespace streamhub::gateway {

/// Immutable after open; thread-safe.
class static_files {
 public:
  /// Errors: not_found when `root` is not a directory.
  static result<static_files> open(const std::string& root);

  struct file {
    std::filesystem::path path;
    std::string_view content_type;
  };

  /// The file to serve for `url_path` (the request target's path), or
  /// nullopt (404).
  std::optional<file> resolve(std::string_view url_path) const;

 private:
  explicit static_files(std::filesystem::path root) : root_(std::move(root)) {}
  std::optional<std::filesystem::path> inside_root(const std::filesystem::path& candidate) const;

  std::filesystem::path root_;
};

/// Content-Type by file extension; application/octet-stream when unknown.
std::string_view content_type_for(const std::filesystem::path& path);

}  // namespace streamhub::gateway
