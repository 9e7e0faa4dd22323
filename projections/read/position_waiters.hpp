#pragma once
// Read-your-writes waits: callers waiting for read models to reach a log
// position, completed when the projectors publish it (applied_positions
// listener) or when their deadline passes (a timer thread). Completions are
// handed to `post` (the read side's workers), never run on a projector's
// thread. Internal to projections/read.
//
// Thread-safety: every method may be called from any thread.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <thread>

#include "projections/read/applied_positions.hpp"
#include "projections/read/query_service.hpp"

namespace streamhub::projections::read {

class position_waiters {
 public:
  using poster = std::function<void(std::function<void()>)>;

  position_waiters(std::shared_ptr<applied_positions> positions, poster post);
  /// stop().
  ~position_waiters();

  position_waiters(const position_waiters&) = delete;
  position_waiters& operator=(const position_waiters&) = delete;

  /// See query_service::wait_for_position.
  void wait(log_position position, read_model_set models,
            std::chrono::steady_clock::time_point deadline, reply<void> done);

  /// Fails every pending wait with unavailable; later waits too. Idempotent.
  void stop();

  std::size_t pending() const;

 private:
  struct waiter {
    log_position position;
    read_model_set models;
    std::chrono::steady_clock::time_point deadline;
    reply<void> done;
  };

  void on_published();
  void run_timer();
  void complete(waiter& w, result<void> outcome);

  std::shared_ptr<applied_positions> positions_;
  poster post_;
  std::uint64_t listener_id_ = 0;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::list<waiter> waiters_;
  bool stopping_ = false;
  std::thread timer_;
};

}  // namespace streamhub::projections::read
