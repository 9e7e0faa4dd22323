#include "projections/pg/embedded_cluster.hpp"

#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <pqxx/connection>
#include <pqxx/nontransaction>
#include <spdlog/spdlog.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <thread>

#include "projections/pg/backoff.hpp"
#include "projections/pg/child_process.hpp"
#include "projections/pg/cluster_files.hpp"
#include "projections/pg/pg_error.hpp"

namespace streamhub::projections {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

error io_error(std::string_view what, const fs::path& path, const std::error_code& ec) {
  return error{error_code::io_error, std::string(what) + " " + path.string() + ": " + ec.message()};
}

// A zombie counts as gone: a postmaster killed while its parent is an init
// that reaps late lingers as one, and holds nothing.
bool process_alive(int pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return ::kill(pid, 0) == 0 || errno == EPERM;
  // "pid (comm) S ...": the state follows the last ')'.
  const auto paren = line.rfind(')');
  return paren != std::string::npos && paren + 2 < line.size() && line[paren + 2] != 'Z' &&
         line[paren + 2] != 'X';
}

// True when `pid` is a PostgreSQL server process of `owner` working in
// `data_dir` (every postgres process makes the data directory its working
// directory). What /proc does not let us read is given the benefit of the
// doubt: pg_ctl, which knows, decides then.
bool runs_in(int pid, const fs::path& data_dir, const system_user& owner) {
  const fs::path proc = "/proc/" + std::to_string(pid);
  struct stat st {};
  if (::stat(proc.c_str(), &st) != 0 || st.st_uid != owner.uid) return false;
  std::error_code ec;
  const fs::path exe = fs::read_symlink(proc / "exe", ec);
  if (!ec && exe.filename().string().rfind("postgres", 0) != 0) return false;
  const fs::path cwd = fs::read_symlink(proc / "cwd", ec);
  return ec || cwd == fs::weakly_canonical(data_dir, ec);
}

// The newest server log; errors after start-up are there, not in startup.log.
fs::path latest_log(const fs::path& data_dir) {
  fs::path newest = data_dir / "log" / "startup.log";
  std::error_code ec;
  auto newest_time = fs::last_write_time(newest, ec);
  for (const auto& entry : fs::directory_iterator(data_dir / "log", ec)) {
    const auto time = entry.last_write_time(ec);
    if (!ec && time > newest_time) {
      newest = entry.path();
      newest_time = time;
    }
  }
  return newest;
}

std::string pg_failure(std::string_view what, const child_outcome& ran) {
  return std::string(what) + " (exit " + std::to_string(ran.exit_code) + "): " + output_tail(ran);
}

}  // namespace

embedded_cluster::embedded_cluster(embedded_cluster_options options)
    : options_(std::move(options)) {
  std::error_code ec;
  options_.data_dir = fs::absolute(options_.data_dir, ec).lexically_normal();
  if (!options_.data_dir.has_filename()) options_.data_dir = options_.data_dir.parent_path();
}

embedded_cluster::~embedded_cluster() {
  if (started_) {
    if (auto stopped = stop(); !stopped) spdlog::warn("{}", stopped.err().message);
  }
  if (!private_socket_dir_.empty()) {
    std::error_code ec;
    fs::remove_all(private_socket_dir_, ec);
  }
}

result<void> embedded_cluster::prepare() {
  if (auto valid = validate_data_dir(options_.data_dir); !valid) return valid;
  if (!owner_) {
    auto user = postgres_owner(options_.system_user);
    if (!user) return std::move(user).err();
    owner_ = *user;
  }
  if (!binaries_) {
    auto found = find_pg_binaries(options_.bin_dir, read_pg_version(options_.data_dir));
    if (!found) return std::move(found).err();
    binaries_ = *found;
  }
  return {};
}

result<child_outcome> embedded_cluster::run_as_owner(std::vector<std::string> argv,
                                                     milliseconds timeout) {
  child_options child;
  if (running_as_root()) child.run_as = owner_;
  child.timeout = timeout;
  return run_child(argv, child);
}

result<void> embedded_cluster::start() {
  if (started_) return {};
  if (auto ready = prepare(); !ready) return ready;
  std::error_code ec;
  fs::create_directories(options_.data_dir.parent_path(), ec);
  if (ec) return io_error("cannot create", options_.data_dir.parent_path(), ec);
  if (running_as_root()) {
    if (auto reachable = ensure_reachable(options_.data_dir, *owner_); !reachable) return reachable;
  }
  if (!read_pg_version(options_.data_dir)) {
    if (auto made = initialise(); !made) return made;
  }
  for (auto step : {&embedded_cluster::choose_socket_dir, &embedded_cluster::write_settings,
                    &embedded_cluster::clear_leftovers, &embedded_cluster::launch}) {
    if (auto done = (this->*step)(); !done) return done;
  }
  started_ = true;
  if (auto ready = check_connection(); !ready) {
    (void)stop(stop_mode::immediate);
    return ready;
  }
  return {};
}

result<bool> embedded_cluster::attach() {
  const auto pid = read_lock_pid(options_.data_dir / "postmaster.pid");
  if (!pid || !process_alive(*pid)) return false;
  if (auto ready = prepare(); !ready) return std::move(ready).err();
  if (!runs_in(*pid, options_.data_dir, *owner_)) return false;
  // postmaster.pid, one value a line: pid, data directory, start time, port,
  // first socket directory, listen address, shared memory key, status.
  std::ifstream in(options_.data_dir / "postmaster.pid");
  std::string line;
  std::vector<std::string> lines;
  while (lines.size() < 5 && std::getline(in, line)) lines.push_back(line);
  if (lines.size() < 5 || lines[4].empty()) return false;  // still starting
  std::uint16_t port = 0;
  if (std::from_chars(lines[3].data(), lines[3].data() + lines[3].size(), port).ec != std::errc{}) {
    return false;
  }
  options_.port = port;
  socket_dir_ = lines[4];
  return true;
}

result<void> embedded_cluster::initialise() {
  // initdb works in a sibling directory renamed into place when complete, so
  // a crash during initdb never leaves a half-made cluster behind.
  const fs::path data = options_.data_dir;
  const fs::path building = data.string() + ".initdb";
  std::error_code ec;
  if (fs::exists(data, ec) && !fs::is_empty(data, ec)) {
    return error{error_code::invalid, data.string() +
                                          " is not empty and holds no PostgreSQL cluster "
                                          "(no PG_VERSION); empty it or move it away"};
  }
  fs::remove_all(building, ec);
  if (!fs::create_directory(building, ec)) return io_error("cannot create", building, ec);
  fs::permissions(building, fs::perms::owner_all, ec);
  if (auto owned = give_to(building, *owner_); !owned) return owned;

  spdlog::info("initialising a PostgreSQL {} cluster in {}", binaries_->major_version, data.string());
  std::vector<std::string> argv{binaries_->initdb().string(), "--pgdata=" + building.string(),
                                "--username=" + options_.superuser, "--encoding=UTF8",
                                "--locale=C", "--auth-local=trust", "--auth-host=reject",
                                "--no-instructions"};
  if (!options_.durable) argv.push_back("--no-sync");
  auto ran = run_as_owner(argv, options_.start_timeout);
  if (!ran || ran->exit_code != 0) {
    fs::remove_all(building, ec);
    if (!ran) return std::move(ran).err();
    return error{error_code::unavailable, pg_failure("initdb failed", *ran)};
  }
  if (auto included = ensure_settings_included(building / "postgresql.conf"); !included) {
    return included;
  }
  fs::create_directory(building / "log", ec);
  fs::permissions(building / "log", fs::perms::owner_all, ec);
  if (auto owned = give_to(building / "log", *owner_); !owned) return owned;
  if (fs::exists(data, ec)) fs::remove(data, ec);  // empty, checked above
  fs::rename(building, data, ec);
  if (ec) return io_error("cannot move the new cluster to", data, ec);
  return {};
}

result<void> embedded_cluster::choose_socket_dir() {
  if (!socket_dir_.empty()) return {};  // keep one socket path for this object's lifetime
  if (usable_socket_dir(options_.data_dir, options_.port)) {
    socket_dir_ = options_.data_dir;
    return {};
  }
  std::string pattern = "/tmp/streamhub-pg-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    return error{error_code::io_error, "cannot create a socket directory under /tmp: " +
                                           std::string(std::strerror(errno))};
  }
  private_socket_dir_ = socket_dir_ = pattern;
  if (auto owned = give_to(socket_dir_, *owner_); !owned) return owned;
  spdlog::info("the PostgreSQL socket path under {} would not fit the 107 bytes a Unix socket "
               "path may have (or needs quoting); using the private directory {} instead",
               options_.data_dir.string(), socket_dir_.string());
  return {};
}

result<void> embedded_cluster::write_settings() {
  if (auto included = ensure_settings_included(options_.data_dir / "postgresql.conf"); !included) {
    return included;
  }
  std::optional<system_user> owner;
  if (running_as_root()) owner = owner_;
  return write_file(options_.data_dir / settings_file_name, settings_text(options_, socket_dir_),
                    owner);
}

result<void> embedded_cluster::clear_leftovers() {
  const auto pid = read_lock_pid(options_.data_dir / "postmaster.pid");
  if (!pid) return {};
  if (process_alive(*pid) && runs_in(*pid, options_.data_dir, *owner_)) {
    // Left running by an earlier process of ours that crashed; its socket may
    // be somewhere we no longer know, so it is restarted with our settings.
    spdlog::warn("a PostgreSQL server from an earlier run is still running in {} (pid {}); "
                 "restarting it",
                 options_.data_dir.string(), *pid);
    return stop(stop_mode::fast);
  }
  spdlog::warn("removing the stale postmaster.pid in {}: pid {} is {}", options_.data_dir.string(),
               *pid, process_alive(*pid) ? "another program" : "gone");
  std::error_code ec;
  fs::remove(options_.data_dir / "postmaster.pid", ec);
  if (ec) return io_error("cannot remove", options_.data_dir / "postmaster.pid", ec);
  // The server checks its socket's lock file the same way, but counts a
  // zombie (a killed postmaster not yet reaped) as alive: clear it too.
  const fs::path socket = socket_dir_ / (".s.PGSQL." + std::to_string(options_.port));
  const fs::path socket_lock = socket.string() + ".lock";
  if (const auto holder = read_lock_pid(socket_lock); holder && (*holder == *pid || !process_alive(*holder))) {
    fs::remove(socket_lock, ec);
    fs::remove(socket, ec);
  }
  return {};
}

result<void> embedded_cluster::launch() {
  const auto log = options_.data_dir / "log" / "startup.log";
  const auto seconds = std::to_string(options_.start_timeout.count());
  auto ran = run_as_owner({binaries_->pg_ctl().string(), "start", "--pgdata=" + options_.data_dir.string(),
                           "--wait", "--timeout=" + seconds, "--silent", "--log=" + log.string()},
                          options_.start_timeout + std::chrono::seconds{5});
  if (!ran) return std::move(ran).err();
  if (ran->exit_code != 0) {
    const auto server_log = latest_log(options_.data_dir);
    return error{error_code::unavailable,
                 pg_failure("PostgreSQL did not start in " + options_.data_dir.string(), *ran) +
                     "; " + server_log.string() + " ends: " + file_tail(server_log)};
  }
  return {};
}

result<void> embedded_cluster::check_connection() {
  // pg_ctl --wait has seen the server ready; this proves the socket is where
  // conninfo() says and creates the database on first start.
  backoff delays({milliseconds{20}, milliseconds{500}});
  const auto deadline = std::chrono::steady_clock::now() + options_.start_timeout;
  for (;;) {
    auto checked = pg_guard("connect to the embedded PostgreSQL", [&] {
      pqxx::connection connection(conninfo("postgres"));
      pqxx::nontransaction tx(connection);
      const auto found = tx.exec_params("SELECT 1 FROM pg_database WHERE datname = $1",
                                        options_.database);
      if (found.empty()) tx.exec0("CREATE DATABASE " + tx.quote_name(options_.database));
    });
    if (checked || checked.err().code != error_code::unavailable ||
        std::chrono::steady_clock::now() > deadline) {
      return checked;
    }
    std::this_thread::sleep_for(delays.next_delay());
  }
}

result<void> embedded_cluster::pg_ctl_stop(std::string_view mode) {
  auto ran = run_as_owner({binaries_->pg_ctl().string(), "stop", "--pgdata=" + options_.data_dir.string(),
                           "--mode=" + std::string(mode), "--wait",
                           "--timeout=" + std::to_string(options_.stop_timeout.count()), "--silent"},
                          options_.stop_timeout + std::chrono::seconds{5});
  if (!ran) return std::move(ran).err();
  if (ran->exit_code != 0 && read_lock_pid(options_.data_dir / "postmaster.pid")) {
    return error{error_code::unavailable,
                 pg_failure("PostgreSQL in " + options_.data_dir.string() + " did not stop (" +
                                std::string(mode) + ")",
                            *ran)};
  }
  return {};
}

result<void> embedded_cluster::stop(stop_mode mode) {
  const auto pid = read_lock_pid(options_.data_dir / "postmaster.pid");
  if (!pid || !process_alive(*pid)) {  // a stale file is start()'s business
    started_ = false;
    return {};
  }
  if (auto ready = prepare(); !ready) return ready;
  if (!runs_in(*pid, options_.data_dir, *owner_)) {
    started_ = false;
    return {};
  }
  auto stopped = pg_ctl_stop(mode == stop_mode::fast ? "fast" : "immediate");
  if (!stopped && mode == stop_mode::fast) {
    spdlog::warn("{}; stopping it immediately", stopped.err().message);
    stopped = pg_ctl_stop("immediate");
  }
  if (stopped) started_ = false;
  return stopped;
}

result<void> embedded_cluster::restart() {
  if (auto stopped = stop(); !stopped) return stopped;
  return start();
}

std::optional<int> embedded_cluster::postmaster_pid() const {
  return read_lock_pid(options_.data_dir / "postmaster.pid");
}

std::string embedded_cluster::conninfo(std::string_view database) const {
  return "host=" + conninfo_quote(socket_dir_.string()) +
         " port=" + conninfo_quote(std::to_string(options_.port)) +
         " user=" + conninfo_quote(options_.superuser) +
         " dbname=" + conninfo_quote(database.empty() ? options_.database : database);
}

}  // namespace streamhub::projections
