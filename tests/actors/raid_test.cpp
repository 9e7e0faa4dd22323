// A raid spans two channels and is never left half-done: the source's
// raid.started ends in raid.outgoing (and the target's raid.incoming) or in
// raid.cancelled (and nothing at the target), even across a restart.
#include "actors/entities/channel_entity.hpp"

#include <gtest/gtest.h>

#include <optional>

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

TEST_F(RaidTest, RaidOfAnUnknownChannelIsCancelled) {
  ASSERT_TRUE(execute("alice", as("alice"), channel_command{start_raid{"nobody"}}));
  EXPECT_EQ(types("channel:alice"),
            (std::vector<std::string>{"stream.live", "raid.started", "raid.cancelled"}));
  EXPECT_TRUE(types("channel:nobody").empty());
}

TEST_F(RaidTest, RefusedAtTheSourceWritesNothingAnywhere) {
  ASSERT_TRUE(execute("bob", as("bob"), channel_command{go_live{"Chill", "Talk"}}));
  expect_error(execute("alice", as("bob"), channel_command{start_raid{"bob"}}), error_code::forbidden);
  expect_error(execute("alice", as("alice"), channel_command{start_raid{"Alice"}}), error_code::invalid);
  expect_error(execute("alice", as("alice"), channel_command{start_raid{"no such"}}), error_code::invalid);
  ASSERT_TRUE(execute("alice", as("alice"), channel_command{go_offline{}}));
  expect_error(execute("alice", as("alice"), channel_command{start_raid{"bob"}}), error_code::conflict);
  EXPECT_EQ(types("channel:alice"), (std::vector<std::string>{"stream.live", "stream.offline"}));
  EXPECT_EQ(types("channel:bob"), (std::vector<std::string>{"stream.live"}));
}

TEST_F(RaidTest, OneRaidAtATime) {
  ASSERT_TRUE(execute("bob", as("bob"), channel_command{go_live{"Chill", "Talk"}}));
  // Both commands reach the source before the first raid finished.
  std::optional<result<command_outcome>> first, second;
  rt_->execute("alice", as("alice"), channel_command{start_raid{"bob"}},
               [&](result<command_outcome> r) { first.emplace(std::move(r)); });
  rt_->execute("alice", as("alice"), channel_command{start_raid{"bob"}},
               [&](result<command_outcome> r) { second.emplace(std::move(r)); });
  run();
  ASSERT_TRUE(first && *first);
  ASSERT_TRUE(second);
  expect_error(*second, error_code::conflict);
  EXPECT_EQ(types("channel:bob"), (std::vector<std::string>{"stream.live", "raid.incoming"}));
}

// The target cannot be reached (its log reads fail): the raid stays started,
// neither sent nor cancelled, and is finished by the source's next recovery.
TEST_F(RaidTest, UnreachableTargetLeavesTheRaidPendingUntilRecovery) {
  ASSERT_TRUE(execute("bob", as("bob"), channel_command{go_live{"Chill", "Talk"}}));
  std::optional<result<bool>> passivated;
  rt_->passivate("channel:bob", [&](result<bool> r) { passivated.emplace(std::move(r)); });
  run();
  ASSERT_TRUE(passivated && *passivated && **passivated);
  faulty_log_.fail_reads(true);
  ASSERT_TRUE(execute("alice", as("alice"), channel_command{start_raid{"bob"}}));
  faulty_log_.fail_reads(false);
  EXPECT_EQ(types("channel:alice"), (std::vector<std::string>{"stream.live", "raid.started"}));
  EXPECT_EQ(types("channel:bob"), (std::vector<std::string>{"stream.live"}));
  read(&runtime::read_channel, "alice",
       [](const channel_state& s, event_number) { EXPECT_EQ(s.pending_raids.size(), 1u); });
  restart_runtime();
  read(&runtime::read_channel, "alice", [](const channel_state&, event_number) {});
  run();
  EXPECT_EQ(types("channel:alice"),
            (std::vector<std::string>{"stream.live", "raid.started", "raid.outgoing"}));
  EXPECT_EQ(types("channel:bob"), (std::vector<std::string>{"stream.live", "raid.incoming"}));
}

// The target wrote raid.incoming but its acknowledgement was lost: the
// target stops, the source keeps the raid started. When the source recovers
// and sends it again, the target recognises the raid: still one
// raid.incoming, and the source records raid.outgoing.
TEST_F(RaidTest, LostAcknowledgementAtTheTargetIsNotAppliedTwice) {
  ASSERT_TRUE(execute("bob", as("bob"), channel_command{go_live{"Chill", "Talk"}}));
  faulty_log_.hold_appends();
  std::optional<result<command_outcome>> started;
  rt_->execute("alice", as("alice"), channel_command{start_raid{"bob"}},
               [&](result<command_outcome> r) { started.emplace(std::move(r)); });
  run();
  ASSERT_EQ(faulty_log_.held_count(), 1u);  // raid.started
  faulty_log_.release_held();
  faulty_log_.lose_next_acks(1);  // raid.incoming: written, answered io_error
  run();
  ASSERT_TRUE(started && *started);
  faulty_log_.recover();
  EXPECT_EQ(types("channel:alice"), (std::vector<std::string>{"stream.live", "raid.started"}));
  EXPECT_EQ(types("channel:bob"), (std::vector<std::string>{"stream.live", "raid.incoming"}));
  restart_runtime();
  read(&runtime::read_channel, "alice", [](const channel_state&, event_number) {});
  run();
  EXPECT_EQ(types("channel:alice"),
            (std::vector<std::string>{"stream.live", "raid.started", "raid.outgoing"}));
  EXPECT_EQ(types("channel:bob"), (std::vector<std::string>{"stream.live", "raid.incoming"}));
}

TEST_F(RaidTest, ViewerCountTravelsWithTheRaid) {
  ASSERT_TRUE(execute("bob", as("bob"), channel_command{go_live{"Chill", "Talk"}}));
  for (int i = 0; i < 42; ++i) rt_->viewer_joined("alice");
  run();
  ASSERT_TRUE(execute("alice", as("alice"), channel_command{start_raid{"bob"}}));
  const auto events = log_.read_stream("channel:alice", 2, 2).value();
  for (const auto& e : events) EXPECT_NE(e.payload.find("\"viewers\":42"), std::string::npos) << e.payload;
  EXPECT_NE(log_.read_stream("channel:bob", 2, 1).value().front().payload.find("\"viewers\":42"),
            std::string::npos);
}

}  // namespace
}  // namespace streamhub::actors
