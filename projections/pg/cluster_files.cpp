#include "projections/pg/cluster_files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace streamhub::projections {
namespace {

namespace fs = std::filesystem;

// sun_path holds 108 bytes including the terminating NUL.
constexpr std::size_t max_socket_path = 107;

// A settings-file string: single quotes, embedded quotes doubled.
std::string conf_quote(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

error io_error(std::string_view what, const fs::path& path) {
  return error{error_code::io_error,
               std::string(what) + " " + path.string() + ": " + std::strerror(errno)};
}

}  // namespace

std::string settings_text(const embedded_cluster_options& options, const fs::path& socket_dir) {
  std::ostringstream conf;
  conf << "# Written by streamhub at every start of the embedded cluster; edits here\n"
          "# are lost. To override a setting use ALTER SYSTEM (postgresql.auto.conf).\n\n"
          "listen_addresses = ''\n"
       << "port = " << options.port << "\n"
       << "unix_socket_directories = " << conf_quote(socket_dir.string()) << "\n"
       << "unix_socket_permissions = 0700\n"
       << "max_connections = " << options.max_connections << "\n"
       << "shared_buffers = " << conf_quote(options.shared_buffers) << "\n\n";
  if (options.durable) {
    conf << "fsync = on\n"
            "# A projector writes its rows and its checkpoint in one transaction, and the\n"
            "# event log is the system of record: a commit lost in a crash is simply\n"
            "# applied again from the log. So commits need not wait for the WAL flush.\n"
            "synchronous_commit = off\n\n";
  } else {
    conf << "# A throwaway cluster (tests): nothing is synced to disk.\n"
            "fsync = off\n"
            "synchronous_commit = off\n"
            "full_page_writes = off\n\n";
  }
  conf << "logging_collector = on\n"
          "log_directory = 'log'\n"
          "log_filename = 'postgresql-%a.log'\n"
          "log_truncate_on_rotation = on\n"
          "log_rotation_age = '1d'\n"
          "log_rotation_size = 0\n"
          "log_line_prefix = '%m [%p] %q%u@%d '\n";
  return conf.str();
}

result<void> ensure_settings_included(const fs::path& postgresql_conf) {
  const std::string line = "include_if_exists " + conf_quote(settings_file_name);
  const std::string text = read_file(postgresql_conf);
  if (text.find(line) != std::string::npos) return {};
  std::ofstream out(postgresql_conf, std::ios::app);
  out << "\n# StreamHub's settings for the embedded cluster.\n" << line << "\n";
  out.close();
  if (!out) return io_error("cannot append to", postgresql_conf);
  return {};
}

result<void> write_file(const fs::path& path, std::string_view text,
                        const std::optional<system_user>& owner) {
  const fs::path temporary = path.string() + ".tmp";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return io_error("cannot create", temporary);
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  const bool owned = !owner || ::fchown(fd, owner->uid, owner->gid) == 0;
  if (::close(fd) != 0 || !written || !owned) {
    ::unlink(temporary.c_str());
    return io_error("cannot write", temporary);
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) return io_error("cannot replace", path);
  return {};
}

std::string file_tail(const fs::path& path, std::size_t max_chars) {
  std::string text = read_file(path);
  if (text.size() > max_chars) text.erase(0, text.size() - max_chars);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

std::optional<int> read_pg_version(const fs::path& data_dir) {
  std::ifstream in(data_dir / "PG_VERSION");
  int version = 0;
  if (in >> version && version > 0) return version;
  return std::nullopt;
}

std::optional<int> read_lock_pid(const fs::path& lock_file) {
  std::ifstream in(lock_file);
  int pid = 0;
  if (in >> pid && pid > 0) return pid;
  return std::nullopt;
}

result<void> validate_data_dir(const fs::path& data_dir) {
  if (!data_dir.is_absolute()) {
    return error{error_code::invalid, "the PostgreSQL data directory must be an absolute path: " +
                                          data_dir.string()};
  }
  if (data_dir.string().find_first_of("\"'$`\\\n") != std::string::npos) {
    return error{error_code::invalid,
                 "the PostgreSQL data directory " + data_dir.string() +
                     " must not contain quotes, '$', '`', '\\' or newlines "
                     "(pg_ctl passes it through a shell)"};
  }
  return {};
}

bool usable_socket_dir(const fs::path& dir, std::uint16_t port) {
  const std::string path = dir.string();
  const std::size_t length = path.size() + std::string("/.s.PGSQL.").size() + std::to_string(port).size();
  if (length > max_socket_path) return false;
  return path.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._+-") ==
         std::string::npos;
}

std::string conninfo_quote(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

}  // namespace streamhub::projections
