#include "projections/pg/connection_pool.hpp"

#include <poll.h>

#include <pqxx/connection>

#include <condition_variable>
#include <mutex>

#include "projections/pg/pg_error.hpp"

namespace streamhub::projections {
namespace {

using clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

}  // namespace

struct connection_pool::pooled {
  explicit pooled(const std::string& conninfo) : connection(conninfo) {}

  pqxx::connection connection;
};

struct connection_pool::impl {
  explicit impl(connection_pool_options o) : options(std::move(o)), reconnect(options.reconnect) {
    if (options.size == 0) options.size = 1;
  }

  result<std::unique_ptr<pooled>> open_connection() const;
  static bool healthy(pooled& c) noexcept;
  void give_back(pooled* c, bool discard) noexcept;

  connection_pool_options options;
  mutable std::mutex mutex;
  std::condition_variable returned;
  std::vector<std::unique_ptr<pooled>> idle;
  std::size_t open = 0;
  backoff reconnect;
  clock::time_point next_attempt{};
  std::string last_failure;
  connection_pool_stats counters;
};

result<std::unique_ptr<connection_pool::pooled>> connection_pool::impl::open_connection() const {
  return pg_guard("connect to PostgreSQL", [&]() -> result<std::unique_ptr<pooled>> {
    auto made = std::make_unique<pooled>(options.conninfo);
    for (const auto& [name, value] : options.settings) made->connection.set_variable(name, value);
    for (const auto& statement : options.statements) {
      made->connection.prepare(statement.name, statement.sql);
      // Now rather than at first use, so a broken statement fails here.
      if (options.prepare_on_connect) made->connection.prepare_now(statement.name);
    }
    return made;
  });
}

bool connection_pool::impl::healthy(pooled& c) noexcept {
  if (!c.connection.is_open()) return false;
  // An idle pooled connection has nothing to read (it LISTENs to nothing),
  // unless the server spoke first: almost always to say it is shutting down
  // or has ended the session, before closing. Not worth telling apart from
  // the rare harmless message: any of it means a fresh connection.
  pollfd p{c.connection.sock(), POLLIN, 0};
  return ::poll(&p, 1, 0) == 0;
}

void connection_pool::impl::give_back(pooled* c, bool discard) noexcept {
  std::unique_ptr<pooled> owned(c);
  if (discard || !owned->connection.is_open()) {
    owned.reset();  // closes the socket outside the lock
    std::lock_guard lock(mutex);
    --open;
    ++counters.dropped;
  } else {
    std::lock_guard lock(mutex);
    idle.push_back(std::move(owned));
  }
  returned.notify_one();
}

connection_pool::lease::lease(lease&& other) noexcept
    : pool_(std::exchange(other.pool_, nullptr)),
      connection_(std::exchange(other.connection_, nullptr)),
      discard_(other.discard_) {}

connection_pool::lease& connection_pool::lease::operator=(lease&& other) noexcept {
  if (this != &other) {
    release();
    pool_ = std::exchange(other.pool_, nullptr);
    connection_ = std::exchange(other.connection_, nullptr);
    discard_ = other.discard_;
  }
  return *this;
}

connection_pool::lease::~lease() { release(); }

void connection_pool::lease::release() noexcept {
  if (pool_ != nullptr) pool_->give_back(std::exchange(connection_, nullptr), discard_);
  pool_ = nullptr;
}

pqxx::connection_base& connection_pool::lease::connection() const noexcept {
  return connection_->connection;
}

connection_pool::connection_pool(connection_pool_options options)
    : impl_(std::make_unique<impl>(std::move(options))) {}

connection_pool::~connection_pool() = default;

result<connection_pool::lease> connection_pool::acquire(milliseconds timeout) {
  impl& pool = *impl_;
  const auto deadline = clock::now() + timeout;
  std::unique_lock lock(pool.mutex);
  for (;;) {
    if (!pool.idle.empty()) {
      auto candidate = std::move(pool.idle.back());
      pool.idle.pop_back();
      lock.unlock();
      if (impl::healthy(*candidate)) return lease(&pool, candidate.release());
      candidate.reset();
      lock.lock();
      --pool.open;
      ++pool.counters.dropped;
      continue;
    }
    if (pool.open < pool.options.size) {
      const auto now = clock::now();
      if (now < pool.next_attempt) {
        const auto wait = std::chrono::duration_cast<milliseconds>(pool.next_attempt - now);
        return error{error_code::unavailable, "PostgreSQL is unavailable (next connection attempt in " +
                                                  std::to_string(wait.count()) +
                                                  " ms): " + pool.last_failure};
      }
      ++pool.open;
      lock.unlock();
      auto made = pool.open_connection();
      lock.lock();
      if (made) {
        ++pool.counters.opened;
        pool.reconnect.reset();
        pool.next_attempt = {};
        return lease(&pool, made->release());
      }
      --pool.open;
      ++pool.counters.failed_attempts;
      if (made.err().code == error_code::unavailable) {
        pool.last_failure = made.err().message;
        pool.next_attempt = clock::now() + pool.reconnect.next_delay();
      }
      // Waiters may now open a connection themselves, or learn it is down.
      pool.returned.notify_all();
      return std::move(made).err();
    }
    if (pool.returned.wait_until(lock, deadline) == std::cv_status::timeout && pool.idle.empty() &&
        pool.open >= pool.options.size) {
      return error{error_code::timeout, "no PostgreSQL connection free within " +
                                            std::to_string(timeout.count()) + " ms (pool of " +
                                            std::to_string(pool.options.size) + ")"};
    }
  }
}

result<void> connection_pool::warm_up() {
  std::vector<lease> held;
  for (std::size_t i = 0; i < impl_->options.size; ++i) {
    auto got = acquire(milliseconds{0});
    if (!got) return std::move(got).err();
    held.push_back(std::move(*got));
  }
  return {};
}

connection_pool_stats connection_pool::stats() const {
  std::lock_guard lock(impl_->mutex);
  connection_pool_stats out = impl_->counters;
  out.open = impl_->open;
  out.idle = impl_->idle.size();
  return out;
}

}  // namespace streamhub::projections
