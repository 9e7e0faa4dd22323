#include "protocol/graphql/block_string.hpp"

#include <gtest/gtest.h>

namespace streamhub::graphql {
namespace {

TEST(BlockStringTest, ValueDedentsAndTrims) {
  EXPECT_EQ(block_string_value("\n    Hello,\n      World!\n\n    Yours,\n      GraphQL.\n  "),
            "Hello,\n  World!\n\nYours,\n  GraphQL.");
  EXPECT_EQ(block_string_value("  first line kept\n    a\n  b"), "  first line kept\n  a\nb");
  EXPECT_EQ(block_string_value("\r\n\t\ta\r\t\t b\n"), "a\n b");
  EXPECT_EQ(block_string_value(" \n\t\n"), "");
  EXPECT_EQ(block_string_value(""), "");
}

TEST(BlockStringTest, PrintsLikeGraphqlJs) {
  EXPECT_EQ(print_block_string(""), R"("""""")");
  EXPECT_EQ(print_block_string("one line"), R"("""one line""")");
  EXPECT_EQ(print_block_string("two\nlines"), "\"\"\"\ntwo\nlines\n\"\"\"");
  EXPECT_EQ(print_block_string("  leading space"), "\"\"\"  leading space\"\"\"");
  EXPECT_EQ(print_block_string("  leading\n  both"), "\"\"\"\n  leading\n  both\n\"\"\"");
  EXPECT_EQ(print_block_string("ends with \""), "\"\"\"\nends with \"\n\"\"\"");
  EXPECT_EQ(print_block_string("ends with \\"), "\"\"\"\nends with \\\n\"\"\"");
  EXPECT_EQ(print_block_string("has \"\"\" inside"), "\"\"\"has \\\"\"\" inside\"\"\"");
  EXPECT_EQ(print_block_string("trailing \"\"\""), "\"\"\"\ntrailing \\\"\"\"\n\"\"\"");
  EXPECT_EQ(print_block_string(std::string(71, 'x')), "\"\"\"\n" + std::string(71, 'x') + "\n\"\"\"");
  EXPECT_EQ(print_block_string("a\nb", true), "\"\"\"a\nb\"\"\"");
}

TEST(BlockStringTest, PrintableAsBlockString) {
  EXPECT_TRUE(is_printable_as_block_string(""));
  EXPECT_TRUE(is_printable_as_block_string("plain"));
  EXPECT_TRUE(is_printable_as_block_string("a\n  b"));
  EXPECT_FALSE(is_printable_as_block_string("\nleading newline"));
  EXPECT_FALSE(is_printable_as_block_string("trailing\n"));
  EXPECT_FALSE(is_printable_as_block_string("  common\n  indent"));
  EXPECT_FALSE(is_printable_as_block_string("cr\r"));
  EXPECT_FALSE(is_printable_as_block_string("bell\x07"));
  EXPECT_TRUE(is_printable_as_block_string("x\x10"));  // graphql-js lets U+0010..U+001F pass
}

}  // namespace
}  // namespace streamhub::graphql
