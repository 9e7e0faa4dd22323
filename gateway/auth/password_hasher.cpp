#include "gateway/auth/password_hasher.hpp"

#include <memory>

namespace streamhub::gateway::auth {
namespace {

error overloaded() { return error{error_code::unavailable, "password hasher is busy"}; }

}  // namespace

password_hasher::password_hasher(password_hasher_options options) : options_(std::move(options)) {
  const std::size_t threads = options_.threads == 0 ? 1 : options_.threads;
  workers_.reserve(threads);
  for (std::size_t i = 0; i < threads; ++i) workers_.emplace_back([this] { work_loop(); });
}

password_hasher::~password_hasher() {
  std::deque<job> refused;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    refused.swap(queue_);
  }
  wake_.notify_all();
  for (job& work : refused) work.refuse();
  for (std::thread& worker : workers_) worker.join();
}

void password_hasher::hash(std::string password, std::function<void(result<std::string>)> done) {
  auto shared_done = std::make_shared<std::function<void(result<std::string>)>>(std::move(done));
  submit({[password = std::move(password), params = options_.params, shared_done] {
            (*shared_done)(hash_password(password, params));
          },
          [shared_done] { (*shared_done)(overloaded()); }});
}

void password_hasher::verify(std::string password, std::string encoded,
                             std::function<void(result<bool>)> done) {
  auto shared_done = std::make_shared<std::function<void(result<bool>)>>(std::move(done));
  submit({[password = std::move(password), encoded = std::move(encoded), shared_done] {
            (*shared_done)(verify_password(password, encoded));
          },
          [shared_done] { (*shared_done)(overloaded()); }});
}

void password_hasher::submit(job work) {
  {
    std::lock_guard lock(mutex_);
    if (!stopping_ && queue_.size() < options_.queue_capacity) {
      queue_.push_back(std::move(work));
      wake_.notify_one();
      return;
    }
  }
  work.refuse();
}

void password_hasher::work_loop() {
  for (;;) {
    job work;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      work = std::move(queue_.front());
      queue_.pop_front();
    }
    work.run();
  }
}

}  // namespace streamhub::gateway::auth
