#pragma once
// A private PostgreSQL cluster in a directory of our own, run with the
// machine's PostgreSQL binaries: what `streamhub serve` uses when no
// PostgreSQL URL is configured, and what integration tests start.
//
// Layout of the data directory (PGDATA, e.g. DATA/pg):
//   PG_VERSION, base/, global/, ...  initdb's files
//   postgresql.conf                  initdb's, plus one line including:
//   streamhub.conf                   our settings, rewritten at every start
//   postgresql.auto.conf             ALTER SYSTEM: overrides both
//   log/postgresql-<Day>.log         the server log, rotated weekly
//   log/startup.log                  output before the logger starts
//   .s.PGSQL.<port>                  the Unix socket (see below)
//
// The server listens on a Unix socket only (listen_addresses = ''), in the
// data directory; the port only names the socket file. When that path would
// exceed the 107 bytes a socket path may have, the socket goes to a private
// directory under /tmp (mode 0700), created for this object and logged.
// Authentication is `trust` on the socket and TCP is refused: access is
// guarded by the socket directory's permissions (its owner and root only).
//
// Run as root, PostgreSQL refuses to start, so initdb, pg_ctl and the server
// run as an unprivileged system user (`options.system_user`, created when
// missing); the data directory belongs to it, and its parent directory is
// opened to it for search only (see ensure_reachable).
//
// Thread-safety: none; one owner drives start and stop.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "projections/pg/pg_binaries.hpp"
#include "projections/pg/system_user.hpp"
#include "protocol/error.hpp"

namespace streamhub::projections {

struct child_outcome;

struct embedded_cluster_options {
  /// The cluster's directory (PGDATA); created by the first start. Its path
  /// must not hold quotes, '$', '`', '\' or newlines (pg_ctl passes it
  /// through a shell).
  std::filesystem::path data_dir;
  /// Created by the first start; `conninfo()` names it.
  std::string database = "streamhub";
  /// The superuser initdb creates; every connection logs in as it.
  std::string superuser = "streamhub";
  /// Names the socket file (.s.PGSQL.<port>); no TCP port is opened.
  std::uint16_t port = 5432;
  /// The system user PostgreSQL runs as when this process runs as root.
  std::string system_user = "streamhub";
  /// Where initdb, pg_ctl and postgres are; empty: found (find_pg_binaries).
  std::filesystem::path bin_dir;
  /// Enough for the projectors' and the read side's pools, replay and admin.
  int max_connections = 100;
  std::string shared_buffers = "128MB";
  /// false: a throwaway cluster for tests. No fsync anywhere (initdb
  /// --no-sync, fsync = off): a machine crash may corrupt it; a process crash
  /// does not.
  bool durable = true;
  std::chrono::seconds start_timeout{60};
  std::chrono::seconds stop_timeout{30};
};

enum class stop_mode : std::uint8_t {
  /// Roll back open transactions, disconnect clients, shut down cleanly
  /// (pg_ctl stop -m fast); falls back to `immediate` after stop_timeout.
  fast,
  /// Stop at once (pg_ctl stop -m immediate); the next start runs crash
  /// recovery.
  immediate,
};

class embedded_cluster {
 public:
  explicit embedded_cluster(embedded_cluster_options options);
  /// Stops the server if this object started it, and removes the private
  /// socket directory if one was made.
  ~embedded_cluster();

  embedded_cluster(const embedded_cluster&) = delete;
  embedded_cluster& operator=(const embedded_cluster&) = delete;

  /// Initialises the cluster on first use (initdb, then the database), and
  /// starts the server; returns once it accepts connections. Handles what a
  /// crash leaves behind: a postmaster.pid naming a dead or unrelated
  /// process is removed; a server still running from an earlier process is
  /// stopped and started again with the current settings.
  /// No-op when this object already started the server.
  /// Errors: unavailable (binaries missing, user cannot be created, server
  /// does not start: the message holds the tail of its log), forbidden
  /// (data directory unreachable for the system user), invalid (bad path or
  /// a non-empty directory that is not a cluster), unsupported_format
  /// (cluster of another major version), timeout, io_error.
  result<void> start();

  /// Joins a server already running in the data directory (another
  /// process's, e.g. a serving node's) without taking it over: returns true
  /// and conninfo() names the socket and port its postmaster.pid gives;
  /// false when none runs there (then start() may be called). started()
  /// stays false, so this object never stops the server.
  /// Errors: as start() for finding the owner and binaries.
  result<bool> attach();

  /// Stops the server, whoever started it; no-op when none runs.
  /// Errors: unavailable (it would not stop), io_error.
  result<void> stop(stop_mode mode = stop_mode::fast);

  /// stop(fast), then start().
  result<void> restart();

  /// True between a successful start() and stop().
  bool started() const noexcept { return started_; }

  /// The postmaster's process id from postmaster.pid, if the file exists.
  std::optional<int> postmaster_pid() const;

  /// A libpq connection string for `database` (default: options.database),
  /// e.g. "host='/data/pg' port='5432' user='streamhub' dbname='streamhub'".
  /// REQUIRES: start() succeeded once (the socket directory is known).
  std::string conninfo(std::string_view database = {}) const;

  const std::filesystem::path& socket_dir() const noexcept { return socket_dir_; }
  const embedded_cluster_options& options() const noexcept { return options_; }
  /// The identity the server runs as (the system user when root).
  const std::optional<system_user>& owner() const noexcept { return owner_; }

 private:
  result<void> prepare();
  result<void> initialise();
  result<void> choose_socket_dir();
  result<void> write_settings();
  result<void> clear_leftovers();
  result<void> launch();
  result<void> check_connection();
  result<void> pg_ctl_stop(std::string_view mode);
  result<child_outcome> run_as_owner(std::vector<std::string> argv,
                                            std::chrono::milliseconds timeout);

  embedded_cluster_options options_;
  std::optional<system_user> owner_;
  std::optional<pg_binaries> binaries_;
  std::filesystem::path socket_dir_;
  /// A directory under /tmp made for the socket; removed by the destructor.
  std::filesystem::path private_socket_dir_;
  bool started_ = false;
};

}  // namespace streamhub::projections
