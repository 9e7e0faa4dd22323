#include "protocol/domain/emotes.hpp"

#include <gtest/gtest.h>

namespace streamhub::domain {
namespace {

TEST(EmotesTest, KnowsTheGlobalSetCaseSensitively) {
  EXPECT_TRUE(is_emote("Kappa"));
  EXPECT_TRUE(is_emote("PogChamp"));
  EXPECT_TRUE(is_emote("<3"));
  EXPECT_TRUE(is_emote(":)"));
  EXPECT_TRUE(is_emote("4Head"));   // First in sort order.
  EXPECT_TRUE(is_emote("monkaS"));  // Last.
  EXPECT_FALSE(is_emote("kappa"));
  EXPECT_FALSE(is_emote("KAPPA"));
  EXPECT_FALSE(is_emote("Kappa!"));
  EXPECT_FALSE(is_emote(""));
}

TEST(EmotesTest, EmoteOnlyNeedsEveryWordToBeAnEmote) {
  EXPECT_TRUE(is_emote_only("Kappa"));
  EXPECT_TRUE(is_emote_only("Kappa PogChamp <3"));
  EXPECT_TRUE(is_emote_only("  Kappa\tKappa  "));
  EXPECT_FALSE(is_emote_only("Kappa hello"));
  EXPECT_FALSE(is_emote_only("hello"));
  EXPECT_FALSE(is_emote_only("KappaKappa"));
}

TEST(EmotesTest, EmptyOrBlankTextIsNotEmoteOnly) {
  EXPECT_FALSE(is_emote_only(""));
  EXPECT_FALSE(is_emote_only("   "));
  EXPECT_FALSE(is_emote_only("\t"));
}

}  // namespace
}  // namespace streamhub::domain
