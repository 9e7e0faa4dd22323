#include "projections/read/position_waiters.hpp"

#include <algorithm>

namespace streamhub::projections::read {

position_waiters::position_waiters(std::shared_ptr<applied_positions> positions, poster post)
    : positions_(std::move(positions)), post_(std::move(post)) {
  listener_id_ = positions_->add_listener([this] { on_published(); });
  timer_ = std::thread([this] { run_timer(); });
}

position_waiters::~position_waiters() { stop(); }

void position_waiters::complete(waiter& w, result<void> outcome) {
  post_([done = std::move(w.done), outcome = std::move(outcome)]() mutable {
    done(std::move(outcome));
  });
}

void position_waiters::wait(log_position position, read_model_set models,
                            std::chrono::steady_clock::time_point deadline, reply<void> done) {
  waiter w{position, models, deadline, std::move(done)};
  std::unique_lock lock(mutex_);
  if (stopping_) {
    lock.unlock();
    complete(w, error{error_code::unavailable, "the read side is stopped"});
    return;
  }
  // Checked under the lock: a publish after this check finds the waiter
  // in the list (on_published takes the lock too).
  if (positions_->reached(position, models)) {
    lock.unlock();
    complete(w, {});
    return;
  }
  waiters_.push_back(std::move(w));
  lock.unlock();
  changed_.notify_one();
}

void position_waiters::on_published() {
  std::list<waiter> done;
  {
    std::lock_guard lock(mutex_);
    for (auto it = waiters_.begin(); it != waiters_.end();) {
      const auto next = std::next(it);
      if (positions_->reached(it->position, it->models)) done.splice(done.end(), waiters_, it);
      it = next;
    }
  }
  for (auto& w : done) complete(w, {});
}

void position_waiters::run_timer() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    const auto now = std::chrono::steady_clock::now();
    std::list<waiter> expired;
    for (auto it = waiters_.begin(); it != waiters_.end();) {
      const auto next = std::next(it);
      if (it->deadline <= now) expired.splice(expired.end(), waiters_, it);
      it = next;
    }
    if (!expired.empty()) {
      lock.unlock();
      for (auto& w : expired) {
        complete(w, error{error_code::timeout, "the read models had not reached position " +
                                                   std::to_string(w.position) + " in time"});
      }
      lock.lock();
      continue;
    }
    if (waiters_.empty()) {
      changed_.wait(lock);
    } else {
      const auto first = std::min_element(waiters_.begin(), waiters_.end(),
                                          [](const waiter& a, const waiter& b) {
                                            return a.deadline < b.deadline;
                                          });
      changed_.wait_until(lock, first->deadline);
    }
  }
}

void position_waiters::stop() {
  positions_->remove_listener(listener_id_);
  std::list<waiter> left;
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
    left.swap(waiters_);
  }
  changed_.notify_all();
  if (timer_.joinable()) timer_.join();
  for (auto& w : left) complete(w, error{error_code::unavailable, "the read side is stopped"});
}

std::size_t position_waiters::pending() const {
  std::lock_guard lock(mutex_);
  return waiters_.size();
}

}  // namespace streamhub::projections::read
