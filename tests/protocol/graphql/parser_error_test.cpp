#include "protocol/graphql/parser.hpp"

#include <gtest/gtest.h>

#include <string>

// Syntax errors: message, line and column as graphql-js 16 reports them for
// the same source (the expectations below were produced by graphql-js).

namespace streamhub::graphql {
namespace {

struct error_case {
  const char* source;
  const char* message;  // "" when the source is valid
  std::uint32_t line;
  std::uint32_t column;
};

const error_case error_cases[] = {
    {"", "Syntax Error: Unexpected <EOF>.", 1, 1},
    {"{", "Syntax Error: Expected Name, found <EOF>.", 1, 2},
    {"{ a", "Syntax Error: Expected Name, found <EOF>.", 1, 4},
    {"query", "Syntax Error: Expected \"{\", found <EOF>.", 1, 6},
    {"query Foo(", "Syntax Error: Expected \"$\", found <EOF>.", 1, 11},
    {"{ ...on }", "Syntax Error: Expected Name, found \"}\".", 1, 9},
    {"fragment on on T { a }", "Syntax Error: Unexpected Name \"on\".", 1, 10},
    {"{ a(b: $) }", "Syntax Error: Expected Name, found \")\".", 1, 9},
    {"query ($a: Int = $b) { a }", "Syntax Error: Unexpected variable \"$b\" in constant value.", 1, 18},
    {"{ a(x: 1.) }", "Syntax Error: Invalid number, expected digit but got: \")\".", 1, 10},
    {"{ a(x: 01) }", "Syntax Error: Invalid number, unexpected digit after 0: \"1\".", 1, 9},
    {"{ a(x: 1e) }", "Syntax Error: Invalid number, expected digit but got: \")\".", 1, 10},
    {"{ a(x: 1a) }", "Syntax Error: Invalid number, expected digit but got: \"a\".", 1, 9},
    {"{ a(x: 1.2.3) }", "Syntax Error: Invalid number, expected digit but got: \".\".", 1, 11},
    {"{ a(x: -) }", "Syntax Error: Invalid number, expected digit but got: \")\".", 1, 9},
    {"{ a(x: 0x1) }", "Syntax Error: Invalid number, expected digit but got: \"x\".", 1, 9},
    {"{ a(x: -01) }", "Syntax Error: Invalid number, unexpected digit after 0: \"1\".", 1, 10},
    {"{ a(x: 1.5e+) }", "Syntax Error: Invalid number, expected digit but got: \")\".", 1, 13},
    {"{ a(x: .5) }", "Syntax Error: Unexpected character: \".\".", 1, 8},
    {"{ a(x: \"abc) }", "Syntax Error: Unterminated string.", 1, 15},
    {"{ a(x: \"a\\qb\") }", "Syntax Error: Invalid character escape sequence: \"\\q\".", 1, 10},
    {"{ a(x: \"\\u{}\") }", "Syntax Error: Invalid Unicode escape sequence: \"\\u{}\".", 1, 9},
    {"{ a(x: \"\\u{110000}\") }", "Syntax Error: Invalid Unicode escape sequence: \"\\u{110000}\".", 1, 9},
    {"{ a(x: \"\\uD800\") }", "Syntax Error: Invalid Unicode escape sequence: \"\\uD800\".", 1, 9},
    {"{ a(x: \"\\uD800\\u0041\") }", "Syntax Error: Invalid Unicode escape sequence: \"\\uD800\".", 1, 9},
    {"{ a(x: \"\\u{1G}\") }", "Syntax Error: Invalid Unicode escape sequence: \"\\u{1G\".", 1, 9},
    {"{ a(x: \"\\uXYZW\") }", "Syntax Error: Invalid Unicode escape sequence: \"\\uXYZW\".", 1, 9},
    {"{ a(x: \"\\u{DFFF}\") }", "Syntax Error: Invalid Unicode escape sequence: \"\\u{DFFF}\".", 1, 9},
    {"{ a(x: \"\\uDC00\\uD800\") }", "Syntax Error: Invalid Unicode escape sequence: \"\\uDC00\".", 1, 9},
    {"{ a(x: \"\\u{123456789}\") }", "Syntax Error: Invalid Unicode escape sequence: \"\\u{123456789\".", 1, 9},
    {"{ a(x: \"\\u{1\") }", "Syntax Error: Invalid Unicode escape sequence: \"\\u{1\"\".", 1, 9},
    {"{ a(x: \"\\\u00e9\") }", "Syntax Error: Invalid character escape sequence: \"\\\u00e9\".", 1, 9},
    {"{ a(x: \"\"\"abc) }", "Syntax Error: Unterminated string.", 1, 17},
    {"{ a(x: 'a') }", "Syntax Error: Unexpected single quote character ('), did you mean to use a double quote (\")?", 1, 8},
    {"{ a ? }", "Syntax Error: Unexpected character: \"?\".", 1, 5},
    {"{ a .. }", "Syntax Error: Unexpected character: \".\".", 1, 5},
    {"{ \u00e9 }", "Syntax Error: Unexpected character: U+00E9.", 1, 3},
    {"{ \U0001f600 }", "Syntax Error: Unexpected character: U+1F600.", 1, 3},
    {"{ \x07"" }", "Syntax Error: Unexpected character: U+0007.", 1, 3},
    {"\"desc\" query { a }", "Syntax Error: Unexpected description, descriptions are supported only on type definitions.", 1, 1},
    {"\"desc\" { a }", "Syntax Error: Unexpected \"{\".", 1, 8},
    {"\"d\" extend type A @x", "Syntax Error: Unexpected description, descriptions are supported only on type definitions.", 1, 1},
    {"extend type A", "Syntax Error: Unexpected <EOF>.", 1, 14},
    {"extend foo", "Syntax Error: Unexpected Name \"foo\".", 1, 8},
    {"type A { a: [Int }", "Syntax Error: Expected \"]\", found \"}\".", 1, 18},
    {"enum E { true }", "Syntax Error: Name \"true\" is reserved and cannot be used for an enum value.", 1, 10},
    {"enum E { null }", "Syntax Error: Name \"null\" is reserved and cannot be used for an enum value.", 1, 10},
    {"directive @a on FOO", "Syntax Error: Unexpected Name \"FOO\".", 1, 17},
    {"directive @a on", "Syntax Error: Expected Name, found <EOF>.", 1, 16},
    {"type A implements", "Syntax Error: Expected Name, found <EOF>.", 1, 18},
    {"union U = ", "Syntax Error: Expected Name, found <EOF>.", 1, 11},
    {"schema { query }", "Syntax Error: Expected \":\", found \"}\".", 1, 16},
    {"schema { foo: Q }", "Syntax Error: Unexpected Name \"foo\".", 1, 10},
    {"extend schema", "Syntax Error: Unexpected <EOF>.", 1, 14},
    {"{ a }}", "Syntax Error: Unexpected \"}\".", 1, 6},
    {"query Q { a } garbage", "Syntax Error: Unexpected Name \"garbage\".", 1, 15},
    {"type A {}", "Syntax Error: Expected Name, found \"}\".", 1, 9},
    {"{ a\r\n  b(x: \"\r\n\") }", "Syntax Error: Unterminated string.", 2, 9},
    {"\ufeff{ a(x: ?) }", "Syntax Error: Unexpected character: \"?\".", 1, 9},
    {"{ a(x: \"\U0001f600\" y: ?) }", "Syntax Error: Unexpected character: \"?\".", 1, 16},
    {"{ a }\n\n  \r  ?", "Syntax Error: Unexpected character: \"?\".", 4, 3},
    {"{ a }\r\r\n?", "Syntax Error: Unexpected character: \"?\".", 3, 1},
    {"input I { a: Int = $x }", "Syntax Error: Unexpected variable \"$x\" in constant value.", 1, 20},
    {"scalar S @", "Syntax Error: Expected Name, found <EOF>.", 1, 11},
    {"extend scalar S", "Syntax Error: Unexpected <EOF>.", 1, 16},
    {"extend union U", "Syntax Error: Unexpected <EOF>.", 1, 15},
    {"extend enum E", "Syntax Error: Unexpected <EOF>.", 1, 14},
    {"extend input I", "Syntax Error: Unexpected <EOF>.", 1, 15},
    {"extend interface I", "Syntax Error: Unexpected <EOF>.", 1, 19},
    {"extend directive @a", "Syntax Error: Unexpected Name \"directive\".", 1, 8},
    {"query Q($a) { a }", "Syntax Error: Expected \":\", found \")\".", 1, 11},
    {"query Q(a: Int) { a }", "Syntax Error: Expected \"$\", found Name \"a\".", 1, 9},
    {"{ a(x: {b}) }", "Syntax Error: Expected \":\", found \"}\".", 1, 10},
    {"{ a(x: [1 2) }", "Syntax Error: Unexpected \")\".", 1, 12},
    {"{ a(x: {b: 1) }", "Syntax Error: Expected Name, found \")\".", 1, 13},
    {"{ a @ }", "Syntax Error: Expected Name, found \"}\".", 1, 7},
    {"{ ... }", "Syntax Error: Expected \"{\", found \"}\".", 1, 7},
    {"{ ... on }", "Syntax Error: Expected Name, found \"}\".", 1, 10},
    {"fragment F { a }", "Syntax Error: Expected \"on\", found \"{\".", 1, 12},
    {"fragment F on { a }", "Syntax Error: Expected Name, found \"{\".", 1, 15},
    {"mutation", "Syntax Error: Expected \"{\", found <EOF>.", 1, 9},
    {"subscription S($a: Int) @d", "Syntax Error: Expected \"{\", found <EOF>.", 1, 27},
    {"query ", "Syntax Error: Expected \"{\", found <EOF>.", 1, 7},
    {"directive a on FIELD", "Syntax Error: Expected \"@\", found Name \"a\".", 1, 11},
    {"directive @a(x) on FIELD", "Syntax Error: Expected \":\", found \")\".", 1, 15},
    {"directive @a repeatable FIELD", "Syntax Error: Expected \"on\", found Name \"FIELD\".", 1, 25},
    {"type T { a(): Int }", "Syntax Error: Expected Name, found \")\".", 1, 12},
    {"type T { a: }", "Syntax Error: Expected Name, found \"}\".", 1, 13},
    {"input I { a }", "Syntax Error: Expected \":\", found \"}\".", 1, 13},
    {"union U = | ", "Syntax Error: Expected Name, found <EOF>.", 1, 13},
    {"type T implements A & { a: Int }", "Syntax Error: Expected Name, found \"{\".", 1, 23},
    {"enum E { A, B, }", "", 0, 0},
    {"{ a }\n# comment \u00e9\n?", "Syntax Error: Unexpected character: \"?\".", 3, 1},
    {"{ a(x: \"\"\" a \\\"\"\"\"\"\" b) }", "Syntax Error: Expected \":\", found \")\".", 1, 23},
};

TEST(ParserErrorTest, MessagesAndLocationsMatchGraphqlJs) {
  for (const auto& c : error_cases) {
    SCOPED_TRACE(c.source);
    auto doc = parse_executable(c.source);
    if (*c.message == '\0') {
      EXPECT_TRUE(doc.has_value()) << doc.errors().front().message;
      continue;
    }
    ASSERT_FALSE(doc.has_value());
    ASSERT_EQ(doc.errors().size(), 1u);
    const auto& err = doc.errors().front();
    EXPECT_EQ(err.message, c.message);
    ASSERT_EQ(err.locations.size(), 1u);
    EXPECT_EQ(err.locations[0], (source_location{c.line, c.column}));
  }
}

void expect_error(const outcome<std::shared_ptr<const document>>& doc, std::string_view message,
                  source_location at) {
  ASSERT_FALSE(doc.has_value());
  EXPECT_EQ(doc.errors().front().message, message);
  ASSERT_EQ(doc.errors().front().locations.size(), 1u);
  EXPECT_EQ(doc.errors().front().locations[0], at);
}

TEST(ParserErrorTest, SdlRejectsExecutableDefinitions) {
  expect_error(parse_sdl("type Q { a: Int }\nquery { a }"), "Syntax Error: Unexpected Name \"query\".",
               {2, 1});
  expect_error(parse_sdl("{ a }"), "Syntax Error: Unexpected \"{\".", {1, 1});
  expect_error(parse_sdl("fragment F on Q { a }"), "Syntax Error: Unexpected Name \"fragment\".",
               {1, 1});
}

TEST(ParserErrorTest, InvalidUtf8IsASyntaxError) {
  expect_error(parse_executable("{ a(x: \"\xC3\x28\") }"),
               "Syntax Error: Invalid UTF-8 byte sequence.", {1, 9});
  expect_error(parse_executable("# \xED\xA0\x80 surrogate\n{ a }"),
               "Syntax Error: Invalid UTF-8 byte sequence.", {1, 3});
  expect_error(parse_executable("{ a } \xF4\x90\x80\x80"), "Syntax Error: Invalid UTF-8 byte sequence.",
               {1, 7});
  expect_error(parse_executable("{ a } \xC0\xAF"), "Syntax Error: Invalid UTF-8 byte sequence.", {1, 7});
  expect_error(parse_executable("{ a } \xE2\x82"), "Syntax Error: Invalid UTF-8 byte sequence.", {1, 7});
}

TEST(ParserErrorTest, ValueAndTypeEntryPointsRequireTheWholeSource) {
  auto value = parse_value("1 2");
  ASSERT_FALSE(value.has_value());
  EXPECT_EQ(value.errors().front().message, "Syntax Error: Expected <EOF>, found Int \"2\".");
  auto constant = parse_value("[$x]", true);
  ASSERT_FALSE(constant.has_value());
  EXPECT_EQ(constant.errors().front().message,
            "Syntax Error: Unexpected variable \"$x\" in constant value.");
  auto type = parse_type("[Int]]");
  ASSERT_FALSE(type.has_value());
  EXPECT_EQ(type.errors().front().message, "Syntax Error: Expected <EOF>, found \"]\".");
}

}  // namespace
}  // namespace streamhub::graphql
