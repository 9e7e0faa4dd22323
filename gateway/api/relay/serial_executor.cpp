#include "gateway/api/relay/serial_executor.hpp"

namespace streamhub::gateway::api {

void serial_executor::post(task t) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(t));
    if (running_) return;
    running_ = true;
  }
  for (;;) {
    task next;
    {
      std::lock_guard lock(mutex_);
      if (queue_.empty()) {
        running_ = false;
        return;
      }
      next = std::move(queue_.front());
      queue_.pop_front();
    }
    next();
  }
}

}  // namespace streamhub::gateway::api
