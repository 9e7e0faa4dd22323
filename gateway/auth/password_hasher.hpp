#pragma once
// Runs password hashing and verification on a small pool of worker threads
// with a bounded queue, so no I/O thread ever waits on argon2.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "gateway/auth/password_hash.hpp"
#include "protocol/error.hpp"

namespace streamhub::gateway::auth {

struct password_hasher_options {
  /// Worker threads; each holds argon2_params::memory_kib while hashing.
  std::size_t threads = 1;
  /// Jobs waiting beyond this are refused with `unavailable`.
  std::size_t queue_capacity = 64;
  argon2_params params;
};

/// Thread-safe. Every callback is called exactly once: on a worker thread
/// with the outcome, or on the calling thread before hash()/verify() returns
/// with `unavailable` when the queue is full or the hasher is stopping.
/// Callbacks must not block; post the result to where it is needed.
class password_hasher {
 public:
  explicit password_hasher(password_hasher_options options = {});
  /// Refuses waiting jobs with `unavailable`, finishes running ones, joins.
  ~password_hasher();

  password_hasher(const password_hasher&) = delete;
  password_hasher& operator=(const password_hasher&) = delete;

  /// Outcome as hash_password.
  void hash(std::string password, std::function<void(result<std::string>)> done);
  /// Outcome as verify_password.
  void verify(std::string password, std::string encoded, std::function<void(result<bool>)> done);

 private:
  struct job {
    std::function<void()> run;
    std::function<void()> refuse;
  };
  void submit(job work);
  void work_loop();

  password_hasher_options options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<job> queue_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace streamhub::gateway::auth
