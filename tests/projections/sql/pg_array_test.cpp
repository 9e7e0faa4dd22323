#include "projections/sql/pg_array.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace streamhub::projections::sql {
namespace {

TEST(PgArrayTest, AnEmptyArrayIsBraces) { EXPECT_EQ(pg_array{}.literal(), "{}"); }

TEST(PgArrayTest, NumbersBooleansAndNullsAreBare) {
  pg_array a;
  a.add(std::int64_t{-3});
  a.add(std::uint64_t{18446744073709551615u});
  a.add(true);
  a.add_null();
  a.add(std::optional<std::string>{});
  EXPECT_EQ(a.literal(), "{-3,18446744073709551615,t,NULL,NULL}");
  EXPECT_EQ(a.size(), 5u);
}

TEST(PgArrayTest, TextIsQuotedWithQuotesAndBackslashesEscaped) {
  pg_array a;
  a.add("plain");
  a.add(std::string("say \"hi\" \\o/"));
  a.add("{a,b}");
  a.add("NULL");
  a.add("");
  EXPECT_EQ(a.literal(), R"({"plain","say \"hi\" \\o/","{a,b}","NULL",""})");
}

TEST(PgArrayTest, AStringLiteralIsTextNotABoolean) {
  pg_array a;
  a.add("x");
  EXPECT_EQ(a.literal(), R"({"x"})");
}

TEST(PgArrayTest, TextArrayLiteralOfARange) {
  EXPECT_EQ(text_array_literal(std::vector<std::string>{"moderator", "subscriber"}),
            R"({"moderator","subscriber"})");
  EXPECT_EQ(text_array_literal(std::vector<std::string>{}), "{}");
}

}  // namespace
}  // namespace streamhub::projections::sql
