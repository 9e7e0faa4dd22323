#pragma once
// The read side's workers: a few threads, each with a pooled connection,
// taking queries from one bounded queue. Internal to projections/read.
//
// Thread-safety: every method may be called from any thread.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "projections/pg/connection_pool.hpp"
#include "projections/read/query_service.hpp"

namespace streamhub::projections::read {

class query_executor {
 public:
  /// Runs with a leased connection, or with the error that kept it from
  /// getting one (unavailable, timeout).
  using job = std::function<void(result<connection_pool::lease*> connection)>;

  /// Starts the workers; the pool prepares `statements` on each connection.
  query_executor(const query_service_options& options, std::vector<prepared_statement> statements);
  /// stop().
  ~query_executor();

  /// Queues `j` for a worker. Refused (full queue, stopped): `j` still runs
  /// with unavailable, on a worker, or on the caller's thread once stopped.
  void submit(job j);

  /// Runs `fn` on a worker (no connection); unbounded: for completions.
  /// Once stopped, runs it on the caller's thread.
  void post(std::function<void()> fn);

  /// Runs what is queued with unavailable, then joins the workers. Idempotent.
  void stop();

  std::size_t queued() const;

  std::atomic<std::uint64_t> statements{0};
  std::atomic<std::uint64_t> queries{0};
  std::atomic<std::uint64_t> failures{0};

 private:
  struct item {
    job query;                        // a query, or
    std::function<void()> plain;      // a completion
    std::chrono::steady_clock::time_point queued_at;
  };

  void work();
  void run(item& next);

  const query_service_options options_;
  connection_pool pool_;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<item> items_;
  std::size_t queued_queries_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace streamhub::projections::read
