#pragma once
// Runs tasks one at a time, in the order they were posted, on whichever
// thread posts while it is idle (that thread then drains the queue). No
// thread of its own: it serialises work that arrives on many threads (an
// entity's events, resolver answers) without a lock held while tasks run.
//
// Thread-safety: post() from any thread.

#include <deque>
#include <functional>
#include <mutex>

namespace streamhub::gateway::api {

class serial_executor {
 public:
  using task = std::function<void()>;

  /// Queues `t`; runs it (and whatever is queued meanwhile) now if no other
  /// thread is running tasks, else returns at once.
  void post(task t);

 private:
  std::mutex mutex_;
  std::deque<task> queue_;
  bool running_ = false;
};

}  // namespace streamhub::gateway::api
