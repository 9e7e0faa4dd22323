#pragma once
// A fixed-size pool of PostgreSQL connections, for worker threads.
//
// acquire() hands out a lease (RAII: the connection returns to the pool when
// the lease is destroyed). It blocks while every connection is leased, up to
// its timeout, so it belongs on worker threads, never on I/O threads.
// Connections are opened lazily, up to `size`. Each new connection gets the
// pool's prepared statements registered before anyone sees it.
//
// Broken connections are found and replaced: on return, a connection that
// is no longer open is dropped; on acquire, an idle connection that has
// anything to read is dropped and a fresh one opened (a server going down
// sends every client a FATAL message and closes). While PostgreSQL is down, connection
// attempts are spaced by `reconnect` backoff, and acquire() fails fast with
// unavailable in between rather than hammering the server.
//
// libpqxx stays out of this header: pqxx::connection_base is only declared.
//
// Thread-safety: every pool method may be called from any thread; a lease
// is used by one thread at a time. The pool must outlive its leases.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "projections/pg/backoff.hpp"
#include "protocol/error.hpp"

namespace pqxx {
class connection_base;
}

namespace streamhub::projections {

/// A statement prepared on every connection of a pool, executed by name:
/// `pqxx::work(lease.connection()).exec_prepared(name, args...)`.
struct prepared_statement {
  std::string name;
  std::string sql;
};

struct connection_pool_options {
  /// A libpq connection string or URL.
  std::string conninfo;
  /// The most connections open at once (at least 1).
  std::size_t size = 4;
  std::vector<prepared_statement> statements;
  /// true: statements are prepared when a connection opens, so a broken one
  /// shows at once (acquire fails). false: at each one's first use on the
  /// connection, for statements over tables that may not exist yet.
  bool prepare_on_connect = true;
  /// Session settings (name, value) applied to each new connection before
  /// its statements are prepared, e.g. {"statement_timeout", "5000"}.
  std::vector<std::pair<std::string, std::string>> settings;
  /// Spacing of connection attempts after failures.
  backoff_policy reconnect{std::chrono::milliseconds{100}, std::chrono::seconds{5}};
};

struct connection_pool_stats {
  /// Connections open (leased, idle or being opened).
  std::size_t open = 0;
  std::size_t idle = 0;
  /// Connections opened successfully since the pool was made.
  std::uint64_t opened = 0;
  /// Connections dropped as broken since the pool was made.
  std::uint64_t dropped = 0;
  /// Failed attempts to open a connection since the pool was made.
  std::uint64_t failed_attempts = 0;
};

class connection_pool {
  struct pooled;
  struct impl;

 public:
  /// One connection, on loan. Movable, not copyable.
  class lease {
   public:
    lease(lease&& other) noexcept;
    lease& operator=(lease&& other) noexcept;
    /// Returns the connection to the pool (or drops it: see discard()).
    ~lease();

    /// REQUIRES: the lease was not moved from. Transactions made on it
    /// must end before the lease does.
    pqxx::connection_base& connection() const noexcept;
    pqxx::connection_base& operator*() const noexcept { return connection(); }
    pqxx::connection_base* operator->() const noexcept { return &connection(); }

    /// Closes the connection instead of returning it, e.g. after changing
    /// session state others must not inherit.
    void discard() noexcept { discard_ = true; }

   private:
    friend class connection_pool;
    lease(impl* pool, pooled* connection) noexcept : pool_(pool), connection_(connection) {}
    void release() noexcept;

    impl* pool_ = nullptr;
    pooled* connection_ = nullptr;
    bool discard_ = false;
  };

  /// Opens nothing yet (see warm_up). REQUIRES: options.size >= 1.
  explicit connection_pool(connection_pool_options options);
  /// REQUIRES: no lease outstanding.
  ~connection_pool();

  connection_pool(const connection_pool&) = delete;
  connection_pool& operator=(const connection_pool&) = delete;

  /// A connection: an idle one, else a new one while fewer than `size` are
  /// open, else the first one returned within `timeout`.
  /// Errors: unavailable (PostgreSQL cannot be reached now; fails at once,
  /// without waiting for `timeout`), timeout (all connections stayed
  /// leased), internal (a prepared statement does not prepare: a bug).
  result<lease> acquire(std::chrono::milliseconds timeout);

  /// Opens connections until `size` are open, so that a misconfiguration
  /// shows at start-up. Errors: as acquire().
  result<void> warm_up();

  connection_pool_stats stats() const;

 private:
  std::unique_ptr<impl> impl_;
};

}  // namespace streamhub::projections
