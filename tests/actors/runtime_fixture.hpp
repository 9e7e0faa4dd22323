#pragma once
// A runtime on CAF's deterministic test coordinator over the in-memory log
// (behind a fault-injecting wrapper): nothing runs unless the test steps the
// scheduler, time moves only when the test moves it.

#include <gtest/gtest.h>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scheduler/test_coordinator.hpp>

#include <memory>
#include <optional>

#include "actors/runtime.hpp"
#include "storage/faulty_event_log.hpp"
#include "storage/memory_event_log.hpp"

namespace streamhub::actors::testing {

class runtime_fixture : public ::testing::Test {
 protected:
  runtime_fixture() {
    config_.set("scheduler.policy", caf::atom("testing"));
    config_.set("logger.verbosity", caf::atom("quiet"));
    config_.set("logger.console", caf::atom("none"));
    system_ = std::make_unique<caf::actor_system>(config_);
    sched_ = &dynamic_cast<caf::scheduler::test_coordinator&>(system_->scheduler());
    start_runtime();
  }

  ~runtime_fixture() override { stop_runtime(); }

  runtime_options options() {
    runtime_options o;
    o.clock = [this] { return now_us; };
    o.snapshot_every = snapshot_every;
    o.idle_timeout = std::chrono::seconds(60);
    return o;
  }

  void start_runtime() { rt_ = std::make_unique<runtime>(*system_, faulty_log_, options()); }

  /// Stops every entity and drains the scheduler; the log stays.
  void stop_runtime() {
    if (!rt_) return;
    rt_->shutdown();
    sched_->run();
    rt_.reset();
    sched_->run();
  }

  void restart_runtime() {
    stop_runtime();
    start_runtime();
  }

  void run() { sched_->run(); }

  /// Runs one message of the first waiting actor, then queues that actor
  /// behind the others, as a fair scheduler would (the test coordinator
  /// alone keeps running an actor until its mailbox is empty). Returns
  /// false when nothing waits.
  bool step_fair() {
    if (!sched_->has_job()) return false;
    auto* job = sched_->jobs.front();
    sched_->run_once();
    if (sched_->has_job() && sched_->jobs.front() == job) {
      sched_->jobs.pop_front();
      sched_->jobs.push_back(job);
    }
    return true;
  }

  static domain::command_context as(std::string login, bool admin = false) {
    domain::command_context ctx;
    ctx.caller = login;
    ctx.caller_display_name = login;
    ctx.caller_is_admin = admin;
    return ctx;
  }

  template <class Command>
  result<command_outcome> execute(std::string_view login, domain::command_context ctx, Command cmd) {
    std::optional<result<command_outcome>> out;
    rt_->execute(login, std::move(ctx), std::move(cmd),
                 [&out](result<command_outcome> r) { out.emplace(std::move(r)); });
    run();
    if (!out) return error{error_code::internal, "no reply"};
    return std::move(*out);
  }

  /// Asserts that `r` failed with `code`.
  static void expect_error(const result<command_outcome>& r, error_code code) {
    ASSERT_FALSE(r) << "expected " << to_string(code) << ", got success at version " << r->version;
    EXPECT_EQ(r.err().code, code) << r.err().message;
  }

  /// Sends a chat message to `room` as `sender`.
  result<command_outcome> say(std::string_view room, std::string sender, std::string text) {
    return execute(room, as(std::move(sender)),
                   domain::chat_command{domain::send_chat_message{std::move(text), {}}});
  }

  /// Signs up `login` (password hash "h").
  void sign_up(std::string_view login) {
    auto r = execute(login, as(std::string(login)),
                     domain::user_command{domain::register_user{std::string(login),
                                                                std::string(login) + "@example.org",
                                                                "", "h"}});
    ASSERT_TRUE(r) << r.err().message;
  }

  template <class State, class Fn>
  void read(void (runtime::*reader)(std::string_view, callback<state_view<State>>),
            std::string_view login, Fn fn) {
    bool called = false;
    (rt_.get()->*reader)(login, [&](result<state_view<State>> v) {
      ASSERT_TRUE(v) << v.err().message;
      fn(*v->state, v->version);
      called = true;
    });
    run();
    ASSERT_TRUE(called);
  }

  caf::actor_system_config config_;
  std::unique_ptr<caf::actor_system> system_;
  caf::scheduler::test_coordinator* sched_ = nullptr;
  storage::faulty_event_log faulty_log_{std::make_unique<storage::memory_event_log>()};
  storage::event_log& log_ = faulty_log_;
  std::unique_ptr<runtime> rt_;
  std::int64_t now_us = 1'800'000'000'000'000;
  std::uint32_t snapshot_every = 500;
};

}  // namespace streamhub::actors::testing
