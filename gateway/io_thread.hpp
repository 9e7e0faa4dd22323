#pragma once
// One I/O thread: its own io_context, the sessions pinned to it, and one
// coarse sweep timer that drives every session's timeouts (init, ping, idle,
// close), so an idle connection owns no timer of its own.
//
// Sessions never migrate: everything a session does runs on its thread, so
// sessions need no strand and no lock. Other threads reach a session only
// through post(), which holds a weak_ptr and is a no-op once the thread is gone.

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include "gateway/graphql_service.hpp"
#include "gateway/session_info.hpp"

namespace streamhub::gateway {

class io_thread;

/// A session pinned to an io_thread: linked into its sweep list for its
/// whole life. Constructed and destroyed on that thread only.
class tracked_session {
 public:
  tracked_session(const tracked_session&) = delete;
  tracked_session& operator=(const tracked_session&) = delete;

  /// Called every sweep interval: check deadlines.
  virtual void on_sweep(std::chrono::steady_clock::time_point now) = 0;
  /// The server is stopping: finish gracefully.
  virtual void on_shutdown() = 0;
  /// The shutdown grace period is over: close the socket now.
  virtual void abort() = 0;
  /// What operators see of this connection.
  virtual session_info describe() const = 0;

 protected:
  explicit tracked_session(io_thread& thread);
  virtual ~tracked_session();

  io_thread& thread_;

 private:
  friend class io_thread;
  tracked_session* prev_ = nullptr;
  tracked_session* next_ = nullptr;
};

/// Posts to an io_thread from any thread, safely after it has stopped.
class post_gate {
 public:
  explicit post_gate(boost::asio::io_context& context) : context_(&context) {}

  /// Runs `fn` on the thread; false (fn dropped) once the thread is gone.
  template <class Fn>
  bool post(Fn&& fn) {
    std::lock_guard lock(mutex_);
    if (context_ == nullptr) return false;
    boost::asio::post(*context_, std::forward<Fn>(fn));
    return true;
  }

  void close() {
    std::lock_guard lock(mutex_);
    context_ = nullptr;
  }

  /// True on the thread itself (then the context is alive: no lock needed).
  bool running_in_this_thread() const noexcept {
    return context_ != nullptr && context_->get_executor().running_in_this_thread();
  }

 private:
  std::mutex mutex_;
  boost::asio::io_context* context_;
};

/// The caller_thread of sessions on one io_thread.
class io_thread_handle final : public caller_thread {
 public:
  explicit io_thread_handle(std::shared_ptr<post_gate> gate) : gate_(std::move(gate)) {}
  void post(std::function<void()> task) override { gate_->post(std::move(task)); }
  bool is_current() const noexcept override { return gate_->running_in_this_thread(); }
  const void* key() const noexcept override { return gate_.get(); }

 private:
  std::shared_ptr<post_gate> gate_;
};

class io_thread {
 public:
  explicit io_thread(std::chrono::milliseconds sweep_interval);
  /// REQUIRES: joined (or never started).
  ~io_thread();

  boost::asio::io_context& context() noexcept { return context_; }
  const std::shared_ptr<post_gate>& gate() const noexcept { return gate_; }
  /// This thread as a caller_thread for services.
  const std::shared_ptr<caller_thread>& handle() const noexcept { return handle_; }

  void start();
  /// Thread-safe: asks every session to finish, then after `grace` aborts the
  /// rest. The thread ends when its last session is gone.
  void begin_shutdown(std::chrono::milliseconds grace);
  /// Waits for the thread to end, then closes the gate.
  void join();

  /// Appends every session's description to `out`. On this thread only.
  void describe_sessions(std::vector<session_info>& out) const;

  /// Whether begin_shutdown has run (on this thread).
  bool draining() const noexcept { return draining_; }

 private:
  friend class tracked_session;
  void link(tracked_session* session) noexcept;
  void unlink(tracked_session* session) noexcept;
  void schedule_sweep();
  void on_grace_over();

  boost::asio::io_context context_{1};
  std::chrono::milliseconds sweep_interval_;
  boost::asio::steady_timer sweep_timer_;
  boost::asio::steady_timer grace_timer_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
  std::shared_ptr<post_gate> gate_;
  std::shared_ptr<caller_thread> handle_;
  tracked_session* sessions_ = nullptr;
  bool draining_ = false;
  std::thread thread_;
};

}  // namespace streamhub::gateway
