#include "protocol/graphql/suggestions.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace streamhub::graphql {
namespace {

using list = std::vector<std::string_view>;

TEST(SuggestionsTest, ClosestFirstLikeGraphqlJs) {
  const list options = {"String", "Strung", "Int", "string", "Sting", "Character"};
  EXPECT_EQ(suggestion_list("Strin", options), (list{"String", "string", "Sting", "Strung"}));
  EXPECT_EQ(suggestion_list("abc", list{"acb", "abc", "xyz"}), (list{"abc", "acb"}));  // transposition
  EXPECT_EQ(suggestion_list("a", list{"b", "ab"}), (list{"ab", "b"}));
  EXPECT_TRUE(suggestion_list("zzz", list{"Character"}).empty());
  EXPECT_EQ(suggestion_list("f1", list{"f10", "f2", "f1x"}), (list{"f1x", "f2", "f10"}));
}

TEST(SuggestionsTest, DidYouMean) {
  EXPECT_EQ(did_you_mean(list{}), "");
  EXPECT_EQ(did_you_mean(list{"A"}), " Did you mean \"A\"?");
  EXPECT_EQ(did_you_mean(list{"A", "B"}), " Did you mean \"A\" or \"B\"?");
  EXPECT_EQ(did_you_mean(list{"A", "B", "C", "D", "E", "F"}),
            " Did you mean \"A\", \"B\", \"C\", \"D\", or \"E\"?");
  EXPECT_EQ(did_you_mean(list{"X"}, "the enum value"), " Did you mean the enum value \"X\"?");
}

}  // namespace
}  // namespace streamhub::graphql
