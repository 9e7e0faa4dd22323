#include "protocol/domain/entity_id.hpp"

#include <gtest/gtest.h>

namespace streamhub::domain {
namespace {

TEST(NormalizeLoginTest, LowerCasesValidLogins) {
  EXPECT_EQ(normalize_login("Alice").value(), "alice");
  EXPECT_EQ(normalize_login("BOB_42").value(), "bob_42");
  EXPECT_EQ(normalize_login("abc").value(), "abc");                        // 3: shortest
  EXPECT_EQ(normalize_login(std::string(25, 'Z')).value(), std::string(25, 'z'));  // 25: longest
}

TEST(NormalizeLoginTest, RejectsWhatBreaksTheRules) {
  for (const char* bad : {"", "ab", "_alice", "al ice", "alice!", "al-ice", "al.ice", "\xC3\xA9t\xC3\xA9",
                          "alice\n", "user:bob"}) {
    auto r = normalize_login(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.err().code, error_code::invalid) << bad;
  }
  EXPECT_FALSE(normalize_login(std::string(26, 'a')));
}

TEST(NormalizeLoginTest, LoginsDifferingInCaseAreTheSame) {
  EXPECT_EQ(normalize_login("ALICE").value(), normalize_login("alice").value());
  EXPECT_EQ(normalize_login("aLiCe").value(), normalize_login("Alice").value());
}

TEST(EntityIdTest, FormatsEachKind) {
  EXPECT_EQ((entity_id{entity_kind::user, "alice"}.str()), "user:alice");
  EXPECT_EQ((entity_id{entity_kind::channel, "alice"}.str()), "channel:alice");
  EXPECT_EQ((entity_id{entity_kind::chat, "alice"}.str()), "chat:alice");
  EXPECT_EQ(user_stream("bob"), "user:bob");
  EXPECT_EQ(channel_stream("bob"), "channel:bob");
  EXPECT_EQ(chat_stream("bob"), "chat:bob");
  EXPECT_EQ(to_string(entity_kind::chat), "chat");
}

TEST(EntityIdTest, ParsesWhatItFormats) {
  for (auto kind : {entity_kind::user, entity_kind::channel, entity_kind::chat}) {
    const entity_id id{kind, "some_login"};
    auto parsed = parse_entity_id(id.str());
    ASSERT_TRUE(parsed) << id.str();
    EXPECT_EQ(*parsed, id);
  }
}

TEST(EntityIdTest, RejectsMalformedIds) {
  for (const char* bad : {"", "alice", "user:", ":alice", "room:alice", "User:alice", "user:Alice",
                          "user:al", "user:alice:x", "user: alice", "chat:_x_y", "channel:a-b-c"}) {
    EXPECT_FALSE(parse_entity_id(bad)) << bad;
  }
}

}  // namespace
}  // namespace streamhub::domain
