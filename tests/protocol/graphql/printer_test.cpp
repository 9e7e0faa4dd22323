#include "protocol/graphql/printer.hpp"

#include <gtest/gtest.h>

#include "protocol/graphql/parser.hpp"
#include "tests/protocol/graphql/fixture.hpp"

namespace streamhub::graphql {
namespace {

using testing::read_fixture;

std::string reprint(std::string_view source) {
  auto doc = parse_executable(source);
  EXPECT_TRUE(doc.has_value()) << doc.errors().front().message;
  return doc ? print(**doc) : std::string();
}

// The .printed.graphql files are graphql-js's print() of the fixtures.
TEST(PrinterTest, KitchenSinkPrintsAsGraphqlJsDoes) {
  for (const char* name : {"kitchen_sink", "schema_kitchen_sink"}) {
    SCOPED_TRACE(name);
    const std::string printed = reprint(read_fixture(std::string(name) + ".graphql"));
    EXPECT_EQ(printed + "\n", read_fixture(std::string(name) + ".printed.graphql"));
    EXPECT_EQ(reprint(printed), printed);  // round trip is stable
  }
}

TEST(PrinterTest, ShorthandOnlyForPlainAnonymousQueries) {
  EXPECT_EQ(reprint("query { a }"), "{\n  a\n}");
  EXPECT_EQ(reprint("query @d { a }"), "query @d {\n  a\n}");
  EXPECT_EQ(reprint("query ($v: Int) { a }"), "query ($v: Int) {\n  a\n}");
  EXPECT_EQ(reprint("mutation { a }"), "mutation {\n  a\n}");
}

TEST(PrinterTest, LongArgumentListsBreakAtEightyColumns) {
  const std::string args78 = "{ f(a: \"" + std::string(66, 'x') + "\", b: 1) }";  // 80 wide
  EXPECT_EQ(reprint(args78), "{\n  f(a: \"" + std::string(66, 'x') + "\", b: 1)\n}");
  const std::string args81 = "{ f(a: \"" + std::string(67, 'x') + "\", b: 1) }";
  EXPECT_EQ(reprint(args81), "{\n  f(\n    a: \"" + std::string(67, 'x') + "\"\n    b: 1\n  )\n}");
}

TEST(PrinterTest, Values) {
  auto value = parse_value(R"([1, -2.5e3, "a\"b\\c\u0007", """x""", true, null, E, {a: [$v]}])");
  ASSERT_TRUE(value.has_value());
  EXPECT_EQ(print_value(**value), R"([1, -2.5e3, "a\"b\\c\u0007", """x""", true, null, E, {a: [$v]}])");
  auto type = parse_type("[ [ Int ! ] ] !");
  ASSERT_TRUE(type.has_value());
  EXPECT_EQ(print_type(**type), "[[Int!]]!");
}

TEST(PrinterTest, StringEscapesMatchGraphqlJs) {
  EXPECT_EQ(print_string(""), "\"\"");
  EXPECT_EQ(print_string("plain / text"), "\"plain / text\"");
  EXPECT_EQ(print_string("\b\t\n\f\r\x0B\x1F\"\\"), R"("\b\t\n\f\r\u000B\u001F\"\\")");
  EXPECT_EQ(print_string("\x7F\xC2\x80\xC2\x9F\xC2\xA0\xC3\xA9"), "\"\\u007F\\u0080\\u009F\xC2\xA0\xC3\xA9\"");
  EXPECT_EQ(print_string(std::string("nul\0", 4)), R"("nul\u0000")");
}

TEST(PrinterTest, DescriptionsAndMultilineArguments) {
  auto doc = parse_sdl(R"(
type T {
  "short" f("""
  block
  """ a: Int, b: Int = 2 @d): Int
}
)");
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ(print(**doc),
            "type T {\n  \"short\"\n  f(\n    \"\"\"block\"\"\"\n    a: Int\n    b: Int = 2 @d\n  ): "
            "Int\n}");  // graphql-js's output
}

}  // namespace
}  // namespace streamhub::graphql
