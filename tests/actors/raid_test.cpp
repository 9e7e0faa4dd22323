// A raid spans two channels and is never left half-done: the source's
// raid.started ends in raid.outgoing (and the target's raid.incoming) or in
// raid.cancelled (and nothing at the target), even across a restart.
#include "actors/entities/channel_entity.hpp"

#include <gtest/gtest.h>

#include "tests/actors/runtime_fixture.hpp"

namespace streamhub::actors {
namespace {

using namespace domain;

class RaidTest : public testing::runtime_fixture {
 protected:
  void SetUp() override {
    sign_up("alice");
    sign_up("bob");
    ASSERT_TRUE(execute("alice", as("alice"), channel_command{go_live{"Speedrun", "Games"}}));
  }
  std::vector<std::string> types(const std::string& stream) {
    std::vector<std::string> out;
    const auto events = log_.read_stream(stream, 1, 1000);
    for (const auto& e : events.value()) out.push_back(e.type);
    return out;
  }
};

TEST_F(RaidTest, AcceptedRaidLandsOnBothSides) {
  ASSERT_TRUE(execute("bob", as("bob"), channel_command{go_live{"Chill", "Talk"}}));
  rt_->viewer_joined("alice");
  rt_->viewer_joined("alice");
  run();
  auto r = execute("alice", as("alice"), channel_command{start_raid{"bob"}});
  ASSERT_TRUE(r) << r.err().message;
  EXPECT_EQ(types("channel:alice"),
            (std::vector<std::string>{"stream.live", "raid.started", "raid.outgoing"}));
  EXPECT_EQ(types("channel:bob"), (std::vector<std::string>{"stream.live", "raid.incoming"}));
  const auto read = log_.read_stream("channel:bob", 2, 1);
  const auto& incoming = read.value().front();
  EXPECT_NE(incoming.payload.find("\"viewers\":2"), std::string::npos);
  EXPECT_NE(incoming.payload.find("\"source\":\"alice\""), std::string::npos);
}

TEST_F(RaidTest, RejectedRaidIsCancelledAndLeavesTargetUntouched) {
  auto r = execute("alice", as("alice"), channel_command{start_raid{"bob"}});  // bob is offline
  ASSERT_TRUE(r) << r.err().message;
  EXPECT_EQ(types("channel:alice"),
            (std::vector<std::string>{"stream.live", "raid.started", "raid.cancelled"}));
  EXPECT_TRUE(types("channel:bob").empty());
  read(&runtime::read_channel, "alice",
       [](const channel_state& s, event_number) { EXPECT_TRUE(s.pending_raids.empty()); });
}

TEST_F(RaidTest, RaidFromBlockedSourceIsCancelled) {
  ASSERT_TRUE(execute("bob", as("bob"), channel_command{go_live{"Chill", "Talk"}}));
  ASSERT_TRUE(execute("bob", as("bob"), user_command{block_user{"alice"}}));
  ASSERT_TRUE(execute("alice", as("alice"), channel_command{start_raid{"bob"}}));
  EXPECT_EQ(types("channel:alice").back(), "raid.cancelled");
  EXPECT_EQ(types("channel:bob"), (std::vector<std::string>{"stream.live"}));
}

TEST_F(RaidTest, StartedRaidIsFinishedAfterARestart) {
  ASSERT_TRUE(execute("bob", as("bob"), channel_command{go_live{"Chill", "Talk"}}));
  stop_runtime();
  // The source crashed right after raid.started became durable.
  storage::proposed_event started;
  started.id = event_id::generate();
  started.type = "raid.started";
  started.timestamp_us = now_us;
  started.actor = "user:alice";
  started.payload = R"({"raid_id":")" + started.id.to_string() + R"(","target":"bob","viewers":7})";
  ASSERT_TRUE(log_.append("channel:alice", expected_version::exact(1), {started}));
  start_runtime();
  read(&runtime::read_channel, "alice", [](const channel_state&, event_number) {});
  run();
  EXPECT_EQ(types("channel:alice"),
            (std::vector<std::string>{"stream.live", "raid.started", "raid.outgoing"}));
  EXPECT_EQ(types("channel:bob"), (std::vector<std::string>{"stream.live", "raid.incoming"}));
  // And once more: a second recovery re-sends nothing new.
  restart_runtime();
  read(&runtime::read_channel, "alice", [](const channel_state&, event_number) {});
  run();
  EXPECT_EQ(types("channel:bob").size(), 2u);
}

TEST_F(RaidTest, TargetRecognisesARepeatedRaid) {
  ASSERT_TRUE(execute("bob", as("bob"), channel_command{go_live{"Chill", "Talk"}}));
  domain::command_context sys;
  sys.is_system = true;
  const receive_raid leg{"0190c3a2-7b1e-7cc0-8d7e-2f1a1b2c3d4e", "alice", 3};
  ASSERT_TRUE(execute("bob", sys, channel_command{leg}));
  auto again = execute("bob", sys, channel_command{leg});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->events, 0u);
  EXPECT_EQ(types("channel:bob"), (std::vector<std::string>{"stream.live", "raid.incoming"}));
}

}  // namespace
}  // namespace streamhub::actors
