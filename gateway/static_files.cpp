#include "gateway/static_files.hpp"

#include <array>
#include <utility>

#include "gateway/url.hpp"

namespace streamhub::gateway {

namespace fs = std::filesystem;

result<static_files> static_files::open(const std::string& root) {
  std::error_code ec;
  const fs::path canonical = fs::canonical(root, ec);
  if (ec || !fs::is_directory(canonical, ec))
    return error{error_code::not_found, "web app directory not found: " + root};
  return static_files(canonical);
}

std::optional<fs::path> static_files::inside_root(const fs::path& candidate) const {
  std::error_code ec;
  const fs::path real = fs::canonical(candidate, ec);
  if (ec || !fs::is_regular_file(real, ec)) return std::nullopt;
  // Component-wise prefix check: /srv/app must not admit /srv/app-secrets.
  auto r = root_.begin();
  auto p = real.begin();
  for (; r != root_.end(); ++r, ++p)
    if (p == real.end() || *p != *r) return std::nullopt;
  return real;
}

std::optional<static_files::file> static_files::resolve(std::string_view url_path) const {
  auto decoded = percent_decode(url_path, false);
  if (!decoded || decoded->empty() || decoded->front() != '/') return std::nullopt;
  if (decoded->find('\0') != std::string::npos || decoded->find('\\') != std::string::npos)
    return std::nullopt;
  std::string_view rest(*decoded);
  fs::path relative;
  while (!rest.empty()) {
    const auto slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
    if (segment == "..") return std::nullopt;
    if (segment.empty() || segment == ".") continue;
    relative /= fs::path(std::string(segment));
  }
  const bool directory_like = decoded->back() == '/' || relative.empty();
  fs::path candidate = root_ / relative;
  if (directory_like) candidate /= "index.html";
  if (auto found = inside_root(candidate)) return file{*found, content_type_for(*found)};
  if (!directory_like && !relative.has_extension()) {
    if (auto index = inside_root(root_ / "index.html")) return file{*index, content_type_for(*index)};
  }
  return std::nullopt;
}

std::string_view content_type_for(const fs::path& path) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 16> types{{
      {".html", "text/html; charset=utf-8"},
      {".htm", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".ico", "image/x-icon"},
      {".webp", "image/webp"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
  }};
  const std::string ext = path.extension().string();
  for (const auto& [suffix, type] : types)
    if (suffix == ext) return type;
  return "application/octet-stream";
}

}  // namespace streamhub::gateway
