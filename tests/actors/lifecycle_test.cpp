// Activation, passivation, snapshots: an entity's state is the same whether
// it stayed in memory, was passivated and reactivated, or was rebuilt with or
// without snapshots.
#include "actors/runtime.hpp"

#include <gtest/gtest.h>

#include "tests/actors/runtime_fixture.hpp"

namespace streamhub::actors {
namespace {

using namespace domain;

class LifecycleTest : public testing::runtime_fixture {
 protected:
  chat_state chat_of(std::string_view login) {
    chat_state out;
    read(&runtime::read_chat, login, [&](const chat_state& s, event_number) { out = s; });
    return out;
  }
  void busy_room(int messages) {
    sign_up("alice");
    sign_up("bob");
    ASSERT_TRUE(execute("alice", as("alice"), channel_command{add_moderator{"bob"}}));
    for (int i = 0; i < messages; ++i) {
      now_us += 2'000'000;
      ASSERT_TRUE(execute("alice", as(i % 2 ? "bob" : "alice"),
                          chat_command{send_chat_message{"m" + std::to_string(i), {}}}));
    }
    ASSERT_TRUE(execute("alice", as("bob"), chat_command{set_chat_modes{5, {}, true, {}}}));
  }
};

TEST_F(LifecycleTest, IdleEntityPassivatesAndReactivatesWithSameState) {
  busy_room(3);
  const auto before = chat_of("alice");
  const auto active = rt_->stats().active_chats;
  EXPECT_EQ(active, 1u);
  // The chat watches its channel and owner: they stay while it lives. Idle
  // long enough, all three stop.
  for (int round = 0; round < 4; ++round) {
    now_us += 61'000'000;
    sched_->trigger_timeouts();
    run();
  }
  EXPECT_EQ(rt_->stats().active_chats, 0u);
  EXPECT_EQ(rt_->stats().active_channels, 0u);
  EXPECT_EQ(rt_->stats().active_users, 0u);
  EXPECT_EQ(chat_of("alice"), before);
}

// Regression: a chat recovering on the message that shutdown() sent it
// activates its channel and owner after shutdown's walk of the registry;
// they were never asked to stop and held up the node's exit until their idle
// timeout.
TEST_F(LifecycleTest, ShutdownStopsEntitiesActivatedWhileItRuns) {
  busy_room(1);
  restart_runtime();
  ASSERT_EQ(rt_->stats().active_chats, 0u);
  bool answered = false;
  rt_->read_chat("alice", [&](result<state_view<chat_state>>) { answered = true; });
  rt_->shutdown();  // the chat, spawned but not yet recovered, is all there is
  run();
  EXPECT_TRUE(answered);
  EXPECT_EQ(rt_->stats().active_chats, 0u);
  EXPECT_EQ(rt_->stats().active_channels, 0u);
  EXPECT_EQ(rt_->stats().active_users, 0u);
  // Whatever was left stops at its idle timeout, so that a failure here does
  // not also hang the actor system's teardown.
  for (int round = 0; round < 4; ++round) {
    now_us += 61'000'000;
    sched_->trigger_timeouts();
    run();
  }
}

TEST_F(LifecycleTest, EntityWithSubscribersDoesNotPassivate) {
  sign_up("alice");
  struct quiet : event_subscriber {
    bool on_events(std::span<const published_event_ptr>) override { return true; }
    void on_closed(const error&) override {}
  };
  rt_->subscribe("user:alice", 2, std::make_shared<quiet>());
  run();
  now_us += 600'000'000;
  sched_->trigger_timeouts();
  run();
  EXPECT_EQ(rt_->stats().active_users, 1u);
}

TEST_F(LifecycleTest, OperatorPassivationAndReactivation) {
  busy_room(2);
  const auto before = chat_of("alice");
  std::optional<result<bool>> passivated;
  rt_->passivate("chat:alice", [&](result<bool> r) { passivated = std::move(r); });
  run();
  ASSERT_TRUE(passivated && *passivated);
  EXPECT_TRUE(**passivated);
  EXPECT_EQ(chat_of("alice"), before);
}

TEST_F(LifecycleTest, DeletingSnapshotsChangesNothing) {
  snapshot_every = 3;
  restart_runtime();
  busy_room(10);
  const auto before = chat_of("alice");
  ASSERT_TRUE(log_.load_snapshot("chat:alice").value().has_value());
  restart_runtime();
  EXPECT_EQ(chat_of("alice"), before);  // From snapshot + tail.
  restart_runtime();
  ASSERT_TRUE(log_.delete_all_snapshots());
  EXPECT_EQ(chat_of("alice"), before);  // From the log alone.
}

TEST_F(LifecycleTest, StateAtAnEarlierVersionLeavesTheLiveActorAlone) {
  busy_room(4);
  auto at2 = rt_->state_at("chat:alice", 2);
  ASSERT_TRUE(at2) << at2.err().message;
  EXPECT_NE(at2->find("\"version\":2"), std::string::npos);
  EXPECT_NE(at2->find("\"messageCount\":2"), std::string::npos);
  EXPECT_EQ(chat_of("alice").message_count, 4u);
}

TEST_F(LifecycleTest, InspectShowsStateWithoutSecrets) {
  sign_up("alice");
  std::optional<result<std::string>> json;
  rt_->inspect("user:alice", [&](result<std::string> r) { json = std::move(r); });
  run();
  ASSERT_TRUE(json && *json);
  EXPECT_NE((*json)->find("\"displayName\":\"alice\""), std::string::npos);
  EXPECT_EQ((*json)->find("passwordHash"), std::string::npos);
}

// A room whose state is big (here: the rate-limit windows of 200 chatters)
// is not re-encoded every snapshot_every events: a snapshot waits until the
// events since the last one weigh as much as it does. Every 3 events, as
// configured, would have meant 66 snapshots of a growing state.
TEST_F(LifecycleTest, BigStatesAreSnapshottedLessOften) {
  snapshot_every = 3;
  restart_runtime();
  sign_up("alice");
  std::size_t snapshots = 0;
  event_number last = 0;
  for (int i = 0; i < 200; ++i) {
    ASSERT_TRUE(say("alice", "viewer" + std::to_string(i), "hello from a viewer"));
    const auto snap = log_.load_snapshot("chat:alice").value();
    if (snap && snap->version != last) {
      ++snapshots;
      last = snap->version;
    }
  }
  EXPECT_GE(snapshots, 2u);
  EXPECT_LE(snapshots, 12u);
  const auto before = chat_of("alice");
  restart_runtime();
  EXPECT_EQ(chat_of("alice"), before);
}

}  // namespace
}  // namespace streamhub::actors
