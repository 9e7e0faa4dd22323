#include "tests/projections/pg_test_guardian.hpp"

#include <fcntl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "projections/pg/embedded_cluster.hpp"

namespace streamhub::projections::testing {
namespace {

namespace fs = std::filesystem;

void close_fd(int& fd) noexcept {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

// Blocks until end of file (or an error other than EINTR) on `fd`.
void wait_for_eof(int fd) noexcept {
  char byte;
  for (;;) {
    const ssize_t got = ::read(fd, &byte, 1);
    if (got == 0 || (got < 0 && errno != EINTR)) return;
  }
}

[[noreturn]] void guard(const fs::path& root, int life_read, int done_write) {
  // Detach: a new session, and a grandchild of the test process reparented to
  // init, so that killing the test's process tree does not reach it.
  ::setsid();
  if (::fork() != 0) ::_exit(0);
  const int null_fd = ::open("/dev/null", O_RDWR);
  for (int fd = 0; fd <= 2; ++fd) ::dup2(null_fd, fd);
  ::close(null_fd);
  wait_for_eof(life_read);
  sweep_test_clusters(root);
  ::close(done_write);  // tells a waiting finish() that the sweep is done
  ::_exit(0);
}

}  // namespace

void sweep_test_clusters(const fs::path& root) noexcept {
  try {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::end(it);
         it.increment(ec)) {
      if (!it->is_directory(ec) || !fs::exists(it->path() / "PG_VERSION", ec)) continue;
      it.disable_recursion_pending();
      embedded_cluster_options options;
      options.data_dir = it->path();
      embedded_cluster cluster(options);
      (void)cluster.stop(stop_mode::immediate);
    }
    fs::remove_all(root, ec);
  } catch (...) {
    // Nothing more a cleaner can do.
  }
}

result<pg_test_guardian> pg_test_guardian::start(fs::path root) {
  int life[2];
  int done[2];
  if (::pipe2(life, O_CLOEXEC) != 0) {
    return error{error_code::io_error, std::string("pipe: ") + std::strerror(errno)};
  }
  if (::pipe2(done, O_CLOEXEC) != 0) {
    ::close(life[0]);
    ::close(life[1]);
    return error{error_code::io_error, std::string("pipe: ") + std::strerror(errno)};
  }
  const pid_t child = ::fork();
  if (child < 0) {
    for (int fd : {life[0], life[1], done[0], done[1]}) ::close(fd);
    return error{error_code::io_error, std::string("fork: ") + std::strerror(errno)};
  }
  if (child == 0) {
    ::close(life[1]);
    ::close(done[0]);
    guard(root, life[0], done[1]);
  }
  ::close(life[0]);
  ::close(done[1]);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  return pg_test_guardian(life[1], done[0]);
}

pg_test_guardian::pg_test_guardian(pg_test_guardian&& other) noexcept
    : life_write_(std::exchange(other.life_write_, -1)),
      done_read_(std::exchange(other.done_read_, -1)) {}

pg_test_guardian::~pg_test_guardian() { finish(); }

void pg_test_guardian::finish() noexcept {
  close_fd(life_write_);
  if (done_read_ >= 0) wait_for_eof(done_read_);
  close_fd(done_read_);
}

}  // namespace streamhub::projections::testing
