#include "projections/pg/system_user.hpp"

#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include <cerrno>
#include <cstring>
#include <thread>
#include <vector>

#include "projections/pg/backoff.hpp"
#include "projections/pg/child_process.hpp"

namespace streamhub::projections {
namespace {

namespace fs = std::filesystem;

// useradd's exit codes (shadow-utils): the user already exists; the user
// database is locked by another process.
constexpr int useradd_user_exists = 9;
constexpr int useradd_cannot_lock = 10;

std::vector<gid_t> groups_of(const system_user& user) {
  int count = 16;
  std::vector<gid_t> groups(static_cast<std::size_t>(count));
  if (::getgrouplist(user.name.c_str(), user.gid, groups.data(), &count) < 0) {
    groups.resize(static_cast<std::size_t>(count));
    ::getgrouplist(user.name.c_str(), user.gid, groups.data(), &count);
  }
  groups.resize(static_cast<std::size_t>(count));
  return groups;
}

bool searchable(const struct stat& st, const system_user& user, const std::vector<gid_t>& groups) {
  if (user.uid == 0) return true;
  if (st.st_uid == user.uid) return (st.st_mode & S_IXUSR) != 0;
  for (gid_t g : groups) {
    if (g == st.st_gid) return (st.st_mode & S_IXGRP) != 0;
  }
  return (st.st_mode & S_IXOTH) != 0;
}

}  // namespace

bool running_as_root() noexcept { return ::geteuid() == 0; }

system_user current_user() {
  system_user me;
  me.uid = ::geteuid();
  me.gid = ::getegid();
  passwd entry{};
  passwd* found = nullptr;
  std::vector<char> buffer(16384);
  if (::getpwuid_r(me.uid, &entry, buffer.data(), buffer.size(), &found) == 0 && found) {
    me.name = entry.pw_name;
  } else {
    me.name = "uid " + std::to_string(me.uid);
  }
  return me;
}

result<std::optional<system_user>> find_user(const std::string& name) {
  passwd entry{};
  passwd* found = nullptr;
  std::vector<char> buffer(16384);
  const int rc = ::getpwnam_r(name.c_str(), &entry, buffer.data(), buffer.size(), &found);
  if (found) return std::optional<system_user>(system_user{name, entry.pw_uid, entry.pw_gid});
  // getpwnam_r reports "no such user" as 0 or as one of these, by backend.
  if (rc == 0 || rc == ENOENT || rc == ESRCH || rc == EBADF || rc == EPERM) {
    return std::optional<system_user>{};
  }
  return error{error_code::io_error,
               "cannot read the user database for '" + name + "': " + std::strerror(rc)};
}

result<system_user> ensure_system_user(const std::string& name) {
  backoff delays({std::chrono::milliseconds{50}, std::chrono::seconds{1}});
  for (int attempt = 0; attempt < 20; ++attempt) {
    auto user = find_user(name);
    if (!user) return std::move(user).err();
    if (*user) return **user;
    if (!running_as_root()) {
      return error{error_code::forbidden,
                   "the system user '" + name + "' does not exist and only root can create it"};
    }
    const fs::path useradd = fs::exists("/usr/sbin/useradd") ? "/usr/sbin/useradd" : "/sbin/useradd";
    if (!fs::exists(useradd)) {
      return error{error_code::unavailable,
                   "useradd not found; create the system user '" + name +
                       "' by hand (useradd --system --no-create-home --user-group " + name + ")"};
    }
    const std::string shell = fs::exists("/usr/sbin/nologin") ? "/usr/sbin/nologin" : "/bin/false";
    spdlog::info("creating the system user '{}' to run PostgreSQL", name);
    auto ran = run_child({useradd.string(), "--system", "--no-create-home", "--home-dir",
                          "/nonexistent", "--shell", shell, "--user-group", "--comment",
                          "StreamHub PostgreSQL", name});
    if (!ran) return std::move(ran).err();
    if (ran->exit_code == 0 || ran->exit_code == useradd_user_exists) continue;
    if (ran->exit_code == useradd_cannot_lock) {
      // Another process is editing /etc/passwd (perhaps creating the same
      // user): look again after a pause.
      std::this_thread::sleep_for(delays.next_delay());
      continue;
    }
    return error{error_code::unavailable, "useradd " + name + " failed (exit " +
                                              std::to_string(ran->exit_code) +
                                              "): " + output_tail(*ran)};
  }
  return error{error_code::unavailable, "could not create the system user '" + name +
                                            "': the user database stayed locked"};
}

result<system_user> postgres_owner(const std::string& name) {
  if (running_as_root()) return ensure_system_user(name);
  return current_user();
}

result<void> ensure_reachable(const fs::path& dir, const system_user& user) {
  const auto groups = groups_of(user);
  std::error_code ec;
  // Symbolic links resolved: permissions are those of the real directories.
  const fs::path parent = fs::canonical(fs::absolute(dir).parent_path(), ec);
  if (ec) return error{error_code::io_error, "cannot resolve " + dir.parent_path().string() + ": " + ec.message()};
  for (fs::path p = parent;; p = p.parent_path()) {
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) {
      return error{error_code::io_error, "stat " + p.string() + ": " + std::strerror(errno)};
    }
    if (!searchable(st, user, groups)) {
      if (p != parent || st.st_uid == user.uid) {
        return error{error_code::forbidden,
                     "PostgreSQL runs as the user '" + user.name + "', which cannot reach " +
                         dir.string() + ": " + p.string() +
                         " is not searchable by it. Grant it search permission (for example "
                         "chmod o+x " + p.string() + ") or choose another data directory"};
      }
      // Group search only: the user passes through; listing and reading stay denied.
      const mode_t mode = (st.st_mode & 07777 & ~(S_IRGRP | S_IWGRP)) | S_IXGRP;
      if (::chown(p.c_str(), static_cast<uid_t>(-1), user.gid) != 0 || ::chmod(p.c_str(), mode) != 0) {
        return error{error_code::io_error,
                     "cannot let '" + user.name + "' reach " + p.string() + ": " + std::strerror(errno)};
      }
      spdlog::info("gave {} to the group of '{}' with search permission only (mode {:o}) so "
                   "PostgreSQL can reach its data directory",
                   p.string(), user.name, mode);
    }
    if (p == p.root_path()) break;
  }
  return {};
}

result<void> give_to(const fs::path& path, const system_user& user) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    return error{error_code::io_error, "stat " + path.string() + ": " + std::strerror(errno)};
  }
  if (st.st_uid == user.uid && st.st_gid == user.gid) return {};
  if (::lchown(path.c_str(), user.uid, user.gid) != 0) {
    return error{error_code::io_error, "chown " + path.string() + " to " + user.name + ": " +
                                           std::strerror(errno)};
  }
  return {};
}

}  // namespace streamhub::projections
