#include "gateway/admin/admin_command.hpp"

#include <gtest/gtest.h>

namespace streamhub::gateway::admin {
namespace {

result<command> parse(std::string_view line) {
  auto words = split_words(line);
  if (!words) return std::move(words).err();
  return parse_command(*words);
}

std::string error_of(std::string_view line) {
  auto c = parse(line);
  EXPECT_FALSE(c) << line;
  return c ? std::string() : c.err().message;
}

TEST(AdminCommandTest, SplitsAtBlanksAndKeepsQuotedWordsWhole) {
  auto words = split_words("  events  'user:alice'   --from \"3\"\t");
  ASSERT_TRUE(words);
  EXPECT_EQ(*words, (std::vector<std::string>{"events", "user:alice", "--from", "3"}));
  auto empty = split_words("a '' b");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->size(), 3u);
  EXPECT_FALSE(split_words("inspect 'user:alice"));
}

TEST(AdminCommandTest, ParsesEveryCommandWithItsArguments) {
  auto events = parse("events user:Alice --from 3 --limit 5");
  ASSERT_TRUE(events) << events.err().message;
  EXPECT_EQ(events->what, verb::events);
  EXPECT_EQ(events->target, "user:alice");  // normalised
  EXPECT_EQ(events->version, 3u);
  EXPECT_EQ(events->limit, 5u);

  auto defaults = parse("events chat:bob");
  ASSERT_TRUE(defaults);
  EXPECT_EQ(defaults->version, 1u);
  EXPECT_EQ(defaults->limit, 20u);

  auto at = parse("at channel:bob 7");
  ASSERT_TRUE(at);
  EXPECT_EQ(at->what, verb::at);
  EXPECT_EQ(at->version, 7u);

  auto actors = parse("actors chat --top mailbox --limit 3");
  ASSERT_TRUE(actors);
  EXPECT_EQ(actors->target, "chat");
  EXPECT_TRUE(actors->top_mailbox);
  EXPECT_EQ(actors->limit, 3u);
  EXPECT_TRUE(parse("actors"));

  auto replay = parse("replay chat");
  ASSERT_TRUE(replay);
  EXPECT_EQ(replay->target, "chat");

  for (std::string_view line : {"stats", "projections", "sessions", "help", "inspect user:alice", "tail chat:alice",
                                "snapshot user:alice", "passivate user:alice"})
    EXPECT_TRUE(parse(line)) << line;
}

TEST(AdminCommandTest, ToWordsRoundTrips) {
  for (std::string_view line : {"events user:alice --from 3 --limit 5", "actors chat --top mailbox --limit 3",
                                "at user:alice 2", "replay chat", "stats"}) {
    auto c = parse(line);
    ASSERT_TRUE(c) << line;
    auto again = parse_command(to_words(*c));
    ASSERT_TRUE(again) << line;
    EXPECT_EQ(to_words(*again), to_words(*c)) << line;
  }
}

TEST(AdminCommandTest, AnUnknownCommandNamesTheClosestOne) {
  EXPECT_EQ(error_of("inspct user:alice"), "unknown command 'inspct' (did you mean 'inspect'?); 'help' lists them");
  EXPECT_NE(error_of("snapshto user:a1ice").find("'snapshot'"), std::string::npos);
  EXPECT_NE(error_of("sess").find("'sessions'"), std::string::npos);  // a prefix
  EXPECT_EQ(error_of("frobnicate"), "unknown command 'frobnicate'; 'help' lists them");
}

TEST(AdminCommandTest, BadArgumentsSayWhatIsWrongInOneLine) {
  EXPECT_NE(error_of("events user:alice --form 3").find("unknown option '--form' for events (did you mean '--from'?)"),
            std::string::npos);
  EXPECT_NE(error_of("actors chats").find("(did you mean 'chat'?)"), std::string::npos);
  EXPECT_NE(error_of("actors --top memory").find("'mailbox'"), std::string::npos);
  EXPECT_NE(error_of("inspect alice").find("is not an entity id"), std::string::npos);
  EXPECT_NE(error_of("inspect user:a").find("is not an entity id"), std::string::npos);  // login too short
  EXPECT_NE(error_of("inspect").find("usage: inspect ID"), std::string::npos);
  EXPECT_NE(error_of("at user:alice seven").find("must be a number"), std::string::npos);
  EXPECT_NE(error_of("events user:alice --limit").find("needs a value"), std::string::npos);
  EXPECT_NE(error_of("stats now").find("takes no arguments"), std::string::npos);
  for (std::string_view line : {"inspct user:alice", "events user:alice --form 3", "inspect"})
    EXPECT_EQ(error_of(line).find('\n'), std::string::npos) << line;
}

TEST(AdminCommandTest, ClosestNameAcceptsOnlyLikelyMisspellings) {
  const std::vector<std::string> ids{"user:alice", "user:bob", "chat:alice"};
  EXPECT_EQ(closest_name("user:alcie", ids), "user:alice");
  EXPECT_EQ(closest_name("user:bbo", ids), "user:bob");
  EXPECT_EQ(closest_name("chat:", ids), "chat:alice");  // a prefix
  EXPECT_EQ(closest_name("channel:zed", ids), "");
  EXPECT_EQ(closest_name("x", {}), "");
}

TEST(AdminCommandTest, NormalisesEntityIds) {
  EXPECT_EQ(normalise_entity_id("Chat:Alice_1"), std::nullopt);  // the kind is lower-case
  EXPECT_EQ(normalise_entity_id("chat:Alice_1"), "chat:alice_1");
  EXPECT_EQ(normalise_entity_id("room:alice"), std::nullopt);
  EXPECT_EQ(normalise_entity_id("user:"), std::nullopt);
}

}  // namespace
}  // namespace streamhub::gateway::admin
