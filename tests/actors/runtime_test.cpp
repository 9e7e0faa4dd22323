#include "actors/runtime.hpp"

#include <gtest/gtest.h>

#include "tests/actors/runtime_fixture.hpp"

namespace streamhub::actors {
namespace {

using namespace domain;
using testing::runtime_fixture;

class RuntimeTest : public runtime_fixture {};

TEST_F(RuntimeTest, RegisterThenReadState) {
  sign_up("Alice");
  read(&runtime::read_user, "alice", [](const user_state& s, event_number version) {
    EXPECT_TRUE(s.registered);
    EXPECT_EQ(s.login, "Alice");
    EXPECT_EQ(s.display_name, "Alice");
    EXPECT_EQ(version, 1u);
  });
  EXPECT_EQ(log_.head_position(), 1u);
}

TEST_F(RuntimeTest, SecondRegistrationConflicts) {
  sign_up("alice");
  auto r = execute("alice", as("alice"), user_command{register_user{"ALICE", "a@b.c", "", "h"}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.err().code, error_code::conflict);
}

TEST_F(RuntimeTest, OutcomeCarriesPositionAndEventId) {
  sign_up("alice");
  domain::command_context ctx = as("alice");
  ctx.command_id = event_id::generate();
  auto r = execute("alice", ctx, user_command{create_post{"hello"}});
  ASSERT_TRUE(r) << r.err().message;
  EXPECT_EQ(r->version, 2u);
  EXPECT_EQ(r->position, 2u);
  EXPECT_EQ(r->first_event_id, ctx.command_id);
  EXPECT_FALSE(r->duplicate);
  auto again = execute("alice", ctx, user_command{create_post{"hello"}});
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->duplicate);
  EXPECT_EQ(again->position, 2u);
  EXPECT_EQ(log_.head_position(), 2u);
}

TEST_F(RuntimeTest, StateSurvivesRestart) {
  sign_up("alice");
  ASSERT_TRUE(execute("alice", as("alice"), user_command{update_profile{"Ally", "bio"}}));
  user_state before;
  read(&runtime::read_user, "alice", [&](const user_state& s, event_number) { before = s; });
  restart_runtime();
  read(&runtime::read_user, "alice", [&](const user_state& s, event_number v) {
    EXPECT_EQ(s, before);
    EXPECT_EQ(v, 2u);
  });
}

TEST_F(RuntimeTest, ChatMessageSeesChannelReplica) {
  sign_up("alice");
  sign_up("bob");
  ASSERT_TRUE(execute("alice", as("alice"), channel_command{add_moderator{"bob"}}));
  auto r = execute("alice", as("bob"), chat_command{send_chat_message{"hi", {}}});
  ASSERT_TRUE(r) << r.err().message;
  read(&runtime::read_chat, "alice", [](const chat_state& s, event_number) {
    EXPECT_TRUE(s.chan().is_moderator("bob"));
    EXPECT_EQ(s.message_count, 1u);
  });
}

}  // namespace
}  // namespace streamhub::actors
