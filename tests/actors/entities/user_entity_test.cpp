// The user rules of actors/entities/user_entity.hpp, each through the
// runtime: the command goes to the user's actor, which decides, appends and
// answers.
#include "actors/entities/user_entity.hpp"

#include <gtest/gtest.h>

#include "tests/actors/runtime_fixture.hpp"

namespace streamhub::actors {
namespace {

using namespace domain;

class UserEntityTest : public testing::runtime_fixture {
 protected:
  user_state user(std::string_view login) {
    user_state out;
    read(&runtime::read_user, login, [&](const user_state& s, event_number) { out = s; });
    return out;
  }
  event_number version_of(std::string_view login) {
    event_number out = 0;
    read(&runtime::read_user, login, [&](const user_state&, event_number v) { out = v; });
    return out;
  }
  result<command_outcome> reg(std::string_view entity, register_user cmd) {
    return execute(entity, as(std::string(entity)), user_command{std::move(cmd)});
  }
  static domain::command_context system() {
    domain::command_context ctx;
    ctx.is_system = true;
    return ctx;
  }
};

// -- register ------------------------------------------------------------------

TEST_F(UserEntityTest, RegisterKeepsTheLoginAsTypedAndDefaultsTheDisplayName) {
  ASSERT_TRUE(reg("CamelCase", {"CamelCase", "c@example.org", "", "hash"}));
  const auto s = user("camelcase");
  EXPECT_TRUE(s.registered);
  EXPECT_EQ(s.login, "CamelCase");
  EXPECT_EQ(s.display_name, "CamelCase");
  EXPECT_EQ(s.email, "c@example.org");
  EXPECT_EQ(s.password_hash, "hash");
  EXPECT_EQ(s.created_at_us, now_us);
}

TEST_F(UserEntityTest, RegisterTwiceInAnyCaseConflicts) {
  ASSERT_TRUE(reg("alice", {"alice", "a@example.org", "", "h"}));
  expect_error(reg("alice", {"alice", "a@example.org", "", "h"}), error_code::conflict);
  expect_error(reg("ALICE", {"ALICE", "b@example.org", "", "h"}), error_code::conflict);
  expect_error(reg("Alice", {"aLiCe", "c@example.org", "", "h"}), error_code::conflict);
  EXPECT_EQ(log_.head_position(), 1u);
}

TEST_F(UserEntityTest, RegisterLoginMustMatchTheEntity) {
  expect_error(reg("alice", {"bob", "b@example.org", "", "h"}), error_code::invalid);
  EXPECT_FALSE(user("alice").registered);
}

TEST_F(UserEntityTest, LoginRulesAreCheckedBeforeRouting) {
  for (const char* bad : {"al", "_alice", "al ice", "alice!", "this_login_is_much_too_long_"}) {
    expect_error(reg(bad, {bad, "a@example.org", "", "h"}), error_code::invalid);
  }
  EXPECT_EQ(rt_->stats().activations, 0u);  // No actor was even started.
  EXPECT_EQ(log_.head_position(), 0u);
}

TEST_F(UserEntityTest, RegisterNeedsAnEmailShapedLikeAnAddress) {
  for (const char* bad : {"", "alice", "@example.org", "alice@", "a@b@c", "a b@c.d", "<a>@b.c",
                          "a\"b@c.d"}) {
    expect_error(reg("alice", {"alice", bad, "", "h"}), error_code::invalid);
  }
  expect_error(reg("alice", {"alice", std::string(250, 'a') + "@b.cd", "", "h"}), error_code::invalid);
  expect_error(reg("alice", {"alice", "a@b.c\xC3", "", "h"}), error_code::invalid);
  ASSERT_TRUE(reg("alice", {"alice", "a@b.c", "", "h"}));
}

TEST_F(UserEntityTest, RegisterDisplayNameIsOneTo25Characters) {
  expect_error(reg("alice", {"alice", "a@b.c", std::string(26, 'x'), "h"}), error_code::invalid);
  expect_error(reg("alice", {"alice", "a@b.c", "   ", "h"}), error_code::invalid);
  expect_error(reg("alice", {"alice", "a@b.c", "bad\x01", "h"}), error_code::invalid);
  std::string accents;
  for (int i = 0; i < 25; ++i) accents += "\xC3\xA9";  // 25 code points, 50 bytes
  ASSERT_TRUE(reg("alice", {"alice", "a@b.c", accents, "h"}));
  EXPECT_EQ(user("alice").display_name, accents);
}

TEST_F(UserEntityTest, RegisterNeedsAPasswordHash) {
  expect_error(reg("alice", {"alice", "a@b.c", "", ""}), error_code::invalid);
}

// -- the common gate -------------------------------------------------------------

TEST_F(UserEntityTest, EveryOtherCommandOfAnUnknownUserIsNotFound) {
  const std::vector<user_command> commands = {
      update_profile{"x", {}}, block_user{"bob"},   unblock_user{"bob"},
      create_post{"hi"},       delete_post{"p"},    grant_role{"admin"},
      revoke_role{"admin"},    issue_refresh_token{"t", "f", now_us + 1},
      rotate_refresh_token{"t", "u", now_us + 1},   revoke_refresh_token{"t"},
      mark_notifications_read{5}};
  for (const auto& cmd : commands) {
    SCOPED_TRACE(cmd.index());
    expect_error(execute("ghost", as("ghost", /*admin=*/true), cmd), error_code::not_found);
  }
}

TEST_F(UserEntityTest, OnlyTheUserMayActForItself) {
  sign_up("alice");
  const std::vector<user_command> commands = {
      update_profile{"x", {}}, block_user{"bob"}, unblock_user{"bob"}, create_post{"hi"},
      issue_refresh_token{"t", "f", now_us + 1}, rotate_refresh_token{"t", "u", now_us + 1},
      revoke_refresh_token{"t"}, mark_notifications_read{5}};
  for (const auto& cmd : commands) {
    SCOPED_TRACE(cmd.index());
    expect_error(execute("alice", as("bob"), cmd), error_code::forbidden);
    expect_error(execute("alice", as(""), cmd), error_code::forbidden);
  }
  EXPECT_EQ(version_of("alice"), 1u);
  // The system may.
  ASSERT_TRUE(execute("alice", system(), user_command{create_post{"from the system"}}));
}

// -- profile and posts -------------------------------------------------------------

TEST_F(UserEntityTest, ProfileLimits) {
  sign_up("alice");
  expect_error(execute("alice", as("alice"), user_command{update_profile{std::string(26, 'x'), {}}}),
               error_code::invalid);
  expect_error(execute("alice", as("alice"), user_command{update_profile{"", {}}}), error_code::invalid);
  expect_error(execute("alice", as("alice"), user_command{update_profile{{}, std::string(301, 'b')}}),
               error_code::invalid);
  expect_error(execute("alice", as("alice"), user_command{update_profile{{}, std::string("null\0byte", 9)}}),
               error_code::invalid);
  ASSERT_TRUE(execute("alice", as("alice"),
                      user_command{update_profile{std::string(25, 'x'), std::string(300, 'b')}}));
  ASSERT_TRUE(execute("alice", as("alice"), user_command{update_profile{{}, "two\nlines"}}));
  ASSERT_TRUE(execute("alice", as("alice"), user_command{update_profile{{}, ""}}));  // Clears the bio.
  const auto s = user("alice");
  EXPECT_EQ(s.display_name, std::string(25, 'x'));
  EXPECT_EQ(s.bio, "");
}

TEST_F(UserEntityTest, UnchangedProfileWritesNothing) {
  sign_up("alice");
  ASSERT_TRUE(execute("alice", as("alice"), user_command{update_profile{"Ally", "bio"}}));
  auto again = execute("alice", as("alice"), user_command{update_profile{"Ally", "bio"}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->events, 0u);
  EXPECT_EQ(again->position, 0u);
  EXPECT_EQ(version_of("alice"), 2u);
}

TEST_F(UserEntityTest, PostsUpTo280CharactersAndDeletion) {
  sign_up("alice");
  sign_up("bob");
  expect_error(execute("alice", as("alice"), user_command{create_post{std::string(281, 'p')}}),
               error_code::invalid);
  expect_error(execute("alice", as("alice"), user_command{create_post{" "}}), error_code::invalid);
  auto post = execute("alice", as("alice"), user_command{create_post{std::string(280, 'p')}});
  ASSERT_TRUE(post);
  const auto id = post->first_event_id.to_string();
  EXPECT_EQ(user("alice").posts, (std::set<std::string>{id}));
  expect_error(execute("alice", as("bob"), user_command{delete_post{id}}), error_code::forbidden);
  expect_error(execute("alice", as("alice"), user_command{delete_post{"no-such-post"}}),
               error_code::not_found);
  ASSERT_TRUE(execute("alice", as("alice"), user_command{delete_post{id}}));
  EXPECT_TRUE(user("alice").posts.empty());
  expect_error(execute("alice", as("alice"), user_command{delete_post{id}}), error_code::not_found);
}

TEST_F(UserEntityTest, AnAdminMayDeleteAnyonesPost) {
  sign_up("alice");
  auto post = execute("alice", as("alice"), user_command{create_post{"rude"}});
  ASSERT_TRUE(post);
  ASSERT_TRUE(execute("alice", as("root", /*admin=*/true),
                      user_command{delete_post{post->first_event_id.to_string()}}));
  EXPECT_TRUE(user("alice").posts.empty());
}

// -- blocks --------------------------------------------------------------------------

TEST_F(UserEntityTest, BlocksAreIdempotentAndNormalised) {
  sign_up("alice");
  ASSERT_TRUE(execute("alice", as("alice"), user_command{block_user{"Bob"}}));
  auto again = execute("alice", as("alice"), user_command{block_user{"BOB"}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->events, 0u);
  EXPECT_EQ(user("alice").blocked, (std::set<std::string>{"bob"}));
  ASSERT_TRUE(execute("alice", as("alice"), user_command{unblock_user{"bob"}}));
  auto unblock_again = execute("alice", as("alice"), user_command{unblock_user{"bob"}});
  ASSERT_TRUE(unblock_again);
  EXPECT_EQ(unblock_again->events, 0u);
  EXPECT_TRUE(user("alice").blocked.empty());
  EXPECT_EQ(version_of("alice"), 3u);
}

TEST_F(UserEntityTest, CannotBlockYourselfOrAnInvalidLogin) {
  sign_up("alice");
  expect_error(execute("alice", as("alice"), user_command{block_user{"ALICE"}}), error_code::invalid);
  expect_error(execute("alice", as("alice"), user_command{block_user{"no way"}}), error_code::invalid);
  expect_error(execute("alice", as("alice"), user_command{unblock_user{"x"}}), error_code::invalid);
}

// -- roles -----------------------------------------------------------------------------

TEST_F(UserEntityTest, OnlyAdminsGrantAndRevokeRoles) {
  sign_up("alice");
  expect_error(execute("alice", as("alice"), user_command{grant_role{"admin"}}), error_code::forbidden);
  expect_error(execute("alice", as("bob"), user_command{grant_role{"admin"}}), error_code::forbidden);
  ASSERT_TRUE(execute("alice", as("root", true), user_command{grant_role{"admin"}}));
  EXPECT_TRUE(user("alice").is_admin());
  auto again = execute("alice", as("root", true), user_command{grant_role{"admin"}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->events, 0u);
  expect_error(execute("alice", as("alice"), user_command{revoke_role{"admin"}}), error_code::forbidden);
  ASSERT_TRUE(execute("alice", as("root", true), user_command{revoke_role{"admin"}}));
  EXPECT_FALSE(user("alice").is_admin());
  auto revoke_again = execute("alice", as("root", true), user_command{revoke_role{"admin"}});
  ASSERT_TRUE(revoke_again);
  EXPECT_EQ(revoke_again->events, 0u);
  ASSERT_TRUE(execute("alice", system(), user_command{grant_role{"admin"}}));
}

TEST_F(UserEntityTest, UnknownRolesAreInvalid) {
  sign_up("alice");
  expect_error(execute("alice", as("root", true), user_command{grant_role{"superuser"}}),
               error_code::invalid);
}

// -- refresh tokens --------------------------------------------------------------------

class RefreshTokenTest : public UserEntityTest {
 protected:
  void SetUp() override {
    sign_up("alice");
    ASSERT_TRUE(execute("alice", as("alice"), user_command{issue_refresh_token{"t1", "fam", in_a_day()}}));
  }
  std::int64_t in_a_day() const { return now_us + 86'400'000'000; }
  result<command_outcome> rotate(std::string old_hash, std::string new_hash) {
    return execute("alice", as("alice"),
                   user_command{rotate_refresh_token{std::move(old_hash), std::move(new_hash), in_a_day()}});
  }
};

TEST_F(RefreshTokenTest, IssueNeedsHashAndFamilyAndIsUnique) {
  expect_error(execute("alice", as("alice"), user_command{issue_refresh_token{"", "f", in_a_day()}}),
               error_code::invalid);
  expect_error(execute("alice", as("alice"), user_command{issue_refresh_token{"x", "", in_a_day()}}),
               error_code::invalid);
  expect_error(execute("alice", as("alice"), user_command{issue_refresh_token{"t1", "other", in_a_day()}}),
               error_code::conflict);
}

TEST_F(RefreshTokenTest, RotationSpendsTheOldTokenAndKeepsTheFamily) {
  ASSERT_TRUE(rotate("t1", "t2"));
  const auto s = user("alice");
  ASSERT_EQ(s.refresh_tokens.size(), 2u);
  EXPECT_TRUE(s.refresh_tokens.at("t1").spent);
  EXPECT_FALSE(s.refresh_tokens.at("t2").spent);
  EXPECT_EQ(s.refresh_tokens.at("t2").family, "fam");
  ASSERT_TRUE(rotate("t2", "t3"));
}

TEST_F(RefreshTokenTest, ReusingASpentTokenRevokesTheFamilyThenFails) {
  ASSERT_TRUE(execute("alice", as("alice"), user_command{issue_refresh_token{"other", "fam2", in_a_day()}}));
  ASSERT_TRUE(rotate("t1", "t2"));
  const auto before = version_of("alice");
  // t1 presented again: stolen. The revocation is durable before the error.
  expect_error(rotate("t1", "t9"), error_code::unauthenticated);
  EXPECT_EQ(version_of("alice"), before + 1);
  EXPECT_EQ(log_.read_stream("user:alice", before + 1, 1).value().front().type,
            "user.refresh_family_revoked");
  const auto s = user("alice");
  EXPECT_EQ(s.refresh_tokens.count("t1") + s.refresh_tokens.count("t2"), 0u);
  EXPECT_EQ(s.refresh_tokens.count("other"), 1u);  // Another session is untouched.
  // The thief's successor and the victim's token are both dead now.
  expect_error(rotate("t2", "t3"), error_code::unauthenticated);
  expect_error(rotate("t1", "t3"), error_code::unauthenticated);
  ASSERT_TRUE(rotate("other", "other2"));
}

TEST_F(RefreshTokenTest, ReuseDetectionSurvivesARestart) {
  ASSERT_TRUE(rotate("t1", "t2"));
  restart_runtime();
  expect_error(rotate("t1", "t3"), error_code::unauthenticated);
  expect_error(rotate("t2", "t3"), error_code::unauthenticated);
}

TEST_F(RefreshTokenTest, UnknownAndExpiredTokensAreUnauthenticated) {
  expect_error(rotate("nope", "t2"), error_code::unauthenticated);
  now_us += 86'400'000'000;  // Exactly at expiry.
  expect_error(rotate("t1", "t2"), error_code::unauthenticated);
}

TEST_F(RefreshTokenTest, LogoutRevokesTheFamilyAndIsIdempotent) {
  ASSERT_TRUE(rotate("t1", "t2"));
  ASSERT_TRUE(execute("alice", as("alice"), user_command{revoke_refresh_token{"t2"}}));
  EXPECT_TRUE(user("alice").refresh_tokens.empty());
  auto again = execute("alice", as("alice"), user_command{revoke_refresh_token{"t2"}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->events, 0u);
  expect_error(rotate("t2", "t3"), error_code::unauthenticated);
}

TEST_F(RefreshTokenTest, ExpiredTokensAreForgottenAsTimePasses) {
  now_us += 2 * 86'400'000'000;
  ASSERT_TRUE(execute("alice", as("alice"), user_command{issue_refresh_token{"t5", "fam5", in_a_day()}}));
  const auto s = user("alice");
  EXPECT_EQ(s.refresh_tokens.size(), 1u);
  EXPECT_EQ(s.refresh_tokens.count("t5"), 1u);
}

// -- notification marks ----------------------------------------------------------------

TEST_F(UserEntityTest, NotificationMarksOnlyMoveForward) {
  sign_up("alice");
  ASSERT_TRUE(execute("alice", as("alice"), user_command{mark_notifications_read{10}}));
  for (std::uint64_t stale : {10u, 3u, 0u}) {
    auto r = execute("alice", as("alice"), user_command{mark_notifications_read{stale}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->events, 0u) << stale;
  }
  ASSERT_TRUE(execute("alice", as("alice"), user_command{mark_notifications_read{11}}));
  EXPECT_EQ(user("alice").notifications_read_up_to, 11u);
  EXPECT_EQ(version_of("alice"), 3u);
}

}  // namespace
}  // namespace streamhub::actors
