// Live subscriptions: resume from a version delivers every missed event
// exactly once, in order, then live ones, from memory or from the log.
#include "actors/runtime/event_subscriber.hpp"

#include <gtest/gtest.h>

#include <numeric>
#include <random>

#include "tests/actors/recording_subscriber.hpp"
#include "tests/actors/runtime_fixture.hpp"

namespace streamhub::actors {
namespace {

using namespace domain;
using testing::recording_subscriber;

class SubscriptionTest : public testing::runtime_fixture {
 protected:
  void SetUp() override {
    sign_up("alice");
    sign_up("bob");
  }
  void say(int n) {
    for (int i = 0; i < n; ++i) {
      now_us += 4'000'000;  // Stay under the chat rate limit.
      auto r = execute("alice", as("bob"), chat_command{send_chat_message{"m" + std::to_string(i), {}}});
      ASSERT_TRUE(r) << r.err().message;
    }
  }
  static std::vector<event_number> range(event_number from, event_number to) {
    std::vector<event_number> v(to - from + 1);
    std::iota(v.begin(), v.end(), from);
    return v;
  }
};

TEST_F(SubscriptionTest, ResumeFromMemoryThenLive) {
  say(5);
  auto sub = std::make_shared<recording_subscriber>();
  rt_->subscribe("chat:alice", 3, sub);
  run();
  EXPECT_EQ(sub->versions(), range(3, 5));
  say(2);
  EXPECT_EQ(sub->versions(), range(3, 7));
  EXPECT_FALSE(sub->closed);
}

TEST_F(SubscriptionTest, ResumeFromLogAfterRestart) {
  say(6);
  restart_runtime();  // The ring of recent events is gone; the log is not.
  auto sub = std::make_shared<recording_subscriber>();
  rt_->subscribe("chat:alice", 2, sub);
  run();
  say(1);
  EXPECT_EQ(sub->versions(), range(2, 7));
  const auto* first = std::get_if<chat_event>(&sub->received.front()->event);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(std::get<chat_message_posted>(*first).text, "m1");
}

TEST_F(SubscriptionTest, ResumeOlderThanTheRingReadsTheLog) {
  say(3);
  rt_->shutdown();
  run();
  // A runtime with a tiny ring: version 1 is long gone from memory.
  rt_.reset();
  auto opts = options();
  opts.ring_capacity = 2;
  rt_ = std::make_unique<runtime>(*system_, log_, opts);
  say(4);
  auto sub = std::make_shared<recording_subscriber>();
  rt_->subscribe("chat:alice", 1, sub);
  run();
  EXPECT_EQ(sub->versions(), range(1, 7));
}

TEST_F(SubscriptionTest, SubscribingAtTheHeadGetsOnlyLiveEvents) {
  say(2);
  auto sub = std::make_shared<recording_subscriber>();
  rt_->subscribe("chat:alice", 3, sub);
  run();
  EXPECT_TRUE(sub->received.empty());
  say(1);
  EXPECT_EQ(sub->versions(), range(3, 3));
}

TEST_F(SubscriptionTest, UnsubscribedReceivesNothingMore) {
  auto sub = std::make_shared<recording_subscriber>();
  const auto id = rt_->subscribe("chat:alice", 1, sub);
  say(1);
  rt_->unsubscribe("chat:alice", id);
  run();
  say(1);
  EXPECT_EQ(sub->versions(), range(1, 1));
}

TEST_F(SubscriptionTest, DecliningSubscriberIsDropped) {
  auto sub = std::make_shared<recording_subscriber>();
  sub->keep_subscribed = false;
  rt_->subscribe("chat:alice", 1, sub);
  say(2);
  EXPECT_EQ(sub->versions(), range(1, 1));
}

TEST_F(SubscriptionTest, ShutdownClosesSubscriptions) {
  auto sub = std::make_shared<recording_subscriber>();
  rt_->subscribe("chat:alice", 1, sub);
  run();
  stop_runtime();
  ASSERT_TRUE(sub->closed);
  EXPECT_EQ(sub->closed->code, error_code::unavailable);
}

TEST_F(SubscriptionTest, InvalidStreamIdIsRefused) {
  auto sub = std::make_shared<recording_subscriber>();
  rt_->subscribe("room:alice", 1, sub);
  run();
  ASSERT_TRUE(sub->closed);
  EXPECT_EQ(sub->closed->code, error_code::invalid);
}

TEST_F(SubscriptionTest, PayloadIsSharedNotCopiedPerSubscriber) {
  auto a = std::make_shared<recording_subscriber>();
  auto b = std::make_shared<recording_subscriber>();
  rt_->subscribe("chat:alice", 1, a);
  rt_->subscribe("chat:alice", 1, b);
  say(1);
  ASSERT_EQ(a->received.size(), 1u);
  ASSERT_EQ(b->received.size(), 1u);
  EXPECT_EQ(a->received[0].get(), b->received[0].get());
}

// Many subscribers join at random versions while messages keep arriving, and
// the room is now and then stopped (subscribers are closed and resume from
// their last version + 1). Each must end up with every version from where it
// started to the head, exactly once, in order: from the ring, the log or
// live. A small ring makes all three paths common.
TEST_F(SubscriptionTest, RandomResumesWhileCommandsArriveMissNothing) {
  rt_->shutdown();
  run();
  rt_.reset();
  auto opts = options();
  opts.ring_capacity = 4;
  rt_ = std::make_unique<runtime>(*system_, log_, opts);

  struct resuming {
    std::shared_ptr<recording_subscriber> sub = std::make_shared<recording_subscriber>();
    event_number from = 1;
    std::uint64_t id = 0;
  };
  std::vector<resuming> subs;
  std::mt19937_64 rng(20261122);
  auto pick = [&](std::uint64_t n) { return std::uniform_int_distribution<std::uint64_t>(0, n - 1)(rng); };
  event_number head = 0;
  for (int step = 0; step < 400; ++step) {
    // A few messages (some rejected: empty text) without running in between,
    // so appends are in flight when subscriptions arrive.
    for (std::uint64_t i = 0, n = pick(4); i < n; ++i) {
      now_us += 200'000;
      rt_->execute("alice", as("viewer" + std::to_string(pick(50))),
                   chat_command{send_chat_message{pick(5) ? "m" : "", {}}},
                   [&head](result<command_outcome> r) {
                     if (r) head = std::max(head, r->version);
                   });
    }
    if (pick(3) == 0) {
      resuming r;
      r.from = 1 + pick(head + 1);
      r.id = rt_->subscribe("chat:alice", r.from, r.sub);
      subs.push_back(std::move(r));
    }
    if (pick(40) == 0) rt_->passivate("chat:alice", [](result<bool>) {});
    run();
    for (auto& r : subs) {
      if (!r.sub->closed) continue;
      ASSERT_EQ(r.sub->closed->code, error_code::unavailable) << r.sub->closed->message;
      r.sub->closed.reset();
      const auto next = r.sub->received.empty() ? r.from : r.sub->received.back()->envelope.version + 1;
      r.id = rt_->subscribe("chat:alice", next, r.sub);
    }
    run();
  }
  ASSERT_GT(subs.size(), 50u);
  ASSERT_GT(head, 500u);
  for (const auto& r : subs) {
    ASSERT_FALSE(r.sub->closed);
    EXPECT_EQ(r.sub->versions(), range(r.from, head)) << "subscribed from " << r.from;
  }
}

}  // namespace
}  // namespace streamhub::actors
