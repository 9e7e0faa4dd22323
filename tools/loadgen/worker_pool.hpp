#pragma once
// The load generator's threads: each runs its own io_context, and every
// connection lives on one of them for its whole life (no strands, no locks;
// per-thread figures are merged after the run).
//
// Thread-safety: construct, at() and post work from the main thread; run()
// starts the threads, join() waits until stop() or until no work is left.

#include <cstddef>
#include <memory>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

namespace streamhub::loadgen {

class worker_pool {
 public:
  explicit worker_pool(std::size_t threads);
  ~worker_pool();

  std::size_t size() const { return contexts_.size(); }
  /// The i-th thread's context (i modulo size()).
  boost::asio::io_context& at(std::size_t i) { return *contexts_[i % contexts_.size()]; }

  void run();
  /// Stops every context; handlers in progress finish. Any thread.
  void stop();
  void join();

 private:
  using guard = boost::asio::executor_work_guard<boost::asio::io_context::executor_type>;
  std::vector<std::unique_ptr<boost::asio::io_context>> contexts_;
  std::vector<guard> guards_;
  std::vector<std::thread> threads_;
};

}  // namespace streamhub::loadgen
