// Live subscriptions: resume from a version delivers every missed event
// exactly once, in order, then live ones, from memory or from the log.
#include "actors/runtime/event_subscriber.hpp"

#include <gtest/gtest.h>

#include <numeric>

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

}  // namespace
}  // namespace streamhub::actors
