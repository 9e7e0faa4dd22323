#include "tools/streamhub/secret_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>

namespace streamhub::tools {

namespace {

error io(const std::filesystem::path& path, std::string_view what) {
  return error{error_code::io_error, std::string(what) + " " + path.string() + ": " + std::strerror(errno)};
}

std::string random_hex(std::size_t bytes) {
  std::random_device device;  // /dev/urandom on Linux
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes * 2);
  for (std::size_t i = 0; i < bytes; ++i) {
    const auto b = static_cast<unsigned char>(device());
    out.push_back(digits[b >> 4]);
    out.push_back(digits[b & 0x0f]);
  }
  return out;
}

}  // namespace

result<std::string> load_or_create_secret(const std::filesystem::path& path, std::size_t bytes) {
  struct stat st{};
  if (::stat(path.c_str(), &st) == 0) {
    if (st.st_mode & (S_IRWXG | S_IRWXO))
      return error{error_code::invalid, path.string() + " is readable by others: chmod 600 it"};
    std::ifstream in(path);
    std::string secret;
    if (!std::getline(in, secret) || secret.empty()) return io(path, "cannot read");
    return secret;
  }
  const std::string secret = random_hex(bytes);
  // O_EXCL: two nodes starting at once on one directory do not both write.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return load_or_create_secret(path, bytes);
    return io(path, "cannot create");
  }
  const std::string line = secret + "\n";
  const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
                       ::fsync(fd) == 0;
  ::close(fd);
  if (!written) return io(path, "cannot write");
  return secret;
}

}  // namespace streamhub::tools
