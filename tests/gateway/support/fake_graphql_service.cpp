#include "tests/gateway/support/fake_graphql_service.hpp"

#include <chrono>

namespace streamhub::gateway::testing {
namespace {

using namespace std::chrono_literals;

std::shared_ptr<const std::string> text(std::string value) {
  return std::make_shared<const std::string>(std::move(value));
}

bool has(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

execution_result answer(const graphql_request& request, const auth_context& auth) {
  if (request.read_only && has(request.query, "mutation"))
    return {execution_outcome::mutation_not_allowed, text(R"({"errors":[{"message":"mutations need POST"}]})")};
  if (has(request.query, "syntax error"))
    return {execution_outcome::request_error, text(R"({"errors":[{"message":"Syntax Error"}]})")};
  if (has(request.query, "unavailable"))
    return {execution_outcome::unavailable, text(R"({"errors":[{"message":"down"}]})"), 2000ms};
  const std::string user = auth.user ? "\"" + auth.user->subject + "\"" : "null";
  return {execution_outcome::executed, text(R"({"data":{"hello":"world","user":)" + user + "}}")};
}

class fake_subscription final : public subscription {
 public:
  fake_subscription(std::weak_ptr<fake_graphql_service> service, std::function<void()> on_cancel)
      : service_(std::move(service)), on_cancel_(std::move(on_cancel)) {}
  void cancel() noexcept override {
    if (on_cancel_ && service_.lock()) std::exchange(on_cancel_, nullptr)();
  }

 private:
  std::weak_ptr<fake_graphql_service> service_;
  std::function<void()> on_cancel_;
};

}  // namespace

fake_graphql_service::fake_graphql_service()
    : worker_([this] {
        for (;;) {
          std::function<void()> job;
          {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [this] { return stopping_ || !work_.empty(); });
            if (work_.empty()) return;
            job = std::move(work_.front());
            work_.pop_front();
          }
          job();
        }
      }) {}

fake_graphql_service::~fake_graphql_service() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  worker_.join();
}

void fake_graphql_service::run_later(std::function<void()> fn) {
  {
    std::lock_guard lock(mutex_);
    work_.push_back(std::move(fn));
  }
  changed_.notify_all();
}

void fake_graphql_service::remember(const graphql_request& request, const auth_context& auth) {
  std::lock_guard lock(mutex_);
  last_request_ = request;
  last_auth_ = auth;
}

void fake_graphql_service::execute(graphql_request request, auth_context auth, execute_callback done) {
  remember(request, auth);
  auto job = [request = std::move(request), auth = std::move(auth), done = std::move(done)] {
    done(answer(request, auth));
  };
  std::unique_lock lock(mutex_);
  if (hold_) {
    held_.push_back(std::move(job));
    changed_.notify_all();
    return;
  }
  lock.unlock();
  run_later(std::move(job));
}

std::unique_ptr<subscription> fake_graphql_service::subscribe(graphql_request request, auth_context auth,
                                                              std::shared_ptr<subscription_sink> sink) {
  remember(request, auth);
  if (request.query.rfind("subscription", 0) == 0) {
    std::uint64_t id = 0;
    {
      std::lock_guard lock(mutex_);
      id = ++next_id_;
      open_[id] = sink;
    }
    changed_.notify_all();
    return std::make_unique<fake_subscription>(weak_from_this(), [this, id] {
      {
        std::lock_guard lock(mutex_);
        open_.erase(id);
        ++cancels_;
      }
      changed_.notify_all();
    });
  }
  run_later([request = std::move(request), auth = std::move(auth), sink] {
    if (request.query.find("fail") != std::string::npos) {
      sink->error(text(R"([{"message":"operation failed"}])"));
      return;
    }
    sink->next(answer(request, auth).body);
    sink->complete();
  });
  return std::make_unique<fake_subscription>(weak_from_this(), nullptr);
}

void fake_graphql_service::publish(std::shared_ptr<const std::string> payload) {
  std::vector<std::shared_ptr<subscription_sink>> sinks;
  {
    std::lock_guard lock(mutex_);
    for (auto& [id, sink] : open_) sinks.push_back(sink);
  }
  for (auto& sink : sinks) sink->next(payload);
}

void fake_graphql_service::end_all() {
  std::map<std::uint64_t, std::shared_ptr<subscription_sink>> sinks;
  {
    std::lock_guard lock(mutex_);
    sinks.swap(open_);
  }
  for (auto& [id, sink] : sinks) sink->complete();
}

bool fake_graphql_service::wait_for_open(std::size_t n) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, 20s, [&] { return open_.size() >= n; });
}

bool fake_graphql_service::wait_for_cancels(std::size_t n) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, 20s, [&] { return cancels_ >= n; });
}

std::size_t fake_graphql_service::open_count() {
  std::lock_guard lock(mutex_);
  return open_.size();
}

std::size_t fake_graphql_service::cancel_count() {
  std::lock_guard lock(mutex_);
  return cancels_;
}

graphql_request fake_graphql_service::last_request() {
  std::lock_guard lock(mutex_);
  return last_request_;
}

auth_context fake_graphql_service::last_auth() {
  std::lock_guard lock(mutex_);
  return last_auth_;
}

void fake_graphql_service::hold_answers(bool hold) {
  std::lock_guard lock(mutex_);
  hold_ = hold;
}

bool fake_graphql_service::wait_until_held() {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, 20s, [&] { return !held_.empty(); });
}

void fake_graphql_service::release() {
  std::vector<std::function<void()>> held;
  {
    std::lock_guard lock(mutex_);
    hold_ = false;
    held.swap(held_);
  }
  for (auto& job : held) run_later(std::move(job));
}

}  // namespace streamhub::gateway::testing
