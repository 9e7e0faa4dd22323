#include "tools/loadgen/worker_pool.hpp"

namespace streamhub::loadgen {

worker_pool::worker_pool(std::size_t threads) {
  for (std::size_t i = 0; i < std::max<std::size_t>(threads, 1); ++i) {
    contexts_.push_back(std::make_unique<boost::asio::io_context>(1));
    guards_.push_back(boost::asio::make_work_guard(*contexts_.back()));
  }
}

worker_pool::~worker_pool() {
  stop();
  join();
}

void worker_pool::run() {
  for (auto& io : contexts_) threads_.emplace_back([&io] { io->run(); });
}

void worker_pool::stop() {
  for (auto& io : contexts_) io->stop();
}

void worker_pool::join() {
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
}

}  // namespace streamhub::loadgen
