#pragma once
// A graphql_service for tests: answers from its own worker thread (so every
// completion crosses threads, as the real one's do), keeps subscription
// sinks so a test can publish events to them, and counts cancels.
//
// execute / single-result subscribe, by query text:
//   contains "mutation" (HTTP GET)  -> mutation_not_allowed
//   contains "syntax error"         -> request_error
//   contains "unavailable"          -> unavailable
//   otherwise                       -> {"data":{"hello":"world","user":<sub|null>}}
// subscribe with a query starting "subscription" stays open until cancel,
// publish() or end_all(); one containing "fail" gets an error.

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

#include "gateway/graphql_service.hpp"

namespace streamhub::gateway::testing {

class fake_graphql_service : public graphql_service,
                             public std::enable_shared_from_this<fake_graphql_service> {
 public:
  fake_graphql_service();
  ~fake_graphql_service() override;

  void execute(graphql_request request, auth_context auth, execute_callback done) override;
  std::unique_ptr<subscription> subscribe(graphql_request request, auth_context auth,
                                          std::shared_ptr<subscription_sink> sink) override;

  /// Sends `payload` to every open subscription, from the calling thread.
  void publish(std::shared_ptr<const std::string> payload);
  /// Completes every open subscription.
  void end_all();

  /// Waits until `n` subscriptions are open / `n` cancels have happened.
  bool wait_for_open(std::size_t n);
  bool wait_for_cancels(std::size_t n);

  std::size_t open_count();
  std::size_t cancel_count();
  /// The last request and auth seen by execute or subscribe.
  graphql_request last_request();
  auth_context last_auth();
  /// When set, execute holds its answer until release() is called.
  void hold_answers(bool hold);
  void release();
  /// Waits until execute holds at least one answer.
  bool wait_until_held();

 private:
  void run_later(std::function<void()> fn);
  void remember(const graphql_request& request, const auth_context& auth);

  std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::uint64_t, std::shared_ptr<subscription_sink>> open_;
  std::uint64_t next_id_ = 0;
  std::size_t cancels_ = 0;
  graphql_request last_request_;
  auth_context last_auth_;
  bool hold_ = false;
  std::vector<std::function<void()>> held_;
  std::deque<std::function<void()>> work_;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace streamhub::gateway::testing
